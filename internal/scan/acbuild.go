package scan

import "sort"

// denseBudget bounds the bytes of an automaton's dense rows: the states of
// the first depths get them while they fit (at least the first depth).
// The command-line automaton's first two depths take ~280 KB.
const denseBudget = 320 << 10

// newAC returns nil when the needles use more than 254 distinct bytes, or
// one is empty (it would occur everywhere; anchors never are): the caller
// then evaluates the routes without prefilter.
func newAC(needles []string) *acMatcher { return newACDepth(needles, -1) }

// newACDepth is newAC with dense rows for the states up to denseDepth
// bytes deep (at least the root's); below 0, as many depths as denseBudget
// allows.
func newACDepth(needles []string, denseDepth int) *acMatcher {
	for _, n := range needles {
		if n == "" {
			return nil
		}
	}
	m := &acMatcher{needles: needles}
	if !m.buildClasses(needles) {
		return nil
	}
	t := newTrie(m, needles)
	if denseDepth < 0 {
		denseDepth = t.denseDepth(m.nclass)
	}
	t.encode(m, denseDepth)
	for c := 0; c < 256; c++ {
		if m.class[c] != 0 && m.next[m.class[c]] != 0 {
			m.start[c] = true
		}
	}
	m.pairs = make([]uint64, 1<<16/64)
	for _, nd := range needles {
		c0 := uint32(m.class[nd[0]]) << 8
		if len(nd) == 1 {
			for c1 := uint32(0); c1 < 256; c1++ {
				setBit(m.pairs, c0|c1)
			}
			continue
		}
		setBit(m.pairs, c0|uint32(m.class[nd[1]]))
	}
	m.buildShift(needles)
	return m
}

// buildClasses numbers the bytes of the needles; 0 is "no needle has this
// byte". The UTF-8 continuation bytes (0x80–0xBF) are one class: a needle
// with non-ASCII text then also fires on other text with the same lead
// bytes (same lengths and scripts), which a prefilter may do (it only must
// not miss), and automata over many scripts' needles shrink by half.
func (m *acMatcher) buildClasses(needles []string) bool {
	cont := uint8(0)
	for _, n := range needles {
		for i := 0; i < len(n); i++ {
			c := n[i]
			if isCont(c) && cont != 0 {
				m.class[c] = cont
			}
			if m.class[c] == 0 {
				if m.nclass == 254 {
					return false
				}
				m.nclass++
				m.class[c] = uint8(m.nclass)
				if isCont(c) {
					cont = uint8(m.nclass)
				}
			}
		}
	}
	if cont != 0 {
		for c := 0x80; c < 0xC0; c++ {
			m.class[c] = cont
		}
	}
	m.nclass++
	for c := 'a'; c <= 'z'; c++ {
		m.class[c] = m.class[c-'a'+'A']
	}
	return true
}

// acTrie is the needles' trie over byte classes while an automaton is
// built. States are numbered depth-first (the needles' class strings are
// inserted in sorted order), so a state's first child is the next state.
type acTrie struct {
	parent, child, sibling []int32 // child, sibling: -1 for none
	class, depth           []uint8 // class of the edge from the parent; depth capped at 255
	endHead                []int32 // per state: a needle ending there, -1: none
	endNext                []int32 // per needle: the next ending at its state
	fail                   []int32
}

func newTrie(m *acMatcher, needles []string) *acTrie {
	keys := make([]string, len(needles))
	order := make([]int, len(needles))
	for id, n := range needles {
		b := make([]byte, len(n))
		for i := 0; i < len(n); i++ {
			b[i] = m.class[n[i]]
		}
		keys[id], order[id] = string(b), id
	}
	sort.Slice(order, func(i, j int) bool { return keys[order[i]] < keys[order[j]] })
	t := &acTrie{endNext: make([]int32, len(needles))}
	t.add(-1, 0, 0)
	path, prev := []int32{0}, ""
	for _, id := range order {
		k := keys[id]
		l := 0
		for l < len(k) && l < len(prev) && k[l] == prev[l] {
			l++
		}
		path = path[:l+1]
		for i := l; i < len(k); i++ {
			path = append(path, t.add(path[i], k[i], i+1))
		}
		s := path[len(k)]
		t.endNext[id] = t.endHead[s]
		t.endHead[s] = int32(id)
		prev = k
	}
	return t
}

func (t *acTrie) add(parent int32, class uint8, depth int) int32 {
	s := int32(len(t.parent))
	t.parent = append(t.parent, parent)
	t.child = append(t.child, -1)
	t.sibling = append(t.sibling, -1)
	t.class = append(t.class, class)
	t.depth = append(t.depth, uint8(min(depth, 255)))
	t.endHead = append(t.endHead, -1)
	if parent >= 0 {
		t.sibling[s] = t.child[parent]
		t.child[parent] = s
	}
	return s
}

// denseDepth is the deepest depth whose states, with all shallower ones,
// fit their rows in denseBudget (at least 1).
func (t *acTrie) denseDepth(nclass int) int {
	var per [256]int
	for _, d := range t.depth {
		per[d]++
	}
	n, d := per[0], 0
	for d < 255 && per[d+1] > 0 && (n+per[d+1])*nclass*4 <= denseBudget {
		d++
		n += per[d]
	}
	return max(d, 1)
}
