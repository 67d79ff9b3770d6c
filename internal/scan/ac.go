package scan

import (
	"encoding/binary"
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

// acMatcher is an Aho-Corasick automaton over case-folded needles, with
// transitions over the byte classes that occur in them (all UTF-8
// continuation bytes sharing one class, so it may report a non-ASCII
// needle that is not there, never miss one). Text is folded as it is
// scanned: ASCII bytes through the class table (lower-case letters share
// their upper-case class), anything else by the caller folding the whole
// value first (see prefilter.scan).
//
// The states near the root, where a scan spends most steps, have dense
// rows (one load per byte); the deeper ones, most of a big automaton's
// states but few of its steps, are kept sparse (acDeep), in depth-first
// order so that a walk down a needle reads adjacent memory. Dense rows for
// every state cost the command-line automaton ~10 MB, which left most deep
// steps a cache miss.
type acMatcher struct {
	class  [256]uint8
	nclass int
	// next is the dense transition table, row by row (nclass entries per
	// dense state). An entry is a state (acEntry): for a dense state its
	// row offset (index*nclass) shifted left twice, with bit 0 set when
	// the state has outputs and bit 1 when it is one byte deep, so a scan
	// step is one load and no multiplication; for a deep state, negative.
	next  []int32
	out   []int32 // per dense state: first output index into outs, or -1
	depth []uint8 // per dense state
	deep  []acDeep
	// The children of deep states past their first, as parallel lists.
	moreClass []uint8
	moreTo    []int32
	outs      []acOut
	needles   []string
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

func isCont(c byte) bool { return c&0xC0 == 0x80 }

// setBit and hasBit address bit x of a bit table.
func setBit(t []uint64, x uint32)      { t[x>>6] |= 1 << (x & 63) }
func hasBit(t []uint64, x uint32) bool { return t[x>>6]&(1<<(x&63)) != 0 }

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
