package scan

import (
	"unicode/utf8"
	"unsafe"

	"github.com/vigil-sec/vigil/internal/match"
)

// foldInto appends s folded as non-cased Sigma patterns compare it.
func foldInto(dst []byte, s string) []byte { return match.Fold(dst, s) }

// bstring views b as a string without copying; b must not change while the
// string is used.
func bstring(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// acMatcher is an Aho-Corasick automaton over case-folded needles, with a
// dense transition table over the byte classes that occur in them. Text is
// folded as it is scanned: ASCII bytes through the class table (lower-case
// letters share their upper-case class), anything else by the caller
// folding the whole value first (see prefilter.scan).
type acMatcher struct {
	class  [256]uint8
	nclass int
	next   []int32 // state*nclass + class
	out    []int32 // per state: first output index into outs, or -1
	outs   []acOut
}

// acOut is one needle ending at a state; next chains to the outputs of its
// dictionary suffix.
type acOut struct {
	needle int32
	next   int32
}

// newAC returns nil when the needles use more than 254 distinct bytes.
func newAC(needles []string) *acMatcher {
	m := &acMatcher{}
	// byte classes: 0 is "no needle has this byte"
	for _, n := range needles {
		for i := 0; i < len(n); i++ {
			if m.class[n[i]] == 0 {
				if m.nclass == 254 {
					return nil
				}
				m.nclass++
				m.class[n[i]] = uint8(m.nclass)
			}
		}
	}
	m.nclass++
	for c := 'a'; c <= 'z'; c++ {
		m.class[c] = m.class[c-'a'+'A']
	}
	type tnode struct {
		child map[uint8]int32
		ends  []int32
	}
	trie := []tnode{{child: map[uint8]int32{}}}
	for id, n := range needles {
		s := int32(0)
		for i := 0; i < len(n); i++ {
			c := m.class[n[i]]
			nx, ok := trie[s].child[c]
			if !ok {
				nx = int32(len(trie))
				trie = append(trie, tnode{child: map[uint8]int32{}})
				trie[s].child[c] = nx
			}
			s = nx
		}
		trie[s].ends = append(trie[s].ends, int32(id))
	}
	ns := len(trie)
	m.next = make([]int32, ns*m.nclass)
	fail := make([]int32, ns)
	m.out = make([]int32, ns)
	for i := range m.out {
		m.out[i] = -1
	}
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		// outputs: own needles, then the fail state's chain
		chain := int32(-1)
		if s != 0 {
			chain = m.out[fail[s]]
		}
		for _, id := range trie[s].ends {
			m.outs = append(m.outs, acOut{needle: id, next: chain})
			chain = int32(len(m.outs) - 1)
		}
		m.out[s] = chain
		for c := 0; c < m.nclass; c++ {
			if nx, ok := trie[s].child[uint8(c)]; ok && c != 0 {
				m.next[int(s)*m.nclass+c] = nx
				if s != 0 {
					fail[nx] = m.next[int(fail[s])*m.nclass+c]
				}
				queue = append(queue, nx)
			} else if s != 0 {
				m.next[int(s)*m.nclass+c] = m.next[int(fail[s])*m.nclass+c]
			}
		}
	}
	return m
}

// scan calls hit for every needle occurring in folded text s. ascii says s
// has no byte >= 0x80, in which case s may be unfolded.
func (m *acMatcher) scan(s string, hit func(needle int32)) {
	st := int32(0)
	nc := int32(m.nclass)
	for i := 0; i < len(s); i++ {
		st = m.next[st*nc+int32(m.class[s[i]])]
		if o := m.out[st]; o >= 0 {
			for ; o >= 0; o = m.outs[o].next {
				hit(m.outs[o].needle)
			}
		}
	}
}

// isASCII reports whether s has no byte >= 0x80.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
