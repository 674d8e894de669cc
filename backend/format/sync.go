package format

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"vaultbar/backend/crypto"
)

// Sync data lives in a folder that a file-sync service copies between
// devices. Every device writes only its own files, so the service never has
// to reconcile two writers of one file:
//
//	keys/<epoch>-<device>.vbk           key file: the sync data key of an epoch
//	devices/<device>/c-<epoch>-<seq>.vbc  change file: entities changed since the last one
//	devices/<device>/s-<epoch>-<seq>.vbs  snapshot: every entity, as of seq
//
// Key file, all integers big-endian:
//
//	magic       "VAULTBAR-SYNCKEY\n"        17 bytes
//	version     uint16                     1
//	epoch       uint64
//	device      uint8 length, bytes
//	kdf         time uint32, memory KiB uint32, threads uint8
//	salt        uint8 length, bytes
//	wrapped key uint16 length, bytes        data key sealed by the password key, AD KeyAD
//	older keys  uint32 length, bytes        earlier epochs' keys sealed by the data key, AD OlderKeysAD
//
// Change and snapshot files:
//
//	magic       "VAULTBAR-SYNC\n"           14 bytes
//	version     uint16                     1
//	payload     the rest: entities (AppendEntities) sealed by the data key, AD SyncAD
//
// The clear-text parts say only what the file is and how new its format is,
// so that a newer format is recognised before any key is needed. The facts
// in a file's name are not repeated inside it; they are bound to the payload
// through its associated data, so content moved to another name fails to open.

// Magic strings and the sync format version this build writes and reads.
const (
	SyncMagic            = "VAULTBAR-SYNC\n"
	SyncKeyMagic         = "VAULTBAR-SYNCKEY\n"
	SyncVersion   uint16 = 1
	maxDeviceID          = 64
	maxOlderKeys         = 1 << 20
	syncKeyWhat          = "sync key file"
	syncFileWhat         = "sync file"
	olderKeysTail        = "older keys"
	epochKeyBytes        = 8 + crypto.KeySize
)

// KeyFile is a parsed key file.
type KeyFile struct {
	Epoch      uint64
	Device     string
	KDF        crypto.KDFParams
	Salt       []byte
	WrappedKey []byte // the epoch's data key sealed by the password key, AD KeyAD
	OlderKeys  []byte // AppendEpochKeys of earlier epochs sealed by the data key, AD OlderKeysAD
}

// KeyAD is the associated data of the wrapped key: the key file's header up
// to the wrapped key, so no field that decides the key can be changed.
func KeyAD(k KeyFile) []byte {
	b := make([]byte, 0, 64+len(k.Device))
	b = append(b, SyncKeyMagic...)
	b = binary.BigEndian.AppendUint16(b, SyncVersion)
	b = binary.BigEndian.AppendUint64(b, k.Epoch)
	b = append(b, byte(len(k.Device)))
	b = append(b, k.Device...)
	b = binary.BigEndian.AppendUint32(b, k.KDF.Time)
	b = binary.BigEndian.AppendUint32(b, k.KDF.MemoryKiB)
	b = append(b, k.KDF.Threads, byte(len(k.Salt)))
	return append(b, k.Salt...)
}

// OlderKeysAD is the associated data of the sealed older keys.
func OlderKeysAD(k KeyFile) []byte { return append(KeyAD(k), olderKeysTail...) }

// AppendKeyFile appends the bytes of key file k.
func AppendKeyFile(dst []byte, k KeyFile) []byte {
	dst = append(dst, KeyAD(k)...)
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(k.WrappedKey)))
	dst = append(dst, k.WrappedKey...)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(k.OlderKeys)))
	return append(dst, k.OlderKeys...)
}

// ParseKeyFile parses a key file. A newer format gives a *VersionError. The
// returned slices alias b.
func ParseKeyFile(b []byte) (KeyFile, error) {
	var k KeyFile
	c := cursor{b: b, what: syncKeyWhat}
	if err := c.magic(SyncKeyMagic, SyncVersion); err != nil {
		return k, err
	}
	k.Epoch = c.u64()
	k.Device = string(c.take(int(c.u8())))
	k.KDF.Time = c.u32()
	k.KDF.MemoryKiB = c.u32()
	k.KDF.Threads = c.u8()
	k.Salt = c.take(int(c.u8()))
	k.WrappedKey = c.take(int(c.u16()))
	k.OlderKeys = c.take(int(min(c.u32(), maxOlderKeys+1)))
	if c.err != nil {
		return k, c.err
	}
	if len(c.b) != 0 {
		return k, corrupt("%d bytes after the sync key file", len(c.b))
	}
	return k, checkKeyFile(k)
}

func checkKeyFile(k KeyFile) error {
	switch {
	case k.Epoch == 0:
		return corrupt("sync key file: epoch 0")
	case !ValidDeviceID(k.Device):
		return corrupt("sync key file: bad device id")
	case k.KDF.Check() != nil:
		return corrupt("sync key file: %v", k.KDF.Check())
	case len(k.Salt) < minSalt || len(k.Salt) > maxSalt:
		return corrupt("sync key file: salt of %d bytes", len(k.Salt))
	case len(k.WrappedKey) == 0 || len(k.WrappedKey) > maxWrapped:
		return corrupt("sync key file: wrapped key of %d bytes", len(k.WrappedKey))
	case len(k.OlderKeys) > maxOlderKeys:
		return corrupt("sync key file: older keys of %d bytes", len(k.OlderKeys))
	}
	return nil
}

// EpochKey is the data key of one epoch.
type EpochKey struct {
	Epoch uint64
	Key   []byte // crypto.KeySize bytes
}

