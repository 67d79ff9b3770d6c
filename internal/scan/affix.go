package scan

import "github.com/vigil-sec/vigil/internal/match"

// Most needles of path fields come from endswith patterns (Image ends with
// \rundll32.exe), and equals and startswith patterns fix theirs to one end
// of the value too. Searching such needles anywhere in the value, as the
// contains automata do, walks every byte of every image path through an
// automaton of hundreds of file names; their own automaton is walked from
// the one end of the value where they must be, along trie edges only, and
// stops at the first byte no needle continues with: a few steps, at most
// maxNeedle.

// windowAt is window for a needle fixed at one end: the window keeps that
// place when it is the same end of the needle, else it may be anywhere.
func windowAt(n string, at match.Position) (string, match.Position) {
	w := window(n)
	switch {
	case at == match.AtEnd && w != n[len(n)-maxNeedle:]:
		at = match.AtAny
	case at == match.AtStart && w != n[:maxNeedle]:
		at = match.AtAny
	}
	return w, at
}

// affixNeedles returns the needles as the automaton for at holds them:
// those that end the value reversed, since it is walked from its end.
func affixNeedles(needles []string, at match.Position) []string {
	if at != match.AtEnd {
		return needles
	}
	out := make([]string, len(needles))
	for i, n := range needles {
		b := []byte(n)
		for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
			b[l], b[r] = b[r], b[l]
		}
		out[i] = string(b)
	}
	return out
}

// scanAffix marks the needles of fa that begin s (AtStart), or end it
// (AtEnd: the automaton holds them reversed and s is walked from its last
// byte). s is folded as for scanAC.
func (st *pfState) scanAffix(fa *fieldAC, s string) {
	m := fa.ac
	nc := int32(m.nclass)
	rev := fa.at == match.AtEnd
	q, x := int32(0), int32(-1) // the dense row, until x is a deep state
	for d := 1; d <= len(s) && d <= maxNeedle; d++ {
		i := d - 1
		if rev {
			i = len(s) - d
		}
		c := m.class[s[i]]
		var e int32
		if x < 0 {
			if e = m.next[q+int32(c)]; e >= 0 {
				q = e >> 2
				if m.depth[q/nc] != uint8(d) {
					return // a failure move: no needle continues
				}
			}
		} else {
			var ok bool
			if e, ok = m.child(x, c); !ok {
				return
			}
		}
		o := int32(-1)
		if e >= 0 {
			if e&1 != 0 {
				o = m.out[q/nc]
			}
		} else {
			y := ^e
			x = y >> 1
			if y&1 != 0 {
				o = m.deep[x].out
			}
		}
		if o >= 0 {
			st.affixHits(fa, o, s, d, rev)
		}
	}
}

// affixHits marks the needles of output chain o that are d bytes long:
// the others on the chain (dictionary suffixes) occur in s, but not at
// its end.
func (st *pfState) affixHits(fa *fieldAC, o int32, s string, d int, rev bool) {
	m := fa.ac
	for ; o >= 0; o = m.outs[o].next {
		id := m.outs[o].needle
		check := id&checkBit != 0
		id &^= checkBit
		n := m.needles[id]
		if len(n) != d || check && !affixEqual(n, s, rev) {
			continue
		}
		st.markNeedle(fa.base + id)
	}
}

// affixEqual reports whether needle n (reversed with rev) is the start
// (end) of s byte for byte.
func affixEqual(n, s string, rev bool) bool {
	if !rev {
		return s[:len(n)] == n
	}
	for k := 0; k < len(n); k++ {
		if n[k] != s[len(s)-1-k] {
			return false
		}
	}
	return true
}
