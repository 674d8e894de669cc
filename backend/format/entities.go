package format

import (
	"encoding/binary"
	"math"
	"unsafe"

	"vaultbar/backend/model"
)

// entitiesVersion is the first byte of an entity encoding.
const entitiesVersion = 1

// An entity list is encoded as:
//
//	version   byte (1)
//	body      uint64 big-endian length, then:
//	  count    uvarint, then each entity:
//	    id       string
//	    kind     byte
//	    regs     uvarint count; each: key index, value string, stamp
//	    history  uvarint count; each: key index, value string, stamp
//	    deleted  byte 0, or 1 then stamp, uvarint count, each: key index, stamp
//	devices   uvarint count, then that many strings
//	keys      uvarint count, then that many strings
//
// A string is a uvarint length and its bytes; a stamp is a zigzag varint wall
// time, a uvarint counter and a uvarint device index. Register keys and device
// ids repeat across thousands of records, so they are stored once, in tables
// after the body: the encoder fills them as it meets new strings and so walks
// the entities once. Within an entity, registers and tombstone entries are in
// key order, so the output depends only on the entities, never on map order.

// AppendEntities appends the encoding of ents to dst.
func AppendEntities(dst []byte, ents []*model.Entity) []byte {
	dst = append(dst, entitiesVersion)
	at := len(dst)
	dst = binary.BigEndian.AppendUint64(dst, 0) // body length, set below
	dst = binary.AppendUvarint(dst, uint64(len(ents)))
	enc := encoder{keys: map[string]uint64{}}
	for _, e := range ents {
		dst = enc.entity(dst, e)
	}
	binary.BigEndian.PutUint64(dst[at:], uint64(len(dst)-at-8))
	dst = appendTable(dst, enc.devs.list)
	return appendTable(dst, enc.keyList)
}

func appendTable(dst []byte, list []string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(list)))
	for _, s := range list {
		dst = appendString(dst, s)
	}
	return dst
}

type encoder struct {
	keys    map[string]uint64
	keyList []string
	devs    devTable
	order   []keyed // scratch, reused across entities
}

type keyed struct {
	key string
	idx uint64
}

func (enc *encoder) entity(dst []byte, e *model.Entity) []byte {
	dst = appendString(dst, e.ID)
	dst = append(dst, byte(e.Kind))
	dst = binary.AppendUvarint(dst, uint64(len(e.Regs)))
	for _, k := range sorted(enc, e.Regs) {
		r := e.Regs[k.key]
		dst = binary.AppendUvarint(dst, k.idx)
		dst = appendString(dst, r.V)
		dst = enc.stamp(dst, r.S)
	}
	dst = binary.AppendUvarint(dst, uint64(len(e.History)))
	for _, v := range e.History {
		dst = binary.AppendUvarint(dst, enc.key(v.Key))
		dst = appendString(dst, v.V)
		dst = enc.stamp(dst, v.S)
	}
	if e.Deleted == nil {
		return append(dst, 0)
	}
	dst = append(dst, 1)
	dst = enc.stamp(dst, e.Deleted.S)
	dst = binary.AppendUvarint(dst, uint64(len(e.Deleted.Seen)))
	for _, k := range sorted(enc, e.Deleted.Seen) {
		dst = binary.AppendUvarint(dst, k.idx)
		dst = enc.stamp(dst, e.Deleted.Seen[k.key])
	}
	return dst
}

// sorted returns m's keys in string order with their table indices. Keys new
// to the table are numbered in that order, so numbering is deterministic too.
func sorted[V any](enc *encoder, m map[string]V) []keyed {
	o := enc.order[:0]
	for k := range m {
		o = append(o, keyed{key: k})
	}
	for i := 1; i < len(o); i++ { // insertion sort: entities have few registers
		for j := i; j > 0 && o[j].key < o[j-1].key; j-- {
			o[j], o[j-1] = o[j-1], o[j]
		}
	}
	for i := range o {
		o[i].idx = enc.key(o[i].key)
	}
	enc.order = o
	return o
}

func (enc *encoder) key(k string) uint64 {
	i, ok := enc.keys[k]
	if !ok {
		i = uint64(len(enc.keyList))
		enc.keys[k] = i
		enc.keyList = append(enc.keyList, k)
	}
	return i
}

func (enc *encoder) stamp(dst []byte, s model.Stamp) []byte {
	dst = binary.AppendVarint(dst, s.Wall)
	dst = binary.AppendUvarint(dst, uint64(s.Count))
	return binary.AppendUvarint(dst, enc.devs.index(s.Dev))
}

// devTable numbers device ids. A vault has a handful, so a linear scan beats
// hashing the id for every stamp; a map takes over if there are many.
type devTable struct {
	list []string
	big  map[string]uint64
}

