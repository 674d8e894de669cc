package keepass

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"vaultbar/backend/interchange"
)

// The signature every KDBX file starts with.
var (
	sig1 = []byte{0x03, 0xd9, 0xa2, 0x9a}
	sig2 = []byte{0x67, 0xfb, 0x4b, 0xb5}
)

// Cipher and KDF ids from the KDBX specification.
var (
	cipherAES256   = []byte{0x31, 0xc1, 0xf2, 0xe6, 0xbf, 0x71, 0x43, 0x50, 0xbe, 0x58, 0x05, 0x21, 0x6a, 0xfc, 0x5a, 0xff}
	cipherChaCha20 = []byte{0xd6, 0x03, 0x8a, 0x2b, 0x8b, 0x6f, 0x4c, 0xb5, 0xa5, 0x24, 0x33, 0x9a, 0x31, 0xdb, 0xb5, 0x9a}
	kdfAES3        = []byte{0xc9, 0xd9, 0xf3, 0x9a, 0x62, 0x8a, 0x44, 0x60, 0xbf, 0x74, 0x0d, 0x08, 0xc1, 0x8a, 0x4f, 0xea}
	kdfAES4        = []byte{0x7c, 0x02, 0xbb, 0x82, 0x79, 0xa7, 0x4a, 0xc0, 0x92, 0x7d, 0x11, 0x4a, 0x00, 0x64, 0x82, 0x38}
	kdfArgon2d     = []byte{0xef, 0x63, 0x6d, 0xdf, 0x8c, 0x29, 0x44, 0x4b, 0x91, 0xf7, 0xa9, 0xa4, 0x03, 0xe3, 0x0a, 0x0c}
	kdfArgon2id    = []byte{0x9e, 0x29, 0x8b, 0x19, 0x56, 0xdb, 0x47, 0x73, 0xb2, 0x3d, 0xfc, 0x3e, 0xc6, 0xf0, 0xa1, 0xe6}
)

// Limits on what a file may ask the key derivation to spend. KeePassXC's
// own defaults (about a second on the machine that made the file) sit far
// below them; a file past them is refused before deriving anything.
const (
	MaxArgonMemory     = 1 << 30 // bytes
	MaxArgonIterations = 1000
	MaxArgonLanes      = 64
	MaxAESRounds       = 500_000_000
)

// Header is the unencrypted start of a KDBX file.
type Header struct {
	Major, Minor uint16
	Cipher       []byte
	Compressed   bool
	MasterSeed   []byte
	IV           []byte
	KDF          KDF
	// KDBX 3.1 only.
	ProtectedStreamKey []byte
	StreamStartBytes   []byte
	InnerStreamID      uint32
	// Raw is the header's bytes, which KDBX 4 authenticates; End is where
	// the payload starts.
	Raw []byte
	End int
}

// KDF is the key derivation a file asks for.
type KDF struct {
	ID          []byte // one of the kdf* ids
	Salt        []byte // Argon2 salt or AES-KDF seed
	Rounds      uint64 // AES-KDF
	Iterations  uint64 // Argon2
	Memory      uint64 // Argon2, bytes
	Parallelism uint32 // Argon2
	Version     uint32 // Argon2: 0x13
}

// Name is a person's name for the KDF.
func (k KDF) Name() string {
	switch {
	case bytes.Equal(k.ID, kdfArgon2d):
		return "Argon2d"
	case bytes.Equal(k.ID, kdfArgon2id):
		return "Argon2id"
	default:
		return "AES-KDF"
	}
}

// IsKDBX reports whether data starts with the KDBX signature.
func IsKDBX(head []byte) bool {
	return len(head) >= 8 && bytes.Equal(head[:4], sig1) && bytes.Equal(head[4:8], sig2)
}

