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
