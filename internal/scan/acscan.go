package scan

import "unsafe"

// scanWM is scanAC for automata whose needles are all long (acMatcher.wm).
func (st *pfState) scanWM(fa *fieldAC, s string) {
	m := fa.ac
	l, nc := m.minLen, int(m.nclass)
	class, shift := &m.class, m.shift
	for end := l - 1; end < len(s); {
		if sh := shift[int(class[s[end-1]])*nc+int(class[s[end]])]; sh != 0 {
			end += int(sh)
			continue
		}
		// Walk the trie from the window's start; the walk also reports
		// needles that end on the way (all of them occur).
		q := int32(0)
		for i, d := end-l+1, uint8(1); i < len(s); i, d = i+1, d+1 {
			e := m.next[q+int32(class[s[i]])]
			if e < 0 { // a dense state's only moves to deep ones are trie edges
				st.runDeep(fa, s, i, e, true)
				break
			}
			q = e >> 2
			if m.depth[q/int32(nc)] != d {
				break
			}
			if e&1 != 0 {
				st.hits(fa, m.out[q/int32(nc)], s, i+1)
			}
		}
		end++
	}
}

// runDeep scans on from deep state e, entered on s[i], until the
// automaton is back in a dense state; it returns the index of the byte
// that took it there (len(s) if none did) and that state's row offset.
// With trieOnly it follows trie edges only (the jumping scan's walk from
// a window's start) and stops where none continues.
func (st *pfState) runDeep(fa *fieldAC, s string, i int, e int32, trieOnly bool) (int, int32) {
	m := fa.ac
	for {
		x := ^e
		if x&1 != 0 {
			st.hits(fa, m.deep[x>>1].out, s, i+1)
		}
		if i++; i == len(s) {
			return i, 0
		}
		c := m.class[s[i]]
		if trieOnly {
			var ok bool
			if e, ok = m.child(x>>1, c); !ok {
				return i, 0
			}
			continue
		}
		if e = m.move(x>>1, c); e >= 0 {
			if e&1 != 0 {
				st.hits(fa, m.out[(e>>2)/int32(m.nclass)], s, i+1)
			}
			return i, e >> 2
		}
	}
}

func (st *pfState) scanAC(fa *fieldAC, s string) {
	m := fa.ac
	if len(s) == 0 {
		return
	}
	if m.wm {
		st.scanWM(fa, s)
		return
	}
	// The table holds only valid row offsets plus classes (newAC), so the
	// loads need no bounds checks.
	next := unsafe.Pointer(unsafe.SliceData(m.next))
	class := &m.class
	q := int32(0)
	pairs := m.pairs
	for i := 0; i < len(s); i++ {
		if q == 0 {
			// Step over positions where no needle can begin.
			c0 := uint32(class[s[i]]) << 8
			for i+1 < len(s) {
				x := c0 | uint32(class[s[i+1]])
				if hasBit(pairs, x) {
					break
				}
				c0 = (x & 0xff) << 8
				i++
			}
			if i+1 == len(s) && !m.start[s[i]] {
				return
			}
		}
		e := *(*int32)(unsafe.Add(next, uintptr(q+int32(class[s[i]]))*4))
		if e < 0 {
			i, q = st.runDeep(fa, s, i, e, false)
			continue
		}
		q = e >> 2
		if e&1 != 0 {
			st.hits(fa, m.out[q/int32(m.nclass)], s, i+1)
		}
		if e&2 != 0 && i+1 < len(s) {
			// One byte into a needle: unless the next byte continues one
			// that begins here, no needle is under way and the root's skip
			// can resume at the next byte.
			x := uint32(class[s[i]])<<8 | uint32(class[s[i+1]])
			if !hasBit(pairs, x) {
				q = 0
			}
		}
	}
}

// scan calls hit for every needle occurring in folded text s, with no
// skipping: the plain automaton the scan loops are tested against.
func (m *acMatcher) scan(s string, hit func(needle int32)) {
	e := int32(0)
	for i := 0; i < len(s); i++ {
		c := m.class[s[i]]
		if e >= 0 {
			e = m.next[e>>2+int32(c)]
		} else {
			e = m.move(^e>>1, c)
		}
		o := int32(-1)
		switch {
		case e < 0 && ^e&1 != 0:
			o = m.deep[^e>>1].out
		case e >= 0 && e&1 != 0:
			o = m.out[(e>>2)/int32(m.nclass)]
		}
		for ; o >= 0; o = m.outs[o].next {
			hit(m.outs[o].needle &^ checkBit)
		}
	}
}
