package secrets

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"math/big"
)

// The Secret Service "dh-ietf1024-sha256-aes128-cbc-pkcs7" session
// algorithm: Diffie-Hellman over the RFC 2409 second Oakley group, HKDF
// with SHA-256 (no salt, no info) to a 16-byte key, then AES-128-CBC with
// PKCS#7 padding per secret. It is unauthenticated; it only keeps secrets
// out of anything that logs or monitors the session bus, which is all the
// specification asks of it.
const dhAlgorithm = "dh-ietf1024-sha256-aes128-cbc-pkcs7"

var (
	dhPrime, _ = new(big.Int).SetString("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"+
		"29024E088A67CC74020BBEA63B139B22514A08798E3404DD"+
		"EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"+
		"E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"+
		"EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381"+
		"FFFFFFFFFFFFFFFF", 16)
	dhGenerator = big.NewInt(2)
)

type dhKey struct {
	private, public *big.Int
}

func newDHKey() (*dhKey, error) {
	max := new(big.Int).Sub(dhPrime, big.NewInt(2))
	x, err := rand.Int(rand.Reader, max) // [0, p-3]
	if err != nil {
		return nil, err
	}
	x.Add(x, big.NewInt(1)) // [1, p-2]
	return &dhKey{private: x, public: new(big.Int).Exp(dhGenerator, x, dhPrime)}, nil
}

// aesKey derives the session key from the service's public value.
func (k *dhKey) aesKey(peer []byte) ([]byte, error) {
	y := new(big.Int).SetBytes(peer)
	if y.Cmp(big.NewInt(1)) <= 0 || y.Cmp(new(big.Int).Sub(dhPrime, big.NewInt(1))) >= 0 {
		return nil, errors.New("service public value out of range")
	}
	// The shared secret is fed to HKDF as a fixed-length, 128-byte
	// big-endian number, as gnome-keyring and libsecret do; dropping its
	// leading zero bytes (big.Int.Bytes) would derive a different key for
	// about one session in 256.
	shared := new(big.Int).Exp(y, k.private, dhPrime).FillBytes(make([]byte, (dhPrime.BitLen()+7)/8))
	return hkdf.Key(sha256.New, shared, nil, "", 16)
}

func encryptSecret(key, plaintext []byte) (iv, ciphertext []byte, err error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, nil, err
	}
	n := aes.BlockSize - len(plaintext)%aes.BlockSize
	ciphertext = make([]byte, len(plaintext)+n)
	copy(ciphertext, plaintext)
	copy(ciphertext[len(plaintext):], bytes.Repeat([]byte{byte(n)}, n))
	iv = make([]byte, aes.BlockSize)
	rand.Read(iv)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ciphertext, ciphertext)
	return iv, ciphertext, nil
}

func decryptSecret(key, iv, ciphertext []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	if len(iv) != aes.BlockSize || len(ciphertext) == 0 || len(ciphertext)%aes.BlockSize != 0 {
		return nil, errors.New("malformed encrypted secret")
	}
	plaintext := make([]byte, len(ciphertext))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plaintext, ciphertext)
	n := int(plaintext[len(plaintext)-1])
	if n == 0 || n > aes.BlockSize || !bytes.Equal(plaintext[len(plaintext)-n:], bytes.Repeat([]byte{byte(n)}, n)) {
		clear(plaintext)
		return nil, errors.New("bad padding in encrypted secret")
	}
	return plaintext[:len(plaintext)-n], nil
}
