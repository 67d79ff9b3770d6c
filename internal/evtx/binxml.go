package evtx

import (
	"encoding/binary"

	"github.com/vigil-sec/vigil/internal/winevent"
)

// BinXML tokens. The 0x40 bit on element, value, attribute, CDATA, character
// and entity tokens means "more of the same follows"; it changes nothing here.
const (
	tokEOF         = 0x00
	tokOpenElement = 0x01
	tokCloseStart  = 0x02
	tokCloseEmpty  = 0x03
	tokEndElement  = 0x04
	tokValue       = 0x05
	tokAttribute   = 0x06
	tokCDATA       = 0x07
	tokCharRef     = 0x08
	tokEntityRef   = 0x09
	tokPITarget    = 0x0a
	tokPIData      = 0x0b
	tokTemplate    = 0x0c
	tokNormalSub   = 0x0d
	tokOptionalSub = 0x0e
	tokFragment    = 0x0f
	tokMoreFlag    = 0x40
)

// Limits that keep hostile input from costing unbounded time or memory:
// templates and nested BinXML may reference each other, so nesting depth and
// the tokens decoded per record and per chunk are capped. Over all 386
// sample files the most any record used is 1,443 tokens and any chunk
// 22,186, so the caps leave 20x and 12x headroom.
const (
	maxDepth     = 24
	recordBudget = 1 << 15
	chunkBudget  = 1 << 18
)

// decoder decodes the BinXML of the records of one chunk. Offsets are
// chunk-relative, as they are in the format.
type decoder struct {
	chunk     []byte
	names     map[uint32]string // element/attribute names by offset, per chunk
	budget    int               // tokens left for the current record
	chunkLeft int               // tokens left for the whole chunk

	// Compiled template definitions by offset. Offsets only mean something
	// within one chunk, so reset empties it with the names.
	templates   map[int]*compiled
	compileLeft int // tokens compile may still walk in this chunk
	ops         []op
	shapes      []elemShape
	// interpretOnly turns compiling off, so tests can check that compiled
	// templates give exactly what decoding each record afresh gives.
	interpretOnly bool
	// reuse: the caller drops each record's tree once it is flattened, so
	// compiled definitions may hand out the same instance record after
	// record; gen numbers the records.
	reuse bool
	gen   uint64
}

func (d *decoder) reset(chunk []byte) {
	d.chunk = chunk
	if d.names == nil {
		d.names = make(map[uint32]string, 256)
	}
	clear(d.names)
	if d.templates == nil {
		d.templates = make(map[int]*compiled, 64)
	}
	clear(d.templates)
	d.ops, d.shapes = d.ops[:0], d.shapes[:0]
	d.chunkLeft = chunkBudget
	d.compileLeft = compileBudget
}

// record decodes the BinXML in [start, end) into the <Event> element. A
// panic (a decoder bug on some input) becomes an error: one bad record must
// never stop a scan.
func (d *decoder) record(start, end int) (root *winevent.Element, err error) {
	defer func() {
		if p := recover(); p != nil {
			root, err = nil, errAt(start, "BinXML decoder fault: %v", p)
		}
	}()
	d.gen++
	d.budget = min(recordBudget, d.chunkLeft)
	defer func(before int) { d.chunkLeft -= before - d.budget }(d.budget)
	holder := &winevent.Element{}
	if _, err := d.fragment(start, end, nil, holder, 0, false); err != nil {
		return nil, err
	}
	for _, c := range holder.Children {
		return c, nil
	}
	return nil, errAt(start, "record has no XML element")
}

func (d *decoder) u8(p int) (byte, error) {
	if p < 0 || p >= len(d.chunk) {
		return 0, errAt(p, "read past end of chunk")
	}
	return d.chunk[p], nil
}

func (d *decoder) u16(p int) (uint16, error) {
	if p < 0 || p+2 > len(d.chunk) {
		return 0, errAt(p, "read past end of chunk")
	}
	return binary.LittleEndian.Uint16(d.chunk[p:]), nil
}

func (d *decoder) u32(p int) (uint32, error) {
	if p < 0 || p+4 > len(d.chunk) {
		return 0, errAt(p, "read past end of chunk")
	}
	return binary.LittleEndian.Uint32(d.chunk[p:]), nil
}

// name returns the name struct at off: next-offset u32, hash u16, count u16,
// UTF-16 characters, NUL. size is its length, which the token stream skips
// when the name is stored inline (off equals the current position).
func (d *decoder) name(off uint32) (s string, size int, err error) {
	n, err := d.u16(int(off) + 6)
	if err != nil {
		return "", 0, err
	}
	size = 8 + 2*int(n) + 2
	if int(off)+size > len(d.chunk) {
		return "", 0, errAt(int(off), "name of %d characters runs past the chunk", n)
	}
	if s, ok := d.names[off]; ok {
		return s, size, nil
	}
	s = utf16String(d.chunk[int(off)+8:int(off)+8+2*int(n)], false)
	d.names[off] = s
	return s, size, nil
}

// nameRef reads a name offset at p and the inline name after it if the
// offset points right there; it returns the name and the position after.
func (d *decoder) nameRef(p int) (string, int, error) {
	off, err := d.u32(p)
	if err != nil {
		return "", 0, err
	}
	s, size, err := d.name(off)
	if err != nil {
		return "", 0, err
	}
	p += 4
	if int(off) == p {
		p += size
	}
	return s, p, nil
}

// inlineNameAt reports whether a name offset read at p points just past
// itself, i.e. the name is stored inline there.
func (d *decoder) inlineNameAt(p int) bool {
	off, err := d.u32(p)
	return err == nil && int(off) == p+4
}

func (d *decoder) spend(p int) error { return d.spendN(p, 1) }

func (d *decoder) spendN(p, n int) error {
	d.budget -= n
	if d.budget < 0 {
		return errAt(p, "record too complex (BinXML token budget of %d per record, %d per chunk, spent)", recordBudget, chunkBudget)
	}
	return nil
}