func (t *devTable) index(dev string) uint64 {
	if t.big == nil {
		for i, d := range t.list {
			if d == dev {
				return uint64(i)
			}
		}
		if len(t.list) < 16 {
			t.list = append(t.list, dev)
			return uint64(len(t.list) - 1)
		}
		t.big = make(map[string]uint64, 2*len(t.list))
		for i, d := range t.list {
			t.big[d] = uint64(i)
		}
	}
	i, ok := t.big[dev]
	if !ok {
		i = uint64(len(t.list))
		t.big[dev] = i
		t.list = append(t.list, dev)
	}
	return i
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// Smallest encodings, used to bound counts by the bytes that remain before
// allocating for them.
const (
	minStamp  = 3
	minReg    = 2 + minStamp
	minSeen   = 1 + minStamp
	minEntity = 5
)

// ParseEntities decodes what AppendEntities wrote. The strings it returns
// share one copy of b, so b may be reused or wiped afterwards.
func ParseEntities(b []byte) ([]*model.Entity, error) { return parseEntities(b, false) }

// parseEntities decodes b. With own, b is handed over and the strings point
// into it, which saves copying a vault's worth of plaintext once more.
func parseEntities(b []byte, own bool) ([]*model.Entity, error) {
	if len(b) == 0 {
		return nil, truncated("entities")
	}
	if b[0] != entitiesVersion {
		return nil, corrupt("entity encoding version %d", b[0])
	}
	if len(b) < 9 {
		return nil, truncated("entities")
	}
	n := binary.BigEndian.Uint64(b[1:])
	if n > uint64(len(b)-9) {
		return nil, truncated("entities")
	}
	s := string(b[9:]) // the one copy every returned string points into
	if own && len(b) > 9 {
		s = unsafe.String(&b[9], len(b)-9)
	}
	d := &decoder{r: reader{s: s[:n]}}
	tables := reader{s: s[n:]}
	d.devs = d.table(&tables, "device")
	d.keys = d.table(&tables, "key")
	if err := tables.done("tables"); err != nil {
		return nil, err
	}
	ents := d.all()
	if err := d.r.done("entities"); err != nil {
		return nil, err
	}
	return ents, nil
}

type decoder struct {
	r          reader
	devs, keys []string
	ents       []model.Entity  // allocation pool
	hist       []model.Version // allocation pool
}

func (d *decoder) all() []*model.Entity {
	n := d.r.count(minEntity, "entities")
	out := make([]*model.Entity, 0, n)
	for i := 0; i < n && d.r.err == nil; i++ {
		out = append(out, d.entity())
	}
	return out
}

func (d *decoder) table(r *reader, what string) []string {
	n := r.count(1, what+" table")
	t := make([]string, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		t = append(t, r.str())
	}
	return t
}

func (d *decoder) entity() *model.Entity {
	if len(d.ents) == 0 {
		d.ents = make([]model.Entity, 256)
	}
	e := &d.ents[0]
	d.ents = d.ents[1:]
	e.ID = d.r.str()
	e.Kind = model.Kind(d.r.byte())
	n := d.r.count(minReg, "registers")
	e.Regs = make(map[string]model.Reg, min(n, 64))
	last := ""
	for i := 0; i < n && d.r.err == nil; i++ {
		k := d.key(&last, i == 0)
		e.Regs[k] = model.Reg{V: d.r.str(), S: d.stamp()}
	}
	e.History = d.history()
	switch d.r.byte() {
	case 0:
	case 1:
		e.Deleted = d.tombstone()
	default:
		d.r.fail(corrupt("entity %q has a bad deletion flag", e.ID))
	}
	return e
}

func (d *decoder) history() []model.Version {
	n := d.r.count(minReg, "history")
	if n == 0 {
		return nil
	}
	if len(d.hist) < n {
		d.hist = make([]model.Version, max(n, 1024))
	}
	h := d.hist[:n:n] // full capacity: an append must not overwrite a neighbour
	d.hist = d.hist[n:]
	for i := range h {
		h[i] = model.Version{Key: d.key(nil, true), V: d.r.str(), S: d.stamp()}
	}
	return h
}

func (d *decoder) tombstone() *model.Tombstone {
	t := &model.Tombstone{S: d.stamp()}
	n := d.r.count(minSeen, "tombstone")
	t.Seen = make(map[string]model.Stamp, min(n, 64))
	last := ""
	for i := 0; i < n && d.r.err == nil; i++ {
		k := d.key(&last, i == 0)
		t.Seen[k] = d.stamp()
	}
	return t
}

// key reads a key index. With last, keys must ascend, which rules out
// duplicate keys and keeps the encoding canonical.
func (d *decoder) key(last *string, first bool) string {
	i := d.r.uvarint()
	if i >= uint64(len(d.keys)) {
		d.r.fail(corrupt("key index %d out of range", i))
		return ""
	}
	k := d.keys[i]
	if last != nil {
		if !first && k <= *last {
			d.r.fail(corrupt("register keys out of order"))
		}
		*last = k
	}
	return k
}

func (d *decoder) stamp() model.Stamp {
	wall := d.r.varint()
	count := d.r.uvarint()
	dev := d.r.uvarint()
	switch {
	case d.r.err != nil:
		return model.Stamp{}
	case count > math.MaxUint32:
		d.r.fail(corrupt("stamp counter %d out of range", count))
		return model.Stamp{}
	case dev >= uint64(len(d.devs)):
		d.r.fail(corrupt("device index %d out of range", dev))
		return model.Stamp{}
	}
	return model.Stamp{Wall: wall, Count: uint32(count), Dev: d.devs[dev]}
}
