package native

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"vaultbar/backend/crypto"
	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

var light = crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

func sample(t testing.TB) []byte {
	e := &model.Entity{ID: "r1", Kind: model.KindRecord, Regs: map[string]model.Reg{model.RegName: {V: "GitHub"}}}
	b, err := Seal([]*model.Entity{e}, []byte("pw"), light)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSealParse(t *testing.T) {
	res, err := Parse(sample(t), interchange.Options{Password: []byte("pw")})
	if err != nil || len(res.Entities) != 1 || res.Entities[0].Get(model.RegName) != "GitHub" || !res.Encrypted {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestParseBadInput(t *testing.T) {
	good := sample(t)
	newer := bytes.Clone(good)
	binary.BigEndian.PutUint16(newer[len(Magic):], Version+1)
	costly := bytes.Clone(good)
	binary.BigEndian.PutUint32(costly[len(Magic)+6:], 8<<20)
	flipped := bytes.Clone(good)
	flipped[len(flipped)-3] ^= 1
	header := bytes.Clone(good)
	header[len(Magic)+13] ^= 1 // a salt byte: authenticated as associated data as associated data
	for name, c := range map[string]struct {
		data []byte
		pw   string
		want error
	}{
		"no password":    {good, "", interchange.ErrNeedsPassword},
		"wrong password": {good, "px", interchange.ErrWrongPassword},
		"newer":          {newer, "pw", interchange.ErrNewerVersion},
		"costly kdf":     {costly, "pw", interchange.ErrTooLarge},
		"truncated":      {good[:len(Magic)+20], "pw", interchange.ErrDamaged},
		"flipped":        {flipped, "pw", interchange.ErrWrongPassword},
		"header changed": {header, "pw", interchange.ErrWrongPassword},
		"not an export":  {[]byte("hello"), "pw", interchange.ErrUnknownFormat},
	} {
		if _, err := Parse(c.data, interchange.Options{Password: []byte(c.pw)}); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(sample(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		// Bound the work a fuzzed header asks for.
		if len(b) > len(Magic)+10 && (binary.BigEndian.Uint32(b[len(Magic)+2:]) > 2 || binary.BigEndian.Uint32(b[len(Magic)+6:]) > 1024) {
			return
		}
		Parse(b, interchange.Options{Password: []byte("pw")})
	})
}
