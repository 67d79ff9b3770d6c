package evtx

import "github.com/vigil-sec/vigil/internal/winevent"

// fragment decodes the tokens from p up to an EOF token or end, appending the
// top-level elements it builds to parent. subs are the substitution values of
// the template being instantiated (nil outside templates). It returns the
// position after the EOF token.
func (d *decoder) fragment(p, end int, subs []any, parent *winevent.Element, depth int, inTemplate bool) (int, error) {
	if depth > maxDepth {
		return p, errAt(p, "BinXML nested deeper than %d levels", maxDepth)
	}
	end = min(end, len(d.chunk))
	var stack []*winevent.Element
	attr := -1 // index of the attribute receiving values, -1 for element text
	top := func() *winevent.Element {
		if len(stack) == 0 {
			return parent
		}
		return stack[len(stack)-1]
	}
	for p < end {
		if err := d.spend(p); err != nil {
			return p, err
		}
		tok := d.chunk[p]
		switch tok &^ tokMoreFlag {
		case tokEOF:
			return p + 1, nil
		case tokFragment:
			p += 4 // token, major, minor, flags
		case tokTemplate:
			q, err := d.template(p, end, top(), depth)
			if err != nil {
				return p, err
			}
			p = q
		case tokOpenElement:
			e, q, err := d.openElement(p, tok&tokMoreFlag != 0, inTemplate)
			if err != nil {
				return p, err
			}
			cur := top()
			cur.Children = append(cur.Children, e)
			stack = append(stack, e)
			attr, p = -1, q
		case tokCloseStart:
			dropEmptyAttrs(top())
			attr, p = -1, p+1
		case tokCloseEmpty, tokEndElement:
			if len(stack) == 0 {
				return p, errAt(p, "element end token with no open element")
			}
			dropEmptyAttrs(top())
			stack = stack[:len(stack)-1]
			attr, p = -1, p+1
		case tokAttribute:
			if len(stack) == 0 {
				return p, errAt(p, "attribute outside an element")
			}
			name, q, err := d.nameRef(p + 1)
			if err != nil {
				return p, err
			}
			e := top()
			e.Attrs = append(e.Attrs, winevent.Attr{Name: name})
			attr, p = len(e.Attrs)-1, q
		case tokValue:
			v, q, err := d.valueToken(p)
			if err != nil {
				return p, err
			}
			addText(top(), attr, v)
			p = q
		case tokCDATA:
			n, err := d.u16(p + 1)
			if err != nil || p+3+2*int(n) > end {
				return p, errAt(p, "CDATA runs past the fragment")
			}
			addText(top(), attr, utf16String(d.chunk[p+3:p+3+2*int(n)], false))
			p += 3 + 2*int(n)
		case tokCharRef:
			c, err := d.u16(p + 1)
			if err != nil {
				return p, err
			}
			addText(top(), attr, string(rune(c)))
			p += 3
		case tokEntityRef:
			name, q, err := d.nameRef(p + 1)
			if err != nil {
				return p, err
			}
			addText(top(), attr, entity(name))
			p = q
		case tokPITarget:
			_, q, err := d.nameRef(p + 1)
			if err != nil {
				return p, err
			}
			p = q
		case tokPIData:
			n, err := d.u16(p + 1)
			if err != nil {
				return p, err
			}
			p += 3 + 2*int(n)
		case tokNormalSub, tokOptionalSub:
			id, err := d.u16(p + 1)
			if err != nil || p+4 > end {
				return p, errAt(p, "substitution token runs past the fragment")
			}
			p += 4
			var v any
			if int(id) < len(subs) {
				v = subs[id]
			}
			if ref, ok := v.(binxmlRef); ok {
				// Nested BinXML (UserData, some EventData): its elements
				// become children of the element holding the substitution.
				if _, err := d.fragment(ref.start, ref.end, nil, top(), depth+1, false); err != nil {
					return p, err
				}
				continue
			}
			addText(top(), attr, v)
		default:
			return p, errAt(p, "unknown BinXML token 0x%02x", tok)
		}
	}
	return p, nil
}

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
