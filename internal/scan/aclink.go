package scan

import "slices"

// link gives every trie state its fail state and output chain, and the
// states up to denseDepth their dense rows (of trie state numbers, until
// encode), breadth first: a state's fail state is shallower, so its row
// and chain are complete when the state is reached.
func (t *acTrie) link(m *acMatcher, denseDepth int) (rows []int32, dense []int32, out []int32) {
	nc := int32(m.nclass)
	ns := len(t.parent)
	t.fail = make([]int32, ns)
	out = make([]int32, ns)
	dense = make([]int32, ns) // per state: its dense row number, or -1
	queue := make([]int32, 1, ns)
	ndense := 0
	for s := range ns {
		if int(t.depth[s]) <= denseDepth {
			ndense++
		}
	}
	rows = slices.Grow(rows, ndense*int(nc)) // sized once: appending row by row copied the table again and again
	m.outs = slices.Grow(m.outs, len(m.needles))
	for q := 0; q < len(queue); q++ {
		s := queue[q]
		chain := int32(-1)
		if s != 0 {
			chain = out[t.fail[s]]
		}
		for id := t.endHead[s]; id >= 0; id = t.endNext[id] {
			o := acOut{needle: id, next: chain}
			if !isASCII(m.needles[id]) {
				o.needle |= checkBit
			}
			m.outs = append(m.outs, o)
			chain = int32(len(m.outs) - 1)
		}
		out[s] = chain
		for c := t.child[s]; c >= 0; c = t.sibling[c] {
			if s != 0 {
				t.fail[c] = t.delta(rows, dense, nc, t.fail[s], t.class[c])
			}
			queue = append(queue, c)
		}
		dense[s] = -1
		if int(t.depth[s]) > denseDepth {
			continue
		}
		dense[s] = int32(len(rows)) / nc
		if s == 0 {
			rows = append(rows, make([]int32, nc)...)
		} else {
			f := dense[t.fail[s]] * nc
			rows = append(rows, rows[f:f+nc]...)
		}
		row := rows[dense[s]*nc:]
		for c := t.child[s]; c >= 0; c = t.sibling[c] {
			row[t.class[c]] = c
		}
	}
	return rows, dense, out
}

// delta is the state s goes to on class c, by its row when it has one.
func (t *acTrie) delta(rows, dense []int32, nc int32, s int32, c uint8) int32 {
	for {
		if dense[s] >= 0 {
			return rows[dense[s]*nc+int32(c)]
		}
		for ch := t.child[s]; ch >= 0; ch = t.sibling[ch] {
			if t.class[ch] == c {
				return ch
			}
		}
		s = t.fail[s]
	}
}

// encode turns the trie into m's tables: dense rows of entries, and the
// deep states in depth-first order.
func (t *acTrie) encode(m *acMatcher, denseDepth int) {
	rows, dense, out := t.link(m, denseDepth)
	ns := int32(len(t.parent))
	nc := int32(m.nclass)
	deepIdx := make([]int32, ns)
	nd := int32(0)
	for s := int32(0); s < ns; s++ {
		if dense[s] < 0 {
			deepIdx[s] = nd
			nd++
		}
	}
	entry := func(s int32) int32 {
		if dense[s] < 0 {
			return deepEntry(deepIdx[s], out[s] >= 0)
		}
		e := dense[s] * nc << 2
		if t.depth[s] == 1 {
			e |= 2
		}
		if out[s] >= 0 {
			e |= 1
		}
		return e
	}
	for i, s := range rows {
		rows[i] = entry(s)
	}
	m.next = rows
	m.out = make([]int32, len(rows)/int(nc))
	m.depth = make([]uint8, len(rows)/int(nc))
	m.deep = make([]acDeep, 0, nd)
	for s := int32(0); s < ns; s++ {
		if dense[s] >= 0 {
			m.out[dense[s]], m.depth[dense[s]] = out[s], t.depth[s]
			continue
		}
		d := acDeep{fail: entry(t.fail[s]), out: out[s], more: int32(len(m.moreTo)), class0: noClass}
		for c := t.child[s]; c >= 0; c = t.sibling[c] {
			if c == s+1 {
				d.first, d.class0 = entry(c), t.class[c]
				continue
			}
			m.moreClass = append(m.moreClass, t.class[c])
			m.moreTo = append(m.moreTo, entry(c))
			d.n++
		}
		m.deep = append(m.deep, d)
	}
}
