package format

import (
	"encoding/binary"
	"strings"

	"vaultbar/backend/crypto"
	"vaultbar/backend/model"
)

// VaultMagic starts every vault file; a person running head(1) on one sees
// what it is.
const VaultMagic = "VAULTBAR-VAULT\n"

// VaultVersion is the vault file format this build writes and the newest it
// reads.
const VaultVersion uint16 = 1

// Limits on header fields, so a damaged header is reported as such.
const (
	minSalt    = 8
	maxSalt    = 64
	maxWrapped = 1024
)

// Header is the clear-text part of a vault file.
type Header struct {
	VaultID    [16]byte
	Generation uint64 // +1 each time the snapshot is rewritten with new contents
	KDF        crypto.KDFParams
	Salt       []byte
	WrappedKey []byte // the data key, sealed by the password key with WrapAD
}

// WrapAD is the associated data of the wrapped data key: everything that
// decides how the password becomes a key, so a changed salt or parameter
// fails to unwrap instead of silently deriving another key.
func WrapAD(h Header) []byte {
	b := make([]byte, 0, 64)
	b = appendPrefix(b, VaultMagic, VaultVersion, h.VaultID)
	b = binary.BigEndian.AppendUint32(b, h.KDF.Time)
	b = binary.BigEndian.AppendUint32(b, h.KDF.MemoryKiB)
	b = append(b, h.KDF.Threads, byte(len(h.Salt)))
	return append(b, h.Salt...)
}

// PayloadAD is the associated data of the sealed payload. It binds the
// payload to its vault and generation, so a payload can't be moved into
// another vault file or passed off as a different snapshot. It leaves out
// the password fields, which lets a password change copy the payload as is.
func PayloadAD(h Header) []byte {
	b := appendPrefix(make([]byte, 0, 48), VaultMagic, VaultVersion, h.VaultID)
	return binary.BigEndian.AppendUint64(b, h.Generation)
}

func appendPrefix(b []byte, magic string, version uint16, id [16]byte) []byte {
	b = append(b, magic...)
	b = binary.BigEndian.AppendUint16(b, version)
	return append(b, id[:]...)
}

// AppendVault appends a vault file: header h and the sealed payload.
func AppendVault(dst []byte, h Header, sealed []byte) []byte {
	return append(AppendVaultHeader(dst, h, len(sealed)), sealed...)
}

// AppendVaultHeader appends everything of a vault file before its sealed
// payload of n bytes, so a large payload can be written without a copy.
func AppendVaultHeader(dst []byte, h Header, n int) []byte {
	dst = append(dst, WrapAD(h)...)
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(h.WrappedKey)))
	dst = append(dst, h.WrappedKey...)
	dst = binary.BigEndian.AppendUint64(dst, h.Generation)
	return binary.BigEndian.AppendUint64(dst, uint64(n))
}

// ParseVault splits a vault file into its header and sealed payload. The
// returned slices alias b.
func ParseVault(b []byte) (Header, []byte, error) {
	c := cursor{b: b, what: "vault file"}
	h, n, err := parseVaultHeader(&c)
	if err != nil {
		return h, nil, err
	}
	if n > uint64(len(c.b)) {
		return h, nil, truncated("vault payload")
	}
	if n < uint64(len(c.b)) {
		return h, nil, corrupt("%d bytes after the vault payload", uint64(len(c.b))-n)
	}
	return h, c.b, nil
}

// MaxVaultHeader bounds a vault file's header: ParseVaultHeader needs no
// more than this many bytes from the start of the file.
const MaxVaultHeader = len(VaultMagic) + 2 + 16 + 4 + 4 + 1 + 1 + maxSalt + 2 + maxWrapped + 8 + 8

// ParseVaultHeader reads the header at the start of a vault file, of which b
// may be only the first MaxVaultHeader bytes: enough to tell which vault and
// generation a file holds without reading its payload (backup rotation reads
// every backup's). The returned slices alias b.
func ParseVaultHeader(b []byte) (Header, error) {
	c := cursor{b: b, what: "vault file"}
	h, _, err := parseVaultHeader(&c)
	return h, err
}

