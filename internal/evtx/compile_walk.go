package evtx

// compile walks the definition in [p, end) as fragment does for a template
// body (inTemplate), recording ops instead of building elements. Anything
// fragment would report as an error, or a template nested in the
// definition, makes it give up (nil) so that fragment handles the record.
func (d *decoder) compile(p, end int) (c *compiled) {
	defer func() {
		if recover() != nil {
			c = nil
		}
	}()
	end = min(end, len(d.chunk))
	c = &compiled{start: p}
	shapes, first := len(d.shapes), len(d.ops) // where this definition's start
	var stack []int32
	top := func() int32 {
		if len(stack) == 0 {
			return noElem
		}
		return stack[len(stack)-1]
	}
	emit := func(o op) { o.target, o.pos = top(), int32(p); d.ops = append(d.ops, o) }
	for p < end {
		if d.compileLeft--; d.compileLeft < 0 || len(d.ops)-first >= recordBudget {
			return nil
		}
		tok := d.chunk[p]
		switch tok &^ tokMoreFlag {
		case tokEOF:
			emit(op{kind: opEOF})
			return c
		case tokFragment:
			emit(op{kind: opSkip})
			p += 4
		case tokOpenElement:
			e, q, err := d.openElement(p, tok&tokMoreFlag != 0, true)
			if err != nil {
				return nil
			}
			idx := int32(len(d.shapes) - shapes)
			if t := top(); t != noElem {
				d.shapes[shapes+int(t)].kids++
			}
			d.shapes = append(d.shapes, elemShape{name: e.Name})
			emit(op{kind: opOpen, arg: uint16(idx)})
			stack = append(stack, idx)
			p = q
		case tokCloseStart:
			emit(op{kind: opCloseStart})
			p++
		case tokCloseEmpty, tokEndElement:
			if len(stack) == 0 {
				return nil
			}
			emit(op{kind: opEnd})
			stack = stack[:len(stack)-1]
			p++
		case tokAttribute:
			if len(stack) == 0 {
				return nil
			}
			name, q, err := d.nameRef(p + 1)
			if err != nil {
				return nil
			}
			d.shapes[shapes+int(top())].attrs++
			emit(op{kind: opAttr, text: name})
			p = q
		case tokValue:
			v, q, err := d.valueToken(p)
			if err != nil {
				return nil
			}
			emit(op{kind: opText, text: v})
			p = q
		case tokCDATA:
			n, err := d.u16(p + 1)
			if err != nil || p+3+2*int(n) > end {
				return nil
			}
			emit(op{kind: opText, text: utf16String(d.chunk[p+3:p+3+2*int(n)], false)})
			p += 3 + 2*int(n)
		case tokCharRef:
			r, err := d.u16(p + 1)
			if err != nil {
				return nil
			}
			emit(op{kind: opText, text: string(rune(r))})
			p += 3
		case tokEntityRef:
			name, q, err := d.nameRef(p + 1)
			if err != nil {
				return nil
			}
			emit(op{kind: opText, text: entity(name)})
			p = q
		case tokPITarget:
			_, q, err := d.nameRef(p + 1)
			if err != nil {
				return nil
			}
			emit(op{kind: opSkip})
			p = q
		case tokPIData:
			n, err := d.u16(p + 1)
			if err != nil {
				return nil
			}
			emit(op{kind: opSkip})
			p += 3 + 2*int(n)
		case tokNormalSub, tokOptionalSub:
			id, err := d.u16(p + 1)
			if err != nil || p+4 > end {
				return nil
			}
			emit(op{kind: opSub, arg: id})
			p += 4
		default: // tokTemplate, unknown tokens
			return nil
		}
	}
	return c
}

// layout assigns each element its share of the backing arrays.
func (c *compiled) layout() {
	for i := range c.elems {
		s := &c.elems[i]
		s.kidOff, s.attrOff = c.nKids, c.nAttrs
		c.nKids += s.kids
		c.nAttrs += s.attrs
	}
}
