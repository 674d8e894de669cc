package syncer

import (
	"bytes"
	"testing"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
)

// FuzzOpenKeyFile: no bytes but a real key file's open with its password,
// and none but a real chain passes for one; nothing panics.
func FuzzOpenKeyFile(f *testing.F) {
	salt := bytes.Repeat([]byte{1}, crypto.SaltSize)
	pk, _ := crypto.DeriveKey([]byte("pw"), salt, lightKDF)
	// Fixed keys: fuzz workers rebuild these, and must open the seeds.
	prev, _ := crypto.KeyFromBytes(bytes.Repeat([]byte{2}, crypto.KeySize))
	dk, _ := crypto.KeyFromBytes(bytes.Repeat([]byte{3}, crypto.KeySize))
	body := format.KeyBody{Keys: []format.EpochKey{{Epoch: 1, Key: prev.Bytes()}}, Cutoffs: []format.Cutoff{{Epoch: 2, Device: "a", Seq: 3}}}
	real := buildKeyFile(pk, dk, keySpec{epoch: 2, prev: 1, dev: "a", kdf: lightKDF, salt: salt, body: body, prevKey: prev})
	f.Add(real)
	f.Add(version1KeyFileFor(pk, salt))
	f.Fuzz(func(t *testing.T, b []byte) {
		kf, err := format.ParseKeyFile(b)
		if err != nil {
			return
		}
		// The seals cover every header field: whatever opens says what
		// the real file says.
		authentic := kf.Device == "a" && bytes.Equal(kf.Salt, salt) && kf.KDF == lightKDF &&
			(kf.Version == 1 && kf.Epoch == 1 || kf.Version == 2 && kf.Epoch == 2 && kf.Prev == 1)
		if o, err := openKeyFile(pk, b, kf); err == nil {
			if !authentic || (kf.Version == 2 && len(o.cutoffs) != 1) {
				t.Fatalf("a changed key file opened: %+v", kf)
			}
			o.wipe()
		}
		if chainedTo(kf, prev) && !authentic {
			t.Fatalf("a changed key file passed for chained: %+v", kf)
		}
	})
}

func version1KeyFileFor(pk *crypto.Key, salt []byte) []byte {
	dk, _ := crypto.KeyFromBytes(bytes.Repeat([]byte{4}, crypto.KeySize))
	kf := format.KeyFile{Version: 1, Epoch: 1, Device: "a", KDF: lightKDF, Salt: salt}
	kf.WrappedKey = crypto.Wrap(pk, dk, format.KeyAD(kf))
	kf.Body = dk.Seal(nil, format.BodyAD(kf))
	return format.AppendKeyFile(nil, kf)
}
