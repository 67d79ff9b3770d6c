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
