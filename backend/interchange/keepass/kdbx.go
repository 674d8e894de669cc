package keepass

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/tobischo/argon2"
	"github.com/tobischo/gokeepasslib/v3"
	xargon2 "golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20"

	"vaultbar/backend/interchange"
)

// compositeKey is KeePass's key from a password and a key file: SHA-256
// of the concatenated SHA-256 of the password and the key file's key.
func compositeKey(password, keyFile []byte) ([]byte, error) {
	if len(password) == 0 && keyFile == nil {
		return nil, interchange.ErrNeedsPassword
	}
	h := sha256.New()
	if len(password) > 0 || keyFile == nil {
		pw := sha256.Sum256(password)
		h.Write(pw[:])
	}
	if keyFile != nil {
		k, err := gokeepasslib.ParseKeyData(keyFile)
		if err != nil {
			return nil, fmt.Errorf("the key file is not a KeePass key file (%v): %w", err, interchange.ErrWrongPassword)
		}
		h.Write(k)
	}
	return h.Sum(nil), nil
}

// transformKey runs the file's KDF, whose parameters ParseHeader bounded.
func transformKey(k KDF, composite []byte) ([]byte, error) {
	switch {
	case bytes.Equal(k.ID, kdfArgon2d):
		return argon2.DKey(composite, k.Salt, uint32(k.Iterations), uint32(k.Memory/1024), uint8(k.Parallelism), 32), nil
	case bytes.Equal(k.ID, kdfArgon2id):
		return xargon2.IDKey(composite, k.Salt, uint32(k.Iterations), uint32(k.Memory/1024), uint8(k.Parallelism), 32), nil
	}
	return aesKDF(composite, k.Salt, k.Rounds)
}

func aesKDF(key, seed []byte, rounds uint64) ([]byte, error) {
	b, err := aes.NewCipher(seed)
	if err != nil {
		return nil, fmt.Errorf("aes-kdf: %w", interchange.ErrDamaged)
	}
	out := bytes.Clone(key)
	for i := uint64(0); i < rounds; i++ {
		b.Encrypt(out[:16], out[:16])
		b.Encrypt(out[16:], out[16:])
	}
	sum := sha256.Sum256(out)
	return sum[:], nil
}

// decrypted is a file's inner XML and the stream key of its protected values.
type decrypted struct {
	xml      []byte
	streamID uint32
	key      []byte
	binaries int
}

// decrypt authenticates and decrypts a KDBX file whose header h has been
// parsed from data.
func decrypt(h Header, data []byte, opt interchange.Options) (decrypted, error) {
	composite, err := compositeKey(opt.Password, opt.KeyFile)
	if err != nil {
		return decrypted{}, err
	}
	tk, err := transformKey(h.KDF, composite)
	if err != nil {
		return decrypted{}, err
	}
	if h.Major >= 4 {
		return decrypt4(h, data[h.End:], tk)
	}
	return decrypt3(h, data[h.End:], tk)
}

func cipherKey(h Header, tk []byte) []byte {
	s := sha256.New()
	s.Write(h.MasterSeed)
	s.Write(tk)
	return s.Sum(nil)
}

// decrypt4 reads KDBX 4: the header's SHA-256 and HMAC, then HMAC-checked
// blocks of ciphertext, then (inside) the inner header and the XML.
func decrypt4(h Header, body, tk []byte) (decrypted, error) {
	if len(body) < 64 {
		return decrypted{}, fmt.Errorf("kdbx file is cut short after its header: %w", interchange.ErrDamaged)
	}
	if sum := sha256.Sum256(h.Raw); !bytes.Equal(sum[:], body[:32]) {
		return decrypted{}, fmt.Errorf("kdbx header checksum: %w", interchange.ErrDamaged)
	}
	base := hmacBase(h, tk)
	if !hmac.Equal(blockHMAC(base, ^uint64(0), h.Raw), body[32:64]) {
		return decrypted{}, interchange.ErrWrongPassword
	}
	ct, err := readBlocks4(body[64:], base)
	if err != nil {
		return decrypted{}, err
	}
	plain, err := decipher(h, cipherKey(h, tk), ct)
	if err != nil {
		return decrypted{}, err
	}
	if plain, err = gunzip(h, plain); err != nil {
		return decrypted{}, err
	}
	return innerHeader(plain)
}

func hmacBase(h Header, tk []byte) []byte {
	s := sha512.New()
	s.Write(h.MasterSeed)
	s.Write(tk)
	s.Write([]byte{1})
	return s.Sum(nil)
}

// blockHMAC is the HMAC-SHA-256 of block index i with data (the header
// uses index 2^64-1 and no length).
func blockHMAC(base []byte, i uint64, data []byte) []byte {
	var idx [8]byte
	binary.LittleEndian.PutUint64(idx[:], i)
	k := sha512.New()
	k.Write(idx[:])
	k.Write(base)
	m := hmac.New(sha256.New, k.Sum(nil))
	if i != ^uint64(0) {
		m.Write(idx[:])
		var n [4]byte
		binary.LittleEndian.PutUint32(n[:], uint32(len(data)))
		m.Write(n[:])
	}
	m.Write(data)
	return m.Sum(nil)
}

