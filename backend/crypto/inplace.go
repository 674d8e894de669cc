package crypto

import "golang.org/x/crypto/chacha20poly1305"

// OpenInPlace is Open decrypting into sealed's own memory: the plaintext
// aliases sealed, which is overwritten. For large files read from
// somewhere untrusted, it keeps one copy in memory instead of two.
func (k *Key) OpenInPlace(sealed, ad []byte) ([]byte, error) {
	if len(sealed) < Overhead {
		return nil, ErrDecrypt
	}
	aead, err := chacha20poly1305.NewX(k.b[:])
	if err != nil {
		panic(err)
	}
	n := chacha20poly1305.NonceSizeX
	ct := sealed[n:]
	out, err := aead.Open(ct[:0], sealed[:n], ct, ad)
	if err != nil {
		return nil, ErrDecrypt
	}
	return out, nil
}