func parseVaultHeader(c *cursor) (Header, uint64, error) {
	var h Header
	if err := c.magic(VaultMagic, VaultVersion); err != nil {
		return h, 0, err
	}
	copy(h.VaultID[:], c.take(16))
	h.KDF.Time = c.u32()
	h.KDF.MemoryKiB = c.u32()
	h.KDF.Threads = c.u8()
	h.Salt = c.take(int(c.u8()))
	h.WrappedKey = c.take(int(c.u16()))
	h.Generation = c.u64()
	n := c.u64()
	if c.err != nil {
		return h, 0, c.err
	}
	return h, n, checkHeader(h)
}

func checkHeader(h Header) error {
	switch {
	case h.KDF.Check() != nil:
		return corrupt("vault header: %v", h.KDF.Check())
	case len(h.Salt) < minSalt || len(h.Salt) > maxSalt:
		return corrupt("vault header: salt of %d bytes", len(h.Salt))
	case len(h.WrappedKey) == 0 || len(h.WrappedKey) > maxWrapped:
		return corrupt("vault header: wrapped key of %d bytes", len(h.WrappedKey))
	}
	return nil
}

// Payload is what a vault file or journal frame seals: entities and the
// service's device-local state, which this package does not interpret.
type Payload struct {
	Entities []*model.Entity
	Local    []byte
}

// AppendPayload appends p's plaintext: the local blob, length first, then the
// entities to the end.
func AppendPayload(dst []byte, p Payload) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(p.Local)))
	dst = append(dst, p.Local...)
	return AppendEntities(dst, p.Entities)
}

// ParsePayload decodes what AppendPayload wrote. Nothing returned aliases b.
func ParsePayload(b []byte) (Payload, error) { return parsePayload(b, false) }

// ParsePayloadOwned is ParsePayload for a buffer the caller hands over, such
// as freshly decrypted plaintext: the entities' strings point into b instead
// of a copy of it, so b must never be changed or wiped afterwards. At 100,000
// records that saves copying (and faulting in) some 30 MB on every unlock.
func ParsePayloadOwned(b []byte) (Payload, error) { return parsePayload(b, true) }

func parsePayload(b []byte, own bool) (Payload, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return Payload{}, corrupt("payload: bad local state length")
	}
	if n > uint64(len(b)-k) {
		return Payload{}, truncated("payload local state")
	}
	local := append([]byte(nil), b[k:k+int(n)]...)
	ents, err := parseEntities(b[k+int(n):], own)
	if err != nil {
		return Payload{}, err
	}
	return Payload{Entities: ents, Local: local}, nil
}

// cursor reads the fixed-size fields of a header, with a sticky error.
type cursor struct {
	b    []byte
	what string
	err  error
}

// magic checks the magic and version. A short file that matches as far as
// it goes is cut short, not foreign.
func (c *cursor) magic(magic string, version uint16) error {
	n := min(len(c.b), len(magic))
	if !strings.HasPrefix(magic, string(c.b[:n])) {
		return fmtNotVault(c.what)
	}
	if n < len(magic) {
		return truncated(c.what + " header")
	}
	c.b = c.b[n:]
	v := c.u16()
	switch {
	case c.err != nil:
		return c.err
	case v > version:
		return &VersionError{Version: v, Supported: version}
	case v < version:
		return corrupt("%s format version %d", c.what, v)
	}
	return nil
}

func (c *cursor) take(n int) []byte {
	if c.err != nil {
		return nil
	}
	if n > len(c.b) {
		c.err = truncated(c.what + " header")
		c.b = nil
		return nil
	}
	out := c.b[:n:n]
	c.b = c.b[n:]
	return out
}

func (c *cursor) u8() uint8 {
	if b := c.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (c *cursor) u16() uint16 {
	if b := c.take(2); b != nil {
		return binary.BigEndian.Uint16(b)
	}
	return 0
}

func (c *cursor) u32() uint32 {
	if b := c.take(4); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (c *cursor) u64() uint64 {
	if b := c.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}