// ParseHeader reads and bounds a KDBX header. It does no cryptography.
func ParseHeader(data []byte) (Header, error) {
	if !IsKDBX(data) {
		return Header{}, fmt.Errorf("no KeePass signature: %w", interchange.ErrUnknownFormat)
	}
	if len(data) < 12 {
		return Header{}, fmt.Errorf("kdbx header: %w", interchange.ErrDamaged)
	}
	h := Header{Minor: binary.LittleEndian.Uint16(data[8:]), Major: binary.LittleEndian.Uint16(data[10:])}
	switch {
	case h.Major > 4:
		return Header{}, fmt.Errorf("kdbx version %d.%d: %w", h.Major, h.Minor, interchange.ErrNewerVersion)
	case h.Major < 3:
		return Header{}, fmt.Errorf("kdbx version %d.%d is from KeePass 1 or an early 2.x; save it again in KeePassXC: %w", h.Major, h.Minor, interchange.ErrUnknownFormat)
	}
	end, err := h.readFields(data)
	if err != nil {
		return Header{}, err
	}
	h.Raw, h.End = data[:end], end
	return h, h.check()
}

// readFields reads the type-length-value fields after the signature and
// returns where the header ends.
func (h *Header) readFields(data []byte) (int, error) {
	p := 12
	for {
		id, val, next, err := h.field(data, p)
		if err != nil {
			return 0, err
		}
		p = next
		if id == 0 {
			return p, nil
		}
		if err := h.set(id, val); err != nil {
			return 0, err
		}
	}
}

func (h *Header) field(data []byte, p int) (id byte, val []byte, next int, err error) {
	width := 2
	if h.Major >= 4 {
		width = 4
	}
	if p+1+width > len(data) {
		return 0, nil, 0, fmt.Errorf("kdbx header is cut short: %w", interchange.ErrDamaged)
	}
	id = data[p]
	var n uint64
	if width == 2 {
		n = uint64(binary.LittleEndian.Uint16(data[p+1:]))
	} else {
		n = uint64(binary.LittleEndian.Uint32(data[p+1:]))
	}
	p += 1 + width
	if n > uint64(len(data)-p) {
		return 0, nil, 0, fmt.Errorf("kdbx header field %d runs past the end: %w", id, interchange.ErrDamaged)
	}
	return id, data[p : p+int(n)], p + int(n), nil
}

func (h *Header) set(id byte, v []byte) error {
	switch id {
	case 2:
		h.Cipher = v
	case 3:
		if len(v) != 4 {
			return fmt.Errorf("kdbx compression flag: %w", interchange.ErrDamaged)
		}
		h.Compressed = binary.LittleEndian.Uint32(v) == 1
	case 4:
		h.MasterSeed = v
	case 5:
		h.KDF.Salt = v
	case 6:
		if len(v) != 8 {
			return fmt.Errorf("kdbx transform rounds: %w", interchange.ErrDamaged)
		}
		h.KDF.ID, h.KDF.Rounds = kdfAES3, binary.LittleEndian.Uint64(v)
	case 7:
		h.IV = v
	case 8:
		h.ProtectedStreamKey = v
	case 9:
		h.StreamStartBytes = v
	case 10:
		if len(v) != 4 {
			return fmt.Errorf("kdbx inner stream id: %w", interchange.ErrDamaged)
		}
		h.InnerStreamID = binary.LittleEndian.Uint32(v)
	case 11:
		return h.KDF.parse(v)
	}
	return nil // comments, public custom data and unknown ids are ignored
}

// check refuses headers that miss what decryption needs or ask for more
// work than the limits allow.
func (h *Header) check() error {
	switch {
	case len(h.Cipher) == 0 || h.KDF.ID == nil:
		return fmt.Errorf("kdbx header has no cipher or key derivation: %w", interchange.ErrDamaged)
	case !bytes.Equal(h.Cipher, cipherAES256) && !bytes.Equal(h.Cipher, cipherChaCha20):
		return fmt.Errorf("the file uses a cipher other than AES-256 or ChaCha20 (Twofish?), which Vaultbar cannot read: %w", interchange.ErrUnknownFormat)
	case len(h.MasterSeed) != 32:
		return fmt.Errorf("kdbx master seed: %w", interchange.ErrDamaged)
	case bytes.Equal(h.Cipher, cipherAES256) && len(h.IV) != 16,
		bytes.Equal(h.Cipher, cipherChaCha20) && len(h.IV) != 12:
		return fmt.Errorf("kdbx encryption iv: %w", interchange.ErrDamaged)
	case h.Major < 4 && (len(h.StreamStartBytes) != 32 || len(h.KDF.Salt) != 32):
		return fmt.Errorf("kdbx 3 header is incomplete: %w", interchange.ErrDamaged)
	}
	return h.KDF.check()
}