func readBlocks4(b, base []byte) ([]byte, error) {
	var out []byte
	for i := uint64(0); ; i++ {
		if len(b) < 36 {
			return nil, fmt.Errorf("kdbx blocks are cut short: %w", interchange.ErrDamaged)
		}
		mac, n := b[:32], uint64(binary.LittleEndian.Uint32(b[32:36]))
		b = b[36:]
		if n > uint64(len(b)) {
			return nil, fmt.Errorf("kdbx block %d is cut short: %w", i, interchange.ErrDamaged)
		}
		if !hmac.Equal(blockHMAC(base, i, b[:n]), mac) {
			return nil, fmt.Errorf("kdbx block %d fails its check: %w", i, interchange.ErrDamaged)
		}
		if n == 0 {
			return out, nil
		}
		out = append(out, b[:n]...)
		b = b[n:]
	}
}

func decipher(h Header, key, ct []byte) ([]byte, error) {
	if bytes.Equal(h.Cipher, cipherChaCha20) {
		c, err := chacha20.NewUnauthenticatedCipher(key, h.IV)
		if err != nil {
			return nil, fmt.Errorf("chacha20: %w", interchange.ErrDamaged)
		}
		out := make([]byte, len(ct))
		c.XORKeyStream(out, ct)
		return out, nil
	}
	return aesCBC(key, h.IV, ct)
}

var errPadding = errors.New("bad padding")

func aesCBC(key, iv, ct []byte) ([]byte, error) {
	if len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("kdbx ciphertext length: %w", interchange.ErrDamaged)
	}
	b, _ := aes.NewCipher(key)
	out := make([]byte, len(ct))
	cipher.NewCBCDecrypter(b, iv).CryptBlocks(out, ct)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > aes.BlockSize {
		return nil, errPadding
	}
	for _, x := range out[len(out)-pad:] {
		if int(x) != pad {
			return nil, errPadding
		}
	}
	return out[:len(out)-pad], nil
}

// innerHeader splits KDBX 4's decrypted payload into its inner header
// (the protected-value stream and attachments) and the XML.
func innerHeader(b []byte) (decrypted, error) {
	var d decrypted
	for p := 0; ; {
		if p+5 > len(b) {
			return d, fmt.Errorf("kdbx inner header is cut short: %w", interchange.ErrDamaged)
		}
		id, n := b[p], uint64(binary.LittleEndian.Uint32(b[p+1:]))
		p += 5
		if n > uint64(len(b)-p) {
			return d, fmt.Errorf("kdbx inner header field runs past the end: %w", interchange.ErrDamaged)
		}
		v := b[p : p+int(n)]
		p += int(n)
		switch id {
		case 0:
			d.xml = b[p:]
			return d, nil
		case 1:
			if len(v) != 4 {
				return d, fmt.Errorf("kdbx inner stream id: %w", interchange.ErrDamaged)
			}
			d.streamID = binary.LittleEndian.Uint32(v)
		case 2:
			d.key = v
		case 3:
			d.binaries++
		}
	}
}

// decrypt3 reads KDBX 3.1: the whole payload is encrypted; inside, the
// header's stream start bytes (which tell a wrong key), then SHA-256
// hashed blocks.
func decrypt3(h Header, body, tk []byte) (decrypted, error) {
	plain, err := decipher(h, cipherKey(h, tk), body)
	if errors.Is(err, errPadding) || err == nil && (len(plain) < 32 || !bytes.Equal(plain[:32], h.StreamStartBytes)) {
		return decrypted{}, interchange.ErrWrongPassword
	}
	if err != nil {
		return decrypted{}, err
	}
	payload, err := readBlocks3(plain[32:])
	if err != nil {
		return decrypted{}, err
	}
	if payload, err = gunzip(h, payload); err != nil {
		return decrypted{}, err
	}
	return decrypted{xml: payload, streamID: h.InnerStreamID, key: h.ProtectedStreamKey}, nil
}

func readBlocks3(b []byte) ([]byte, error) {
	var out []byte
	for i := uint32(0); ; i++ {
		if len(b) < 40 {
			return nil, fmt.Errorf("kdbx blocks are cut short: %w", interchange.ErrDamaged)
		}
		hash, n := b[4:36], uint64(binary.LittleEndian.Uint32(b[36:40]))
		b = b[40:]
		if n > uint64(len(b)) {
			return nil, fmt.Errorf("kdbx block %d is cut short: %w", i, interchange.ErrDamaged)
		}
		if n == 0 {
			return out, nil
		}
		if sum := sha256.Sum256(b[:n]); !bytes.Equal(sum[:], hash) {
			return nil, fmt.Errorf("kdbx block %d fails its check: %w", i, interchange.ErrDamaged)
		}
		out = append(out, b[:n]...)
		b = b[n:]
	}
}