// AppendEpochKeys appends the plaintext of a key file's older keys: each an
// epoch and its key.
func AppendEpochKeys(dst []byte, keys []EpochKey) []byte {
	for _, k := range keys {
		dst = binary.BigEndian.AppendUint64(dst, k.Epoch)
		dst = append(dst, k.Key...)
	}
	return dst
}

// ParseEpochKeys parses what AppendEpochKeys wrote. Nothing returned aliases b.
func ParseEpochKeys(b []byte) ([]EpochKey, error) {
	if len(b)%epochKeyBytes != 0 {
		return nil, corrupt("older keys of %d bytes", len(b))
	}
	out := make([]EpochKey, 0, len(b)/epochKeyBytes)
	for ; len(b) > 0; b = b[epochKeyBytes:] {
		out = append(out, EpochKey{
			Epoch: binary.BigEndian.Uint64(b),
			Key:   append([]byte(nil), b[8:epochKeyBytes]...),
		})
	}
	return out, nil
}

// AppendSyncFile appends a change or snapshot file around its sealed payload.
func AppendSyncFile(dst, sealed []byte) []byte {
	dst = append(dst, SyncMagic...)
	dst = binary.BigEndian.AppendUint16(dst, SyncVersion)
	return append(dst, sealed...)
}

// ParseSyncFile checks a change or snapshot file's header and returns its
// sealed payload, aliasing b. A newer format gives a *VersionError.
func ParseSyncFile(b []byte) ([]byte, error) {
	c := cursor{b: b, what: syncFileWhat}
	if err := c.magic(SyncMagic, SyncVersion); err != nil {
		return nil, err
	}
	if len(c.b) == 0 {
		return nil, truncated(syncFileWhat)
	}
	return c.b, nil
}

// SyncAD is the associated data of a change or snapshot payload: the facts
// of its canonical file name. A file renamed, moved to another device's
// folder or replaced by an older one of the same device fails to open.
func SyncAD(device string, n SyncName) []byte {
	b := make([]byte, 0, 48+len(device))
	b = append(b, SyncMagic...)
	b = binary.BigEndian.AppendUint16(b, SyncVersion)
	b = append(b, byte(n.Kind), byte(len(device)))
	b = append(b, device...)
	b = binary.BigEndian.AppendUint64(b, n.Epoch)
	return binary.BigEndian.AppendUint64(b, n.Seq)
}

// SyncKind says what a device file holds.
type SyncKind byte

const (
	KindChange   SyncKind = 'c' // entities changed since the device's previous file
	KindSnapshot SyncKind = 's' // every entity of the device as of Seq
)

// SyncName is the parsed name of a change or snapshot file.
type SyncName struct {
	Kind  SyncKind
	Epoch uint64
	Seq   uint64
}

func (k SyncKind) ext() string {
	if k == KindSnapshot {
		return ".vbs"
	}
	return ".vbc"
}

// String is the canonical file name.
func (n SyncName) String() string {
	return fmt.Sprintf("%c-%d-%d%s", n.Kind, n.Epoch, n.Seq, n.Kind.ext())
}

// ParseSyncName parses a canonical change or snapshot file name. Only the
// canonical spelling parses, so every file has one name.
func ParseSyncName(name string) (SyncName, bool) {
	if len(name) < 2 || name[1] != '-' {
		return SyncName{}, false
	}
	k := SyncKind(name[0])
	if k != KindChange && k != KindSnapshot {
		return SyncName{}, false
	}
	rest, ok := strings.CutSuffix(name[2:], k.ext())
	if !ok {
		return SyncName{}, false
	}
	e, s, ok := strings.Cut(rest, "-")
	if !ok {
		return SyncName{}, false
	}
	epoch, ok1 := parseNum(e)
	seq, ok2 := parseNum(s)
	if !ok1 || !ok2 || epoch == 0 || seq == 0 {
		return SyncName{}, false
	}
	return SyncName{Kind: k, Epoch: epoch, Seq: seq}, true
}

// KeyName is the parsed name of a key file.
type KeyName struct {
	Epoch  uint64
	Device string
}

// String is the canonical file name.
func (n KeyName) String() string { return fmt.Sprintf("%d-%s.vbk", n.Epoch, n.Device) }

// After reports whether n is the later key: higher epoch, ties by device id.
func (n KeyName) After(o KeyName) bool {
	if n.Epoch != o.Epoch {
		return n.Epoch > o.Epoch
	}
	return n.Device > o.Device
}

// ParseKeyName parses a canonical key file name.
func ParseKeyName(name string) (KeyName, bool) {
	rest, ok := strings.CutSuffix(name, ".vbk")
	if !ok {
		return KeyName{}, false
	}
	e, dev, ok := strings.Cut(rest, "-")
	epoch, ok1 := parseNum(e)
	if !ok || !ok1 || epoch == 0 || !ValidDeviceID(dev) {
		return KeyName{}, false
	}
	return KeyName{Epoch: epoch, Device: dev}, true
}

// parseNum parses a decimal number in canonical form: no sign, no leading
// zeros.
func parseNum(s string) (uint64, bool) {
	if s == "" || (len(s) > 1 && s[0] == '0') || s[0] == '+' {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// ValidDeviceID reports whether id can name a device folder: 1 to 64 ASCII
// letters, digits, '-' or '_'. Ids come from random bytes, so this only
// keeps hostile names (paths, spaces, conflict suffixes) out.
func ValidDeviceID(id string) bool {
	if id == "" || len(id) > maxDeviceID {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
