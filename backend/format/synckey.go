package format

import (
	"encoding/binary"
	"errors"

	"vaultbar/backend/crypto"
)

// Key file (keys/<epoch>-<device>.vbk), all integers big-endian. Version 2,
// the one this build writes:
//
//	magic       "VAULTBAR-SYNCKEY\n"        17 bytes
//	version     uint16                     2
//	epoch       uint64
//	device      uint8 length, bytes
//	kdf         time uint32, memory KiB uint32, threads uint8
//	salt        uint8 length, bytes
//	prev        uint64                     epoch this one replaces (epoch-1); 0 only for a new folder's first
//	wrapped key uint16 length, bytes        data key sealed by the password key, AD KeyAD
//	body        uint32 length, bytes        KeyBody sealed by the data key, AD BodyAD
//	chain       uint16 length, bytes        empty when prev is 0; else nothing sealed by
//	                                       epoch prev's data key, AD ChainAD
//
// The chain proves that whoever made the file held the data key of the
// epoch it replaces, so a file made without it (junk, a forgery, a real file
// copied to a higher epoch's name) is not taken for a password change.
//
// Version 1 (read, never written) has no prev and no chain, and its body
// holds only the older keys (AppendEpochKeys).

// SyncKeyVersion is the key file version this build writes; it reads 1 too.
const SyncKeyVersion uint16 = 2

const (
	maxChain   = 256
	chainTail  = "chain"
	cutoffMin  = 8 + 1 + 1 + 8
	digestMin  = 1 + 1 + 1 + 8 + 8 + 32
	countBytes = 4
)

// KeyFile is a parsed key file.
type KeyFile struct {
	Version    uint16 // 1 or 2
	Epoch      uint64
	Device     string
	KDF        crypto.KDFParams
	Salt       []byte
	Prev       uint64 // version 2: the epoch this one replaces, 0 for a folder's first
	WrappedKey []byte // the epoch's data key sealed by the password key, AD KeyAD
	Body       []byte // sealed by the data key, AD BodyAD: KeyBody (version 1: AppendEpochKeys)
	Chain      []byte // version 2: nothing sealed by epoch Prev's key, AD ChainAD
}

// KeyAD is the associated data of the wrapped key: the key file's header up
// to the wrapped key, so no field that decides the key can be changed.
func KeyAD(k KeyFile) []byte {
	b := make([]byte, 0, 72+len(k.Device))
	b = append(b, SyncKeyMagic...)
	b = binary.BigEndian.AppendUint16(b, k.Version)
	b = binary.BigEndian.AppendUint64(b, k.Epoch)
	b = append(b, byte(len(k.Device)))
	b = append(b, k.Device...)
	b = binary.BigEndian.AppendUint32(b, k.KDF.Time)
	b = binary.BigEndian.AppendUint32(b, k.KDF.MemoryKiB)
	b = append(b, k.KDF.Threads, byte(len(k.Salt)))
	b = append(b, k.Salt...)
	if k.Version >= 2 {
		b = binary.BigEndian.AppendUint64(b, k.Prev)
	}
	return b
}

// BodyAD is the associated data of the sealed body.
func BodyAD(k KeyFile) []byte { return append(KeyAD(k), olderKeysTail...) }

// ChainAD is the associated data of the chain: every byte of the file
// before it.
func ChainAD(k KeyFile) []byte { return append(appendKeyFileHead(nil, k), chainTail...) }

func appendKeyFileHead(dst []byte, k KeyFile) []byte {
	dst = append(dst, KeyAD(k)...)
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(k.WrappedKey)))
	dst = append(dst, k.WrappedKey...)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(k.Body)))
	return append(dst, k.Body...)
}

// AppendKeyFile appends the bytes of key file k, in k.Version's layout.
func AppendKeyFile(dst []byte, k KeyFile) []byte {
	dst = appendKeyFileHead(dst, k)
	if k.Version < 2 {
		return dst
	}
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(k.Chain)))
	return append(dst, k.Chain...)
}

// ParseKeyFile parses a key file of version 1 or 2. A newer format gives a
// *VersionError. The returned slices alias b.
func ParseKeyFile(b []byte) (KeyFile, error) {
	var k KeyFile
	c := cursor{b: b, what: syncKeyWhat}
	v, err := c.keyVersion()
	if err != nil {
		return k, err
	}
	k.Version = v
	k.Epoch = c.u64()
	k.Device = string(c.take(int(c.u8())))
	k.KDF.Time = c.u32()
	k.KDF.MemoryKiB = c.u32()
	k.KDF.Threads = c.u8()
	k.Salt = c.take(int(c.u8()))
	if v >= 2 {
		k.Prev = c.u64()
	}
	k.WrappedKey = c.take(int(c.u16()))
	k.Body = c.take(int(min(c.u32(), maxOlderKeys+1)))
	if v >= 2 {
		k.Chain = c.take(int(min(c.u16(), maxChain+1)))
	}
	if c.err != nil {
		return k, c.err
	}
	if len(c.b) != 0 {
		return k, corrupt("%d bytes after the sync key file", len(c.b))
	}
	return k, checkKeyFile(k)
}

// keyVersion reads the magic and a version this build reads: the current
// one, or 1.
func (c *cursor) keyVersion() (uint16, error) {
	v1 := *c
	err := c.magic(SyncKeyMagic, SyncKeyVersion)
	if err == nil || !errors.Is(err, ErrCorrupt) {
		return SyncKeyVersion, err
	}
	if err := v1.magic(SyncKeyMagic, 1); err != nil {
		return 0, err
	}
	*c = v1
	return 1, nil
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
	case len(k.Body) > maxOlderKeys:
		return corrupt("sync key file: body of %d bytes", len(k.Body))
	}
	return checkChain(k)
}

