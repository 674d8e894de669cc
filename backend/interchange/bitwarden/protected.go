package bitwarden

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/hkdf"
	"golang.org/x/crypto/pbkdf2"

	"vaultbar/backend/interchange"
)

// protectedHeader is what a password-protected export says besides its
// sealed data.
type protectedHeader struct {
	Salt           string `json:"salt"`
	KdfType        int    `json:"kdfType"`
	KdfIterations  int    `json:"kdfIterations"`
	KdfMemory      *int   `json:"kdfMemory"`      // MiB, Argon2id only
	KdfParallelism *int   `json:"kdfParallelism"` // Argon2id only
	Validation     string `json:"encKeyValidation_DO_NOT_EDIT"`
	Data           string `json:"data"`
}

// KDF types and the bounds Bitwarden itself allows. The file is untrusted:
// a forged header must not make us run for hours or take gigabytes.
const (
	kdfPBKDF2   = 0
	kdfArgon2id = 1

	minPBKDF2, maxPBKDF2 = 5000, 2_000_000
	minArgonT, maxArgonT = 2, 10
	minArgonM, maxArgonM = 16, 1024 // MiB
	minArgonP, maxArgonP = 1, 16
)

// keys are the AES-256-CBC and HMAC-SHA256 keys of an export.
type keys struct{ enc, mac []byte }

func (k keys) wipe() {
	clear(k.enc)
	clear(k.mac)
}

func parseProtected(h protectedHeader, password []byte) (interchange.Result, error) {
	if len(password) == 0 {
		return interchange.Result{}, interchange.ErrNeedsPassword
	}
	k, err := h.derive(password)
	if err != nil {
		return interchange.Result{}, err
	}
	defer k.wipe()
	if _, err := k.open(h.Validation); err != nil {
		return interchange.Result{}, validationError(err)
	}
	plain, err := k.open(h.Data)
	if err != nil {
		return interchange.Result{}, fmt.Errorf("the encrypted data: %w", err)
	}
	defer clear(plain)
	var inner export
	if err := decode(plain, &inner); err != nil {
		return interchange.Result{}, err
	}
	if inner.Encrypted {
		return interchange.Result{}, fmt.Errorf("the decrypted data is itself encrypted: %w", interchange.ErrDamaged)
	}
	res := inner.result("Bitwarden JSON (password protected)")
	res.Encrypted = true
	return res, nil
}

// validationError: a validation string that authenticates under no key is
// what a wrong password looks like; one that can't be read is damage.
func validationError(err error) error {
	if err == errMAC {
		return interchange.ErrWrongPassword
	}
	return fmt.Errorf("the password check: %w", err)
}

// derive bounds the KDF parameters, then stretches the password into the
// export's keys as Bitwarden does: the salt string's bytes (SHA-256 of
// them for Argon2id), a 32-byte master key, HKDF-Expand with "enc" and
// "mac".
func (h protectedHeader) derive(password []byte) (keys, error) {
	master, err := h.masterKey(password)
	if err != nil {
		return keys{}, err
	}
	defer clear(master)
	return keys{enc: expand(master, "enc"), mac: expand(master, "mac")}, nil
}

func (h protectedHeader) masterKey(password []byte) ([]byte, error) {
	if h.Salt == "" {
		return nil, fmt.Errorf("the export has no salt: %w", interchange.ErrDamaged)
	}
	switch h.KdfType {
	case kdfPBKDF2:
		if h.KdfIterations < minPBKDF2 || h.KdfIterations > maxPBKDF2 {
			return nil, bound("PBKDF2 iterations", h.KdfIterations)
		}
		return pbkdf2.Key(password, []byte(h.Salt), h.KdfIterations, 32, sha256.New), nil
	case kdfArgon2id:
		return h.argon2(password)
	}
	return nil, fmt.Errorf("key derivation type %d: %w", h.KdfType, interchange.ErrNewerVersion)
}

func (h protectedHeader) argon2(password []byte) ([]byte, error) {
	if h.KdfMemory == nil || h.KdfParallelism == nil {
		return nil, fmt.Errorf("the export lacks its Argon2id memory or parallelism: %w", interchange.ErrDamaged)
	}
	m, p := *h.KdfMemory, *h.KdfParallelism
	switch {
	case h.KdfIterations < minArgonT || h.KdfIterations > maxArgonT:
		return nil, bound("Argon2id iterations", h.KdfIterations)
	case m < minArgonM || m > maxArgonM:
		return nil, bound("Argon2id memory (MiB)", m)
	case p < minArgonP || p > maxArgonP:
		return nil, bound("Argon2id parallelism", p)
	}
	salt := sha256.Sum256([]byte(h.Salt))
	return argon2.IDKey(password, salt[:], uint32(h.KdfIterations), uint32(m)*1024, uint8(p), 32), nil
}

func bound(what string, v int) error {
	return fmt.Errorf("%s %d is outside what Bitwarden writes: %w", what, v, interchange.ErrDamaged)
}

func expand(master []byte, info string) []byte {
	out := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.Expand(sha256.New, master, []byte(info)), out); err != nil {
		panic(err) // 32 bytes of SHA-256 HKDF can't run out
	}
	return out
}

// errMAC is an encrypted string that does not authenticate under the key.
var errMAC = fmt.Errorf("an encrypted value does not authenticate: %w", interchange.ErrDamaged)

// open reads an encType 2 string, "2.iv|ct|mac" (base64 each), checks the
// HMAC-SHA256 over iv||ct and only then decrypts AES-256-CBC.
func (k keys) open(s string) ([]byte, error) {
	iv, ct, mac, err := splitEncString(s)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, k.mac)
	m.Write(iv)
	m.Write(ct)
	if !hmac.Equal(m.Sum(nil), mac) {
		return nil, errMAC
	}
	block, _ := aes.NewCipher(k.enc)
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, ct)
	return unpad(plain)
}

func splitEncString(s string) (iv, ct, mac []byte, err error) {
	body, ok := strings.CutPrefix(s, "2.")
	parts := strings.Split(body, "|")
	if !ok || len(parts) != 3 {
		return nil, nil, nil, fmt.Errorf("an encrypted value is not of type 2 (AES-CBC + HMAC): %w", interchange.ErrDamaged)
	}
	var bs [3][]byte
	for i, p := range parts {
		if bs[i], err = base64.StdEncoding.DecodeString(p); err != nil {
			return nil, nil, nil, fmt.Errorf("an encrypted value is not base64: %w", interchange.ErrDamaged)
		}
	}
	if len(bs[0]) != aes.BlockSize || len(bs[1]) == 0 || len(bs[1])%aes.BlockSize != 0 || len(bs[2]) != sha256.Size {
		return nil, nil, nil, fmt.Errorf("an encrypted value has the wrong length: %w", interchange.ErrDamaged)
	}
	return bs[0], bs[1], bs[2], nil
}

func unpad(b []byte) ([]byte, error) {
	n := int(b[len(b)-1])
	if n == 0 || n > aes.BlockSize || n > len(b) {
		return nil, fmt.Errorf("bad padding: %w", interchange.ErrDamaged)
	}
	for _, c := range b[len(b)-n:] {
		if int(c) != n {
			return nil, fmt.Errorf("bad padding: %w", interchange.ErrDamaged)
		}
	}
	return b[:len(b)-n], nil
}
