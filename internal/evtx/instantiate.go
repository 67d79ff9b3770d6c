package evtx

import "github.com/vigil-sec/vigil/internal/winevent"

// instantiate replays a compiled definition with one record's substitution
// values, appending its top-level elements to parent. It does what fragment
// does for the same tokens, in the same order: one budget token per op,
// text through addText, empty attributes dropped at the end of a start tag
// or element, nested BinXML decoded in place at depth+1.
func (d *decoder) instantiate(c *compiled, subs []any, parent *winevent.Element, depth int) error {
	if depth > maxDepth {
		return errAt(c.start, "BinXML nested deeper than %d levels", maxDepth)
	}
	var elems []winevent.Element
	if d.reuse {
		elems = c.reusedInstance(d.gen)
	} else {
		elems = c.instance()
	}
	attr := -1 // index of the attribute receiving values, -1 for element text
	for i := range c.ops {
		o := &c.ops[i]
		if err := d.spend(int(o.pos)); err != nil {
			return err
		}
		e := parent
		if o.target != noElem {
			e = &elems[o.target]
		}
		switch o.kind {
		case opEOF:
			return nil
		case opOpen:
			e.Children = append(e.Children, &elems[o.arg])
			attr = -1
		case opCloseStart, opEnd:
			dropEmptyAttrs(e)
			attr = -1
		case opAttr:
			e.Attrs = append(e.Attrs, winevent.Attr{Name: o.text.(string)})
			attr = len(e.Attrs) - 1
		case opText:
			addText(e, attr, o.text)
		case opSub:
			var v any
			if int(o.arg) < len(subs) {
				v = subs[o.arg]
			}
			if ref, ok := v.(binxmlRef); ok {
				if _, err := d.fragment(ref.start, ref.end, nil, e, depth+1, false); err != nil {
					return err
				}
				continue
			}
			addText(e, attr, v)
		}
	}
	return nil
}
