package evtx

import "github.com/vigil-sec/vigil/internal/winevent"

// openElement reads an open-start-element token. Inside template
// definitions the header carries a 2-byte dependency identifier that element
// tokens elsewhere lack; when the name is stored inline, where its offset
// points tells the two layouts apart, so that is checked first.
func (d *decoder) openElement(p int, hasAttrs, inTemplate bool) (*winevent.Element, int, error) {
	withDep := inTemplate
	if inTemplate && d.inlineNameAt(p+7) {
		withDep = true
	} else if d.inlineNameAt(p + 5) {
		withDep = false
	} else if d.inlineNameAt(p + 7) {
		withDep = true
	}
	q := p + 1 + 4 // token, data size
	if withDep {
		q += 2
	}
	name, q, err := d.nameRef(q)
	if err != nil {
		return nil, p, err
	}
	if hasAttrs {
		q += 4 // attribute list size
	}
	return &winevent.Element{Name: name}, q, nil
}

// valueToken reads a value-text token: a type byte and the value. Templates
// use it for literal text, nearly always as a counted UTF-16 string.
func (d *decoder) valueToken(p int) (any, int, error) {
	typ, err := d.u8(p + 1)
	if err != nil {
		return nil, p, err
	}
	if typ == vtString {
		n, err := d.u16(p + 2)
		if err != nil || p+4+2*int(n) > len(d.chunk) {
			return nil, p, errAt(p, "text value runs past the chunk")
		}
		return utf16String(d.chunk[p+4:p+4+2*int(n)], false), p + 4 + 2*int(n), nil
	}
	size := fixedSize(typ)
	if size == 0 || p+2+size > len(d.chunk) {
		return nil, p, errAt(p, "value token of type 0x%02x cannot be read", typ)
	}
	v, err := value(typ, d.chunk[p+2:p+2+size], p+2)
	return v, p + 2 + size, err
}

func addText(e *winevent.Element, attr int, v any) {
	if attr >= 0 && attr < len(e.Attrs) {
		e.Attrs[attr].Value = winevent.AddText(e.Attrs[attr].Value, v)
		return
	}
	e.Value = winevent.AddText(e.Value, v)
}

// dropEmptyAttrs removes attributes that got no value: an optional
// substitution that was empty means Windows omits the attribute.
func dropEmptyAttrs(e *winevent.Element) {
	kept := e.Attrs[:0]
	for _, a := range e.Attrs {
		if a.Value != nil {
			kept = append(kept, a)
		}
	}
	e.Attrs = kept
}

func entity(name string) string {
	switch name {
	case "amp":
		return "&"
	case "lt":
		return "<"
	case "gt":
		return ">"
	case "quot":
		return `"`
	case "apos":
		return "'"
	}
	return "&" + name + ";"
}
