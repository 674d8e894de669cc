package format

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// JournalMagic starts every journal file.
const JournalMagic = "VAULTBAR-JOURNAL\n"

// JournalVersion is the journal format this build writes and the newest it
// reads.
const JournalVersion uint16 = 1

// frameHeaderSize is length, generation, sequence and checksum.
const frameHeaderSize = 4 + 8 + 8 + 4

// maxFrame bounds one frame's sealed bytes; a save is a handful of entities.
const maxFrame = 1 << 30

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// JournalHeader names the snapshot a journal's frames extend. Frames of a
// journal whose generation is not the snapshot's are stale: a newer snapshot
// already holds them.
type JournalHeader struct {
	VaultID    [16]byte
	Generation uint64
}

// Frame is one appended save, sealed by the data key with FrameAD.
type Frame struct {
	Generation uint64
	Seq        uint64 // 1 for the first frame of a journal, then +1 each
	Sealed     []byte
	Offset     int // where Sealed starts in the parsed file; not written
}

// Journal is a parsed journal file.
type Journal struct {
	Header JournalHeader
	Frames []Frame
	// Torn counts bytes after the last whole frame: an append that a crash
	// cut short. Its save was never acknowledged, so dropping it loses
	// nothing the user was told was saved.
	Torn int
	// Skipped counts bytes ScanJournal could not read as frames.
	Skipped int
}

// FrameAD is the associated data of frame seq: it binds the frame to its
// vault, generation and place, so frames can't be reordered, replayed into
// another generation or moved between vaults.
func FrameAD(h JournalHeader, seq uint64) []byte {
	b := appendPrefix(make([]byte, 0, 64), JournalMagic, JournalVersion, h.VaultID)
	b = binary.BigEndian.AppendUint64(b, h.Generation)
	return binary.BigEndian.AppendUint64(b, seq)
}

// AppendJournalHeader appends the start of a journal file.
func AppendJournalHeader(dst []byte, h JournalHeader) []byte {
	dst = appendPrefix(dst, JournalMagic, JournalVersion, h.VaultID)
	return binary.BigEndian.AppendUint64(dst, h.Generation)
}

// AppendFrame appends one frame.
func AppendFrame(dst []byte, f Frame) []byte {
	start := len(dst)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(f.Sealed)))
	dst = binary.BigEndian.AppendUint64(dst, f.Generation)
	dst = binary.BigEndian.AppendUint64(dst, f.Seq)
	dst = binary.BigEndian.AppendUint32(dst, crc32.Checksum(dst[start:], castagnoli))
	return append(dst, f.Sealed...)
}

// ParseJournal splits a journal into its header and frames. A cut-short
// last frame is reported in Torn; anything else wrong, wherever it is, is an
// error, because frames before the end were acknowledged saves.
func ParseJournal(b []byte) (Journal, error) {
	j, rest, err := parseJournalHeader(b)
	if err != nil {
		return j, err
	}
	for len(rest) > 0 {
		seq := uint64(len(j.Frames)) + 1
		f, n, err := parseFrame(rest, j.Header.Generation)
		if err == nil && n > 0 && f.Seq != seq {
			err = corrupt("journal frame %d: sequence number %d", seq, f.Seq)
		}
		if err != nil {
			return j, fmt.Errorf("journal frame %d: %w", seq, err)
		}
		if n == 0 {
			j.Torn = len(rest)
			break
		}
		f.Offset = len(b) - len(rest) + frameHeaderSize
		j.Frames = append(j.Frames, f)
		rest = rest[n:]
	}
	return j, nil
}

func parseJournalHeader(b []byte) (Journal, []byte, error) {
	var j Journal
	c := cursor{b: b, what: "journal"}
	if err := c.magic(JournalMagic, JournalVersion); err != nil {
		return j, nil, err
	}
	copy(j.Header.VaultID[:], c.take(16))
	j.Header.Generation = c.u64()
	return j, c.b, c.err
}

// ScanJournal reads what it can of a damaged journal, for recovery. Where
// ParseJournal stops at the first damaged frame, ScanJournal skips ahead to
// the next frame header whose checksum, generation and a later sequence
// number fit, and goes on from there. Skipped counts the bytes it could not
// read as frames, a torn tail included (Torn is left 0). Only an unreadable
// header is an error. The frames still have to authenticate: a header that
// happens to fit only leads to a frame that fails to open.
func ScanJournal(b []byte) (Journal, error) {
	j, rest, err := parseJournalHeader(b)
	if err != nil {
		return j, err
	}
	var last uint64
	for len(rest) > 0 {
		f, n, err := parseFrame(rest, j.Header.Generation)
		if err != nil || n == 0 || f.Seq <= last {
			rest = rest[1:]
			j.Skipped++
			continue
		}
		f.Offset = len(b) - len(rest) + frameHeaderSize
		j.Frames = append(j.Frames, f)
		last, rest = f.Seq, rest[n:]
	}
	return j, nil
}

