package syncer

import (
	"context"
	"errors"
	"fmt"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
)

// keySpec is what a new key file says besides its keys.
type keySpec struct {
	epoch, prev uint64
	dev         string
	kdf         crypto.KDFParams
	salt        []byte
	body        format.KeyBody
	prevKey     *crypto.Key // the replaced epoch's data key; nil for a folder's first
}

// buildKeyFile makes a version 2 key file: data key dk wrapped by password
// key pk, the body sealed by dk, and the chain sealed by the replaced
// epoch's key, proving the writer held it.
func buildKeyFile(pk, dk *crypto.Key, s keySpec) []byte {
	kf := format.KeyFile{Version: format.SyncKeyVersion, Epoch: s.epoch, Device: s.dev, KDF: s.kdf, Salt: s.salt, Prev: s.prev}
	kf.WrappedKey = crypto.Wrap(pk, dk, format.KeyAD(kf))
	plain := format.AppendKeyBody(nil, s.body)
	kf.Body = dk.Seal(plain, format.BodyAD(kf))
	crypto.Zero(plain)
	if s.prevKey != nil {
		kf.Chain = s.prevKey.Seal(nil, format.ChainAD(kf))
	}
	return format.AppendKeyFile(nil, kf)
}

// bodyKeys lists keys for a key file's body. Callers wipe nothing: the
// slices alias the keys.
func bodyKeys(keys map[uint64]*crypto.Key) []format.EpochKey {
	list := make([]format.EpochKey, 0, len(keys))
	for ep, k := range keys {
		list = append(list, format.EpochKey{Epoch: ep, Key: k.Bytes()})
	}
	return list
}

// chainedTo reports whether kf was made by someone holding key, the data
// key of epoch kf.Prev.
func chainedTo(kf format.KeyFile, key *crypto.Key) bool {
	if kf.Version < 2 || kf.Prev == 0 || key == nil {
		return false
	}
	_, err := key.Open(kf.Chain, format.ChainAD(kf))
	return err == nil
}

// errDamagedKeyFile is a key file whose data key unwraps but whose body
// does not open: the password is right, the file is not.
var errDamagedKeyFile = errors.New("the sync key file is damaged")

// opened is a key file unlocked with a password.
type opened struct {
	kf      format.KeyFile
	raw     []byte
	keys    map[uint64]*crypto.Key // its epoch's key and the older ones it carries
	cutoffs []format.Cutoff
	digests []format.FileDigest
}

func (o *opened) wipe() {
	for _, k := range o.keys {
		k.Wipe()
	}
}

// openKeyFile unwraps a parsed key file's data key with password key pk,
// and opens its body. A wrong password gives ErrWrongSyncPassword.
func openKeyFile(pk *crypto.Key, raw []byte, kf format.KeyFile) (*opened, error) {
	dk, err := crypto.Unwrap(pk, kf.WrappedKey, format.KeyAD(kf))
	if errors.Is(err, crypto.ErrDecrypt) {
		return nil, ErrWrongSyncPassword
	} else if err != nil {
		return nil, err
	}
	body, err := openBody(dk, kf)
	if err != nil {
		dk.Wipe()
		return nil, fmt.Errorf("%w: %w", errDamagedKeyFile, err)
	}
	o := &opened{kf: kf, raw: raw, keys: map[uint64]*crypto.Key{kf.Epoch: dk}, cutoffs: body.Cutoffs, digests: body.Digests}
	for _, ek := range body.Keys {
		if k, err := crypto.KeyFromBytes(ek.Key); err == nil && ek.Epoch < kf.Epoch && o.keys[ek.Epoch] == nil {
			o.keys[ek.Epoch] = k
		}
		crypto.Zero(ek.Key)
	}
	return o, nil
}

// openBody opens a key file's body with its data key.
func openBody(dk *crypto.Key, kf format.KeyFile) (format.KeyBody, error) {
	plain, err := dk.Open(kf.Body, format.BodyAD(kf))
	if err != nil {
		return format.KeyBody{}, err
	}
	defer crypto.Zero(plain)
	if kf.Version < 2 {
		keys, err := format.ParseEpochKeys(plain)
		return format.KeyBody{Keys: keys}, err
	}
	return format.ParseKeyBody(plain)
}

// sealedBy reports whether kf's body was sealed by key: whoever wrote the
// file held that epoch's data key.
func sealedBy(kf format.KeyFile, key *crypto.Key) bool {
	if key == nil {
		return false
	}
	plain, err := key.Open(kf.Body, format.BodyAD(kf))
	crypto.Zero(plain)
	return err == nil
}

// derive runs Argon2id for a password, outside the engine's lock and
// abandoned when ctx ends.
func (e *Engine) derive(ctx context.Context, password string, salt []byte, p crypto.KDFParams) (*crypto.Key, error) {
	if e.cfg.Derive != nil {
		return e.cfg.Derive(ctx, []byte(password), salt, p)
	}
	return crypto.DeriveKeyContext(ctx, []byte(password), salt, p)
}