// checkChain: only a folder's first key file (epoch 1) is unchained, and a
// chain points to the epoch just before: a change always makes the next
// epoch, so no chained file can claim a far-off one.
func checkChain(k KeyFile) error {
	switch {
	case k.Version < 2:
		return nil
	case k.Prev != 0 && k.Prev != k.Epoch-1:
		return corrupt("sync key file: epoch %d replaces epoch %d", k.Epoch, k.Prev)
	case k.Prev == 0 && (k.Epoch != 1 || len(k.Chain) != 0):
		return corrupt("sync key file: epoch %d without a chain", k.Epoch)
	case k.Prev != 0 && (len(k.Chain) == 0 || len(k.Chain) > maxChain):
		return corrupt("sync key file: chain of %d bytes", len(k.Chain))
	}
	return nil
}

// KeyBody is the sealed body of a version 2 key file: the data keys of
// earlier epochs, so a device that learns the new password still reads what
// lagging devices wrote before the change, and the cutoffs that end those
// epochs.
//
//	keys     uint32 count, then per key: epoch uint64, key 32 bytes
//	cutoffs  uint32 count, then per cutoff: epoch uint64, device uint8
//	         length and bytes, seq uint64
//	digests  uint32 count, then per file: device uint8 length and bytes,
//	         kind uint8, epoch uint64, seq uint64, SHA-256 32 bytes
//
// The digests name, byte for byte, the files of older epochs that were in
// the folder when the password changed and within the cutoffs: the only
// ones accepted afterwards, so someone who kept the old key can't replace
// one that a device has not read yet.
type KeyBody struct {
	Keys    []EpochKey
	Cutoffs []Cutoff
	Digests []FileDigest
}

// FileDigest is the SHA-256 of a device's change or snapshot file.
type FileDigest struct {
	Device string
	Name   SyncName
	Sum    [32]byte
}

// Cutoff says that device's files of epochs below Epoch are accepted only
// up to Seq: what it had written when the password changed to Epoch.
type Cutoff struct {
	Epoch  uint64
	Device string
	Seq    uint64
}

// AppendKeyBody appends the plaintext of a key file's body.
func AppendKeyBody(dst []byte, kb KeyBody) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(kb.Keys)))
	dst = AppendEpochKeys(dst, kb.Keys)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(kb.Cutoffs)))
	for _, c := range kb.Cutoffs {
		dst = binary.BigEndian.AppendUint64(dst, c.Epoch)
		dst = append(dst, byte(len(c.Device)))
		dst = append(dst, c.Device...)
		dst = binary.BigEndian.AppendUint64(dst, c.Seq)
	}
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(kb.Digests)))
	for _, d := range kb.Digests {
		dst = append(dst, byte(len(d.Device)))
		dst = append(dst, d.Device...)
		dst = append(dst, byte(d.Name.Kind))
		dst = binary.BigEndian.AppendUint64(dst, d.Name.Epoch)
		dst = binary.BigEndian.AppendUint64(dst, d.Name.Seq)
		dst = append(dst, d.Sum[:]...)
	}
	return dst
}

// ParseKeyBody parses what AppendKeyBody wrote. Nothing returned aliases b.
func ParseKeyBody(b []byte) (KeyBody, error) {
	var kb KeyBody
	c := cursor{b: b, what: "sync key file body"}
	n := c.u32()
	if c.err == nil && uint64(n) > uint64(len(c.b))/epochKeyBytes {
		return kb, corrupt("sync key file body: %d keys", n)
	}
	keys, err := ParseEpochKeys(c.take(int(n) * epochKeyBytes))
	if err != nil || c.err != nil {
		return kb, errors.Join(c.err, err)
	}
	kb.Keys = keys
	if kb.Cutoffs, err = parseCutoffs(&c); err != nil {
		return kb, err
	}
	if kb.Digests, err = parseDigests(&c); err != nil {
		return kb, err
	}
	if len(c.b) != 0 {
		return kb, corrupt("%d bytes after the sync key file body", len(c.b))
	}
	return kb, nil
}

func parseCutoffs(c *cursor) ([]Cutoff, error) {
	n := c.u32()
	if c.err == nil && uint64(n) > uint64(len(c.b))/cutoffMin {
		return nil, corrupt("sync key file body: %d cutoffs", n)
	}
	out := make([]Cutoff, 0, n)
	for range n {
		co := Cutoff{Epoch: c.u64()}
		co.Device = string(c.take(int(c.u8())))
		co.Seq = c.u64()
		if c.err != nil {
			return nil, c.err
		}
		if !ValidDeviceID(co.Device) {
			return nil, corrupt("sync key file body: bad device id")
		}
		out = append(out, co)
	}
	return out, c.err
}

// EpochKey is the data key of one epoch.
type EpochKey struct {
	Epoch uint64
	Key   []byte // crypto.KeySize bytes
}

// AppendEpochKeys appends epoch keys: each an epoch and its key. It is the
// whole body of a version 1 key file.
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

func parseDigests(c *cursor) ([]FileDigest, error) {
	n := c.u32()
	if c.err == nil && uint64(n) > uint64(len(c.b))/digestMin {
		return nil, corrupt("sync key file body: %d digests", n)
	}
	out := make([]FileDigest, 0, n)
	for range n {
		d := FileDigest{Device: string(c.take(int(c.u8())))}
		d.Name = SyncName{Kind: SyncKind(c.u8()), Epoch: c.u64(), Seq: c.u64()}
		copy(d.Sum[:], c.take(32))
		if c.err != nil {
			return nil, c.err
		}
		if _, ok := ParseSyncName(d.Name.String()); !ok || !ValidDeviceID(d.Device) {
			return nil, corrupt("sync key file body: bad file digest")
		}
		out = append(out, d)
	}
	return out, c.err
}
