package format

// reader reads varints and strings from a string, with a sticky error: after
// the first failure every read returns zero, so decoders check once at the end.
// Strings it returns are substrings of s and cost no allocation.
type reader struct {
	s   string
	off int
	err error
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.off = len(r.s)
}

func (r *reader) left() int { return len(r.s) - r.off }

func (r *reader) byte() byte {
	if r.off >= len(r.s) {
		r.fail(truncated("entities"))
		return 0
	}
	c := r.s[r.off]
	r.off++
	return c
}

func (r *reader) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			r.fail(truncated("entities"))
			return 0
		}
		c := r.s[r.off]
		r.off++
		if c < 0x80 {
			if shift == 63 && c > 1 {
				break
			}
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
	}
	r.fail(corrupt("varint overflows 64 bits"))
	return 0
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// count reads a count of items each at least size bytes long and rejects it
// if the items could not fit in what remains, so hostile input can't make a
// decoder allocate more than a small multiple of its own size.
func (r *reader) count(size int, what string) int {
	n := r.uvarint()
	if n > uint64(r.left()/size) {
		r.fail(truncated(what))
		return 0
	}
	return int(n)
}

func (r *reader) str() string {
	n := r.uvarint()
	if n > uint64(r.left()) {
		r.fail(truncated("entities"))
		return ""
	}
	s := r.s[r.off : r.off+int(n)]
	r.off += int(n)
	return s
}

// done reports the first error, or bytes left over.
func (r *reader) done(what string) error {
	if r.err != nil {
		return r.err
	}
	if r.off != len(r.s) {
		return corrupt("%d bytes after the %s", len(r.s)-r.off, what)
	}
	return nil
}
