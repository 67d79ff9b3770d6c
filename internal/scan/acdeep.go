package scan

// acDeep is a state past the dense depth. Its first child, if any, is the
// next deep state (depth-first numbering); the others are in moreClass and
// moreTo from index more. fail and first are entries (see acMatcher.next).
type acDeep struct {
	first  int32 // the first child's entry
	fail   int32
	out    int32 // first output index into outs, or -1
	more   int32
	class0 uint8 // the first child's class; noClass without children
	n      uint8 // children past the first
}

// noClass is no byte class (there are at most 255, 0 to 254).
const noClass = 255

// deepEntry encodes deep state x; out says it has outputs.
func deepEntry(x int32, out bool) int32 {
	e := x << 1
	if out {
		e |= 1
	}
	return ^e
}

// move returns the entry of the state deep state x goes to on class c.
func (m *acMatcher) move(x int32, c uint8) int32 {
	for {
		d := &m.deep[x]
		if d.class0 == c {
			return d.first
		}
		for k := d.more; k < d.more+int32(d.n); k++ {
			if m.moreClass[k] == c {
				return m.moreTo[k]
			}
		}
		if d.fail >= 0 {
			return m.next[d.fail>>2+int32(c)]
		}
		x = ^d.fail >> 1
	}
}

// child returns the entry of deep state x's child on class c, if any.
func (m *acMatcher) child(x int32, c uint8) (int32, bool) {
	d := &m.deep[x]
	if d.class0 == c {
		return d.first, true
	}
	for k := d.more; k < d.more+int32(d.n); k++ {
		if m.moreClass[k] == c {
			return m.moreTo[k], true
		}
	}
	return 0, false
}
