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
// Key files are laid out in synckey.go.
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
