package evtx

import "github.com/vigil-sec/vigil/internal/winevent"

// template decodes a template-instance token at p: the template definition
// (inline right here the first time a chunk uses it, otherwise at an earlier
// chunk offset), then the substitution array, then the definition's BinXML
// with those values. It returns the position after the substitution values.
//
// Layout: token, 1 unknown byte, template id u32, definition offset u32;
// definition: next-definition u32, GUID (16), data size u32, BinXML;
// substitution array: count u32, count × (size u16, type u8, pad u8), values.
func (d *decoder) template(p, end int, parent *winevent.Element, depth int) (int, error) {
	defOff, err := d.u32(p + 6)
	if err != nil {
		return p, err
	}
	q := p + 10
	def := int(defOff)
	size, err := d.u32(def + 20)
	if err != nil {
		return p, errAt(p, "template definition offset 0x%x is outside the chunk", defOff)
	}
	body := def + 24
	if body+int(size) > len(d.chunk) {
		return p, errAt(p, "template definition at 0x%x (%d bytes) runs past the chunk", def, size)
	}
	if def == q {
		q = body + int(size) // inline definition: the values follow it
	}
	count, err := d.u32(q)
	if err != nil {
		return p, err
	}
	q += 4
	if int(count) > (end-q)/4 {
		return p, errAt(q-4, "substitution count %d does not fit in the record", count)
	}
	// Each instantiation decodes its values afresh, so they are paid for
	// from the token budget too: otherwise templates instantiating each
	// other could decode the same large values without bound.
	if err := d.spendN(q, int(count)+(end-q)/64); err != nil {
		return p, err
	}
	subs := make([]any, count)
	vp := q + 4*int(count)
	for i := range subs {
		sz := int(d.chunk[q+4*i]) | int(d.chunk[q+4*i+1])<<8
		typ := d.chunk[q+4*i+2]
		if vp+sz > end {
			return p, errAt(vp, "substitution %d (%d bytes) runs past the record", i, sz)
		}
		v, err := value(typ, d.chunk[vp:vp+sz], vp)
		if err != nil {
			return p, err
		}
		subs[i] = v
		vp += sz
	}
	if c := d.compiledTemplate(body, body+int(size)); c != nil {
		if err := d.instantiate(c, subs, parent, depth+1); err != nil {
			return p, err
		}
		return vp, nil
	}
	if _, err := d.fragment(body, body+int(size), subs, parent, depth+1, true); err != nil {
		return p, err
	}
	return vp, nil
}
