package format

import (
	"encoding/binary"
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
}

// Journal is a parsed journal file.
type Journal struct {
	Header JournalHeader
	Frames []Frame
	// Torn counts bytes after the last whole frame: an append that a crash
	// cut short. Its save was never acknowledged, so dropping it loses
	// nothing the user was told was saved.
	Torn int
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
	var j Journal
	c := cursor{b: b, what: "journal"}
	if err := c.magic(JournalMagic, JournalVersion); err != nil {
		return j, err
	}
	copy(j.Header.VaultID[:], c.take(16))
	j.Header.Generation = c.u64()
	if c.err != nil {
		return j, c.err
	}
	rest := c.b
	for len(rest) > 0 {
		f, n, err := parseFrame(rest, j.Header.Generation, uint64(len(j.Frames))+1)
		if err != nil {
			return j, err
		}
		if n == 0 {
			j.Torn = len(rest)
			break
		}
		j.Frames = append(j.Frames, f)
		rest = rest[n:]
	}
	return j, nil
}

// parseFrame reads the frame at the start of b and returns its size, or 0 if
// b is the beginning of a frame that was never completely written.
func parseFrame(b []byte, gen, seq uint64) (Frame, int, error) {
	if len(b) < frameHeaderSize {
		return Frame{}, 0, nil
	}
	hdr := b[:frameHeaderSize]
	if crc32.Checksum(hdr[:20], castagnoli) != binary.BigEndian.Uint32(hdr[20:]) {
		// A crash can leave a zero-filled tail; anything else is damage.
		if allZero(b[frameHeaderSize:]) {
			return Frame{}, 0, nil
		}
		return Frame{}, 0, corrupt("journal frame %d: bad header checksum", seq)
	}
	f := Frame{
		Generation: binary.BigEndian.Uint64(hdr[4:]),
		Seq:        binary.BigEndian.Uint64(hdr[12:]),
	}
	n := uint64(binary.BigEndian.Uint32(hdr))
	switch {
	case n > maxFrame:
		return Frame{}, 0, corrupt("journal frame %d: length %d", seq, n)
	case f.Generation != gen:
		return Frame{}, 0, corrupt("journal frame %d: generation %d in a journal of generation %d", seq, f.Generation, gen)
	case f.Seq != seq:
		return Frame{}, 0, corrupt("journal frame %d: sequence number %d", seq, f.Seq)
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
