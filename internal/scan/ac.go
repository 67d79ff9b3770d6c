package scan

import (
	"encoding/binary"
	"sort"
	"strings"
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
// dense transition table over the byte classes that occur in them (all
// UTF-8 continuation bytes sharing one class, so it may report a non-ASCII
// needle that is not there, never miss one). Text is
// folded as it is scanned: ASCII bytes through the class table (lower-case
// letters share their upper-case class), anything else by the caller
// folding the whole value first (see prefilter.scan).
type acMatcher struct {
	class  [256]uint8
	nclass int
	// next is the transition table, row by row (nclass entries per state).
	// An entry is the next state's row offset (state*nclass) shifted left
	// twice, with bit 0 set when that state has outputs and bit 1 when it
	// is one byte deep, so a scan step is one load and no multiplication.
	next    []int32
	out     []int32 // per state: first output index into outs, or -1
	outs    []acOut
	needles []string
	// start holds the bytes that begin a needle (for the text's last byte,
	// which has no pair).
	start [256]bool
	// pairs has a bit for every pair of byte classes that begins a needle
	// (a one-byte needle's class with every class). At the root the scan
	// steps over positions whose pair is not in it: many start bytes are
	// common letters, but far fewer of their pairs begin a needle.
	pairs []uint64
	// With long needles only, the scan jumps (Wu-Manber): shift, indexed by
	// the classes of the two bytes ending a window of minLen bytes, says how
	// far the window may move without skipping a needle's start; at 0 the
	// window's start is checked by walking the trie (depth tells trie
	// edges from fail transitions).
	wm     bool
	minLen int
	shift  []uint8
	depth  []uint8 // per state
}

// wmMinLen is the shortest needle length for which jumping beats the pair
// skip.
const wmMinLen = 5

func (m *acMatcher) buildShift(needles []string) {
	m.minLen = maxNeedle
	for _, n := range needles {
		m.minLen = min(m.minLen, len(n))
	}
	if m.minLen < wmMinLen {
		return
	}
	nc, l := m.nclass, m.minLen
	m.wm = true
	m.shift = make([]uint8, nc*nc)
	for i := range m.shift {
		m.shift[i] = uint8(l - 1)
	}
	for _, n := range needles {
		for j := 0; j+1 < l; j++ {
			x := int(m.class[n[j]])*nc + int(m.class[n[j+1]])
			m.shift[x] = min(m.shift[x], uint8(l-2-j))
		}
	}
	// Jumping pays when few pairs of the needles' own bytes stop the
	// window; needles of hex digits (hashes) stop it at every pair of hex
	// text, which the pair skip passes over when the needles begin with
	// "SHA256=" and the like.
	zero := 0
	for a := 1; a < nc; a++ {
		for b := 1; b < nc; b++ {
			if m.shift[a*nc+b] == 0 {
				zero++
			}
		}
	}
	if zero*wmMaxStops > (nc-1)*(nc-1) {
		m.wm, m.shift = false, nil
	}
}

// wmMaxStops: the jumping scan is used when at most one pair in wmMaxStops
// of the needles' byte classes stops the window.
const wmMaxStops = 8

// acOut is one needle ending at a state; next chains to the outputs of its
// dictionary suffix.
type acOut struct {
	needle int32 // with checkBit when the needle has continuation bytes
	next   int32
}

// checkBit marks an output whose needle hits checks against the text.
const checkBit = 1 << 30

// hits marks the needles of output chain o, which end just before end in
// s. A needle with UTF-8 continuation bytes is checked against the text
// first: the shared class would let it fire on other characters of the
// same length, and a false candidate can cost a rule evaluation over
// hundreds of values (the emoji rules).
func (st *pfState) hits(fa *fieldAC, o int32, s string, end int) {
	m := fa.ac
	for ; o >= 0; o = m.outs[o].next {
		id := m.outs[o].needle
		if id&checkBit != 0 {
			id &^= checkBit
			if n := m.needles[id]; end < len(n) || s[end-len(n):end] != n {
				continue
			}
		}
		st.markNeedle(fa.base + id)
	}
}

// newAC returns nil when the needles use more than 254 distinct bytes, or
// one is empty (it would occur everywhere; anchors never are): the caller
// then evaluates the routes without prefilter.
func newAC(needles []string) *acMatcher {
	for _, n := range needles {
		if n == "" {
			return nil
		}
	}
	m := &acMatcher{needles: needles}
	// byte classes: 0 is "no needle has this byte". The UTF-8
	// continuation bytes (0x80–0xBF) are one class: a needle with non-ASCII
	// text then also fires on other text with the same lead bytes (same
	// lengths and scripts), which a prefilter may do (it only must not
	// miss), and the tables of automata over many scripts' needles shrink
	// by half.
	cont := uint8(0)
	for _, n := range needles {
		for i := 0; i < len(n); i++ {
			c := n[i]
			if isCont(c) && cont != 0 {
				m.class[c] = cont
			}
			if m.class[c] == 0 {
				if m.nclass == 254 {
					return nil
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
	nc := m.nclass
	// The trie is built straight into the dense table: 0 means "no child"
	// (the root is never a child). Its edges are also listed, so that the
	// breadth-first pass can give each state its fail state's row with one
	// copy and then put its own children back.
	ns := countStates(needles)
	next := make([]int32, nc, nc*ns)
	type edge struct{ class, child, next int32 }
	edges := make([]edge, 0, ns)
	firstEdge := make([]int32, 1, ns) // per state, -1: none
	firstEdge[0] = -1
	endHead := make([]int32, 1, ns) // per state: a needle ending there, -1: none
	endHead[0] = -1
	endNext := make([]int32, len(needles)) // per needle: the next ending at its state
	for id, n := range needles {
		s := int32(0)
		for i := 0; i < len(n); i++ {
			c := int32(m.class[n[i]])
			nx := next[s*int32(nc)+c]
			if nx == 0 {
				nx = int32(len(firstEdge))
				firstEdge = append(firstEdge, -1)
				endHead = append(endHead, -1)
				next = append(next, make([]int32, nc)...)
				next[s*int32(nc)+c] = nx
				edges = append(edges, edge{c, nx, firstEdge[s]})
				firstEdge[s] = int32(len(edges) - 1)
			}
			s = nx
		}
		endNext[id] = endHead[s]
		endHead[s] = int32(id)
	}
	ns = len(firstEdge)
	fail := make([]int32, ns)
	depth := make([]uint8, ns) // trie depth, capped at 255
	m.out = make([]int32, ns)
	queue := make([]int32, 0, ns)
	queue = append(queue, 0)
	for q := 0; q < len(queue); q++ {
		s := queue[q]
		// outputs: own needles, then the fail state's chain
		chain := int32(-1)
		if s != 0 {
			chain = m.out[fail[s]]
		}
		for id := endHead[s]; id >= 0; id = endNext[id] {
			out := acOut{needle: id, next: chain}
			if strings.IndexFunc(needles[id], func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
				out.needle |= checkBit
			}
			m.outs = append(m.outs, out)
			chain = int32(len(m.outs) - 1)
		}
		m.out[s] = chain
		row := next[int(s)*nc : int(s)*nc+nc]
		if s != 0 {
			copy(row, next[int(fail[s])*nc:int(fail[s])*nc+nc])
		}
		for e := firstEdge[s]; e >= 0; e = edges[e].next {
			c, nx := edges[e].class, edges[e].child
			if s != 0 {
				fail[nx] = row[c] // the fail state's move on c
			}
			row[c] = nx
			depth[nx] = uint8(min(int(depth[s])+1, 255))
			queue = append(queue, nx)
		}
	}
	for c := 0; c < 256; c++ {
		if m.class[c] != 0 && next[m.class[c]] != 0 {
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
		x := c0 | uint32(m.class[nd[1]])
		setBit(m.pairs, x)
	}
	m.buildShift(needles)
	m.depth = depth
	enc := make([]int32, ns) // each state as a table entry
	for v := range enc {
		e := int32(v) * int32(nc) << 2
		if depth[v] == 1 {
			e |= 2
		}
		if m.out[v] >= 0 {
			e |= 1
		}
		enc[v] = e
	}
	for i, v := range next {
		next[i] = enc[v]
	}
	m.next = next
	return m
}

func isCont(c byte) bool { return c&0xC0 == 0x80 }

// setBit and hasBit address bit x of a bit table.
func setBit(t []uint64, x uint32)      { t[x>>6] |= 1 << (x & 63) }
func hasBit(t []uint64, x uint32) bool { return t[x>>6]&(1<<(x&63)) != 0 }

// countStates returns the number of trie states of needles (the distinct
// prefixes, root included), so the table is allocated once.
func countStates(needles []string) int {
	sorted := append([]string(nil), needles...)
	sort.Strings(sorted)
	n, prev := 1, ""
	for _, s := range sorted {
		l := 0
		for l < len(s) && l < len(prev) && s[l] == prev[l] {
			l++
		}
		n += len(s) - l
		prev = s
	}
	return n
}

// scan calls hit for every needle occurring in folded text s. ascii says s
// has no byte >= 0x80, in which case s may be unfolded.
func (m *acMatcher) scan(s string, hit func(needle int32)) {
	q := int32(0)
	for i := 0; i < len(s); i++ {
		e := m.next[q+int32(m.class[s[i]])]
		q = e >> 2
		if e&1 != 0 {
			for o := m.out[q/int32(m.nclass)]; o >= 0; o = m.outs[o].next {
				hit(m.outs[o].needle &^ checkBit)
			}
		}
	}
}

// isASCII reports whether s has no byte >= 0x80.
// It tests eight bytes at a time.
func isASCII(s string) bool {
	i := 0
	if len(s) >= 8 {
		p := unsafe.Pointer(unsafe.StringData(s))
		for ; i+8 <= len(s); i += 8 {
			if binary.LittleEndian.Uint64(unsafe.Slice((*byte)(unsafe.Add(p, i)), 8))&0x8080808080808080 != 0 {
				return false
			}
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