// parseFrame reads the frame at the start of b and returns its size, or 0 if
// b is the beginning of a frame that was never completely written.
func parseFrame(b []byte, gen uint64) (Frame, int, error) {
	if len(b) < frameHeaderSize {
		return Frame{}, 0, nil
	}
	hdr := b[:frameHeaderSize]
	if crc32.Checksum(hdr[:20], castagnoli) != binary.BigEndian.Uint32(hdr[20:]) {
		// A crash can leave a zero-filled tail; anything else is damage.
		if allZero(b[frameHeaderSize:]) {
			return Frame{}, 0, nil
		}
		return Frame{}, 0, corrupt("bad header checksum")
	}
	f := Frame{
		Generation: binary.BigEndian.Uint64(hdr[4:]),
		Seq:        binary.BigEndian.Uint64(hdr[12:]),
	}
	n := uint64(binary.BigEndian.Uint32(hdr))
	switch {
	case n > maxFrame:
		return Frame{}, 0, corrupt("length %d", n)
	case f.Generation != gen:
		return Frame{}, 0, corrupt("generation %d in a journal of generation %d", f.Generation, gen)
	case n > uint64(len(b)-frameHeaderSize):
		return Frame{}, 0, nil
	}
	f.Sealed = b[frameHeaderSize : frameHeaderSize+int(n) : frameHeaderSize+int(n)]
	return f, frameHeaderSize + int(n), nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// Tag is the last 16 bytes of a sealed frame: its authentication tag, which
// a commit records to name the exact frame it vouches for.
func (f Frame) Tag() [16]byte {
	var t [16]byte
	copy(t[:], f.Sealed[max(0, len(f.Sealed)-16):])
	return t
}

// The commit file (vault.vbc) says how long the journal was when its last
// save returned, so a journal cut short (or emptied, or deleted) can be told
// from one that is simply shorter. It has two fixed-size slots, written in
// place alternately (slot Seq%2), so a write torn by a crash leaves the
// other slot, one save older, intact.
const (
	CommitMagic    = "VAULTBAR-COMMIT\n"
	CommitVersion  = uint16(1)
	CommitSlotSize = 128
	commitBody     = len(CommitMagic) + 2 + 16 + 8 + 8 + 16
	maxCommitSeal  = CommitSlotSize - commitBody - 1
)

// Commit is one slot: the journal of generation Generation held Seq frames,
// the last with tag Last, when a save returned. Sealed is an empty
// plaintext sealed by the data key with CommitAD, so only Vaultbar with the
// vault's key can vouch for a length.
type Commit struct {
	VaultID    [16]byte
	Generation uint64
	Seq        uint64
	Last       [16]byte
	Sealed     []byte
}

// CommitAD is everything a commit slot says, authenticated by its seal.
func CommitAD(c Commit) []byte {
	b := appendPrefix(make([]byte, 0, commitBody), CommitMagic, CommitVersion, c.VaultID)
	b = binary.BigEndian.AppendUint64(b, c.Generation)
	b = binary.BigEndian.AppendUint64(b, c.Seq)
	return append(b, c.Last[:]...)
}

// AppendCommit appends one slot of exactly CommitSlotSize bytes.
func AppendCommit(dst []byte, c Commit) []byte {
	start := len(dst)
	dst = append(dst, CommitAD(c)...)
	dst = append(dst, byte(len(c.Sealed)))
	dst = append(dst, c.Sealed...)
	return append(dst, make([]byte, CommitSlotSize-(len(dst)-start))...)
}

// ParseCommit reads one slot. The caller authenticates it with CommitAD.
func ParseCommit(b []byte) (Commit, error) {
	var cm Commit
	if len(b) != CommitSlotSize {
		return cm, truncated("commit slot")
	}
	c := cursor{b: b, what: "commit"}
	if err := c.magic(CommitMagic, CommitVersion); err != nil {
		return cm, err
	}
	copy(cm.VaultID[:], c.take(16))
	cm.Generation = c.u64()
	cm.Seq = c.u64()
	copy(cm.Last[:], c.take(16))
	n := int(c.u8())
	if n > maxCommitSeal {
		return cm, corrupt("commit seal of %d bytes", n)
	}
	cm.Sealed = c.take(n)
	if c.err == nil && !allZero(c.b) {
		return cm, corrupt("commit slot padding")
	}
	return cm, c.err
}