// kdfTooCostly wraps interchange.ErrTooLarge for a KDF that asks too much.
func kdfTooCostly(what string, got, max uint64) error {
	return fmt.Errorf("the file asks its key derivation for %s %d, more than the %d Vaultbar allows: %w", what, got, max, interchange.ErrTooLarge)
}

func (k KDF) check() error {
	switch {
	case bytes.Equal(k.ID, kdfAES3), bytes.Equal(k.ID, kdfAES4):
		if len(k.Salt) != 32 {
			return fmt.Errorf("aes-kdf seed: %w", interchange.ErrDamaged)
		}
		if k.Rounds > MaxAESRounds {
			return kdfTooCostly("rounds", k.Rounds, MaxAESRounds)
		}
		return nil
	case bytes.Equal(k.ID, kdfArgon2d), bytes.Equal(k.ID, kdfArgon2id):
		return k.checkArgon()
	}
	return fmt.Errorf("the file uses an unknown key derivation: %w", interchange.ErrUnknownFormat)
}

func (k KDF) checkArgon() error {
	switch {
	case k.Memory > MaxArgonMemory:
		return kdfTooCostly("memory (bytes)", k.Memory, MaxArgonMemory)
	case k.Iterations > MaxArgonIterations:
		return kdfTooCostly("iterations", k.Iterations, MaxArgonIterations)
	case k.Parallelism > MaxArgonLanes:
		return kdfTooCostly("lanes", uint64(k.Parallelism), MaxArgonLanes)
	case len(k.Salt) < 8 || k.Version != 0x13 || k.Iterations == 0 || k.Parallelism == 0 || k.Memory < 8*1024*uint64(k.Parallelism):
		return fmt.Errorf("argon2 parameters: %w", interchange.ErrDamaged)
	}
	return nil
}

// parse reads the KDF parameters, a KDBX 4 variant dictionary.
func (k *KDF) parse(v []byte) error {
	bad := fmt.Errorf("kdbx kdf parameters: %w", interchange.ErrDamaged)
	if len(v) < 2 || v[1] != 1 {
		return bad
	}
	for p := 2; ; {
		if p >= len(v) {
			return bad
		}
		typ := v[p]
		if typ == 0 {
			return nil
		}
		name, val, next, ok := dictItem(v, p+1)
		if !ok {
			return bad
		}
		p = next
		if err := k.setParam(name, typ, val); err != nil {
			return err
		}
	}
}

// dictItem reads a variant dictionary item's name and value after its type.
func dictItem(v []byte, p int) (name string, val []byte, next int, ok bool) {
	nameB, p, ok := lenPrefixed(v, p)
	if !ok {
		return "", nil, 0, false
	}
	val, p, ok = lenPrefixed(v, p)
	return string(nameB), val, p, ok
}

func lenPrefixed(v []byte, p int) ([]byte, int, bool) {
	if p+4 > len(v) {
		return nil, 0, false
	}
	n := uint64(binary.LittleEndian.Uint32(v[p:]))
	p += 4
	if n > uint64(len(v)-p) {
		return nil, 0, false
	}
	return v[p : p+int(n)], p + int(n), true
}

func (k *KDF) setParam(name string, typ byte, val []byte) error {
	u := func() (uint64, error) {
		switch {
		case typ == 0x05 && len(val) == 8:
			return binary.LittleEndian.Uint64(val), nil
		case typ == 0x04 && len(val) == 4:
			return uint64(binary.LittleEndian.Uint32(val)), nil
		}
		return 0, fmt.Errorf("kdf parameter %s: %w", name, interchange.ErrDamaged)
	}
	var err error
	var n uint64
	switch name {
	case "$UUID":
		k.ID = val
	case "S":
		k.Salt = val
	case "R":
		k.Rounds, err = u()
	case "I":
		k.Iterations, err = u()
	case "M":
		k.Memory, err = u()
	case "P":
		n, err = u()
		k.Parallelism = uint32(min(n, 1<<31))
	case "V":
		n, err = u()
		k.Version = uint32(min(n, 1<<31))
	case "K", "A":
		return fmt.Errorf("the file's Argon2 uses a secret key or associated data, which Vaultbar cannot read: %w", interchange.ErrUnknownFormat)
	}
	return err
}
