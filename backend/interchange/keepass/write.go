package keepass

import (
	"bytes"
	"compress/gzip"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"

	"golang.org/x/crypto/chacha20"

	"vaultbar/backend/interchange"
)

// WriteOptions choose how EncodeKDBX4 protects a file.
type WriteOptions struct {
	Password []byte
	KeyFile  []byte // contents; nil for none
	KDF      KDF    // ID, Iterations, Memory, Parallelism (Argon2) or Rounds (AES-KDF); Salt is drawn
	ChaCha20 bool   // else AES-256-CBC
	Rand     io.Reader
}

// EncodeKDBX4 writes a KDBX 4.0 file around the XML of a KeePass database.
// Values inside are not stream-protected: the whole payload is encrypted
// and authenticated, which is what a file at rest needs.
func EncodeKDBX4(xmlDoc []byte, o WriteOptions) ([]byte, error) {
	h, err := newHeader(o)
	if err != nil {
		return nil, err
	}
	composite, err := compositeKey(o.Password, o.KeyFile)
	if err != nil {
		return nil, err
	}
	tk, err := transformKey(h.KDF, composite)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Write(h.Raw)
	sum := sha256.Sum256(h.Raw)
	out.Write(sum[:])
	base := hmacBase(h, tk)
	out.Write(blockHMAC(base, ^uint64(0), h.Raw))
	ct, err := encipher(h, cipherKey(h, tk), payload4(xmlDoc))
	if err != nil {
		return nil, err
	}
	writeBlocks4(&out, ct, base)
	return out.Bytes(), nil
}

func random(r io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("random: %w", err)
	}
	return b, nil
}

func newHeader(o WriteOptions) (Header, error) {
	h := Header{Major: 4, Minor: 0, Compressed: true, KDF: o.KDF, Cipher: cipherAES256}
	ivLen := 16
	if o.ChaCha20 {
		h.Cipher, ivLen = cipherChaCha20, 12
	}
	var err error
	if h.MasterSeed, err = random(o.Rand, 32); err != nil {
		return h, err
	}
	if h.IV, err = random(o.Rand, ivLen); err != nil {
		return h, err
	}
	if h.KDF.Salt, err = random(o.Rand, 32); err != nil {
		return h, err
	}
	if h.KDF.Version == 0 {
		h.KDF.Version = 0x13
	}
	h.Raw = h.encode()
	return h, h.KDF.check()
}

func (h Header) encode() []byte {
	var b bytes.Buffer
	b.Write(sig1)
	b.Write(sig2)
	binary.Write(&b, binary.LittleEndian, h.Minor)
	binary.Write(&b, binary.LittleEndian, h.Major)
	put := func(id byte, v []byte) {
		b.WriteByte(id)
		binary.Write(&b, binary.LittleEndian, uint32(len(v)))
		b.Write(v)
	}
	put(2, h.Cipher)
	put(3, le32(1))
	put(4, h.MasterSeed)
	put(7, h.IV)
	put(11, h.KDF.encode())
	put(0, []byte("\r\n\r\n"))
	return b.Bytes()
}

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
func le64(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

func (k KDF) encode() []byte {
	var b bytes.Buffer
	b.Write([]byte{0, 1})
	item := func(typ byte, name string, v []byte) {
		b.WriteByte(typ)
		b.Write(le32(uint32(len(name))))
		b.WriteString(name)
		b.Write(le32(uint32(len(v))))
		b.Write(v)
	}
	item(0x42, "$UUID", k.ID)
	item(0x42, "S", k.Salt)
	if bytes.Equal(k.ID, kdfArgon2d) || bytes.Equal(k.ID, kdfArgon2id) {
		item(0x05, "I", le64(k.Iterations))
		item(0x05, "M", le64(k.Memory))
		item(0x04, "P", le32(k.Parallelism))
		item(0x04, "V", le32(k.Version))
	} else {
		item(0x05, "R", le64(k.Rounds))
	}
	b.WriteByte(0)
	return b.Bytes()
}

// payload4 is the gzipped inner header (a ChaCha20 inner stream whose key
// no value uses) followed by the XML.
func payload4(xmlDoc []byte) []byte {
	var in bytes.Buffer
	put := func(id byte, v []byte) {
		in.WriteByte(id)
		in.Write(le32(uint32(len(v))))
		in.Write(v)
	}
	put(1, le32(3))
	put(2, make([]byte, 64))
	put(0, nil)
	in.Write(xmlDoc)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(in.Bytes())
	zw.Close()
	return z.Bytes()
}

func encipher(h Header, key, plain []byte) ([]byte, error) {
	if bytes.Equal(h.Cipher, cipherChaCha20) {
		c, err := chacha20.NewUnauthenticatedCipher(key, h.IV)
		if err != nil {
			return nil, err
		}
		out := make([]byte, len(plain))
		c.XORKeyStream(out, plain)
		return out, nil
	}
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	plain = append(plain, bytes.Repeat([]byte{byte(pad)}, pad)...)
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(plain))
	cipher.NewCBCEncrypter(b, h.IV).CryptBlocks(out, plain)
	return out, nil
}

// writeBlocks4 splits ct into HMAC'd blocks of 1 MiB and the empty last one.
func writeBlocks4(out *bytes.Buffer, ct, base []byte) {
	const size = 1 << 20
	i := uint64(0)
	for ; len(ct) > 0; i++ {
		n := min(len(ct), size)
		out.Write(blockHMAC(base, i, ct[:n]))
		out.Write(le32(uint32(n)))
		out.Write(ct[:n])
		ct = ct[n:]
	}
	out.Write(blockHMAC(base, i, nil))
	out.Write(le32(0))
}

// Argon2id and AES-KDF settings for exports and tests.
var (
	// DefaultExportKDF matches KeePassXC's defaults in cost: Argon2id,
	// 64 MiB, 2 lanes.
	DefaultExportKDF = KDF{ID: kdfArgon2id, Iterations: 10, Memory: 64 << 20, Parallelism: 2}
)

// KDFArgon2d, KDFArgon2id and KDFAES name the KDFs for WriteOptions.
func KDFArgon2d(iter, mem uint64, lanes uint32) KDF {
	return KDF{ID: kdfArgon2d, Iterations: iter, Memory: mem, Parallelism: lanes}
}
func KDFArgon2id(iter, mem uint64, lanes uint32) KDF {
	return KDF{ID: kdfArgon2id, Iterations: iter, Memory: mem, Parallelism: lanes}
}
func KDFAES(rounds uint64) KDF { return KDF{ID: kdfAES4, Rounds: rounds} }

var _ = interchange.ErrDamaged
