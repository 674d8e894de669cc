// Package keepass reads and writes KeePass databases: KDBX 3.1 and 4.x
// files (AES-KDF, Argon2d, Argon2id; AES-256 or ChaCha20; a password, a key
// file or both) and KeePass 2 XML exports.
//
// A KDBX file is untrusted: its header is parsed here, by a small bounded
// parser, and the key-derivation parameters it asks for are checked against
// limits before any key is derived, so a file can't make an import spend
// minutes or gigabytes. The outer layers (header hashes, HMAC blocks, the
// cipher, gzip) are decoded here too; github.com/tobischo/gokeepasslib
// supplies the XML structures, the inner stream that hides protected
// values, and the encoder export uses.
//
// Pure: bytes in, an interchange.Result out.
package keepass
