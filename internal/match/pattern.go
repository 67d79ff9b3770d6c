package match

import (
	"strings"
	"unicode/utf8"
)

// unitKind is what one pattern position matches.
type unitKind uint8

const (
	uLit  unitKind = iota // one rune (pre-folded unless the pattern is cased)
	uAny                  // '?': exactly one rune
	uDash                 // windash: any of the five dash characters
)

type unit struct {
	kind unitKind
	r    rune
}

// piece is a unit or a '*' in a parsed Sigma string.
type piece struct {
	star bool
	u    unit
}

// parseSigmaString applies the specification's escaping: '*' and '?' are
// wildcards, '\*' '\?' '\\' are the literal characters, and a backslash
// before anything else (or at the end) is itself literal.
func parseSigmaString(s string) []piece {
	out := make([]piece, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '*':
			out = append(out, piece{star: true})
		case '?':
			out = append(out, piece{u: unit{kind: uAny}})
		case '\\':
			if i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '?' || s[i+1] == '\\') {
				out = append(out, piece{u: unit{r: rune(s[i+1])}})
				n = 2
			} else {
				out = append(out, piece{u: unit{r: '\\'}})
			}
		default:
			out = append(out, piece{u: unit{r: r}})
		}
		i += n
	}
	return out
}

// hasWildcard reports whether ps contains '*', '?' or a windash class.
func hasWildcard(ps []piece) bool {
	for _, p := range ps {
		if p.star || p.u.kind != uLit {
			return true
		}
	}
	return false
}

// literalText returns the characters of a wildcard-free pattern.
func literalText(ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteRune(p.u.r)
	}
	return b.String()
}

// strMatcher matches a string against a Sigma pattern: segments separated
// by '*'. Each segment is fixed-length in runes, so leftmost placement of
// the middle segments is always correct and matching never backtracks.
type strMatcher struct {
	segs        [][]unit
	hints       []segHint // per segment: a byte to search for with IndexByte
	open, close bool      // pattern starts / ends with '*'
	cased       bool
	slow        bool // no fast paths (tests compare against this)
}

// segHint names a unit of a segment that only one byte can match (an ASCII
// character with no other case, such as '\\' '.' '-' or a digit), at a fixed
// byte offset from the segment's start: the units before it are ASCII
// characters that no non-ASCII rune folds onto (every letter but K and S,
// which the Kelvin sign and the long s fold onto). find then looks for
// that byte with strings.IndexByte instead of trying every start.
type segHint struct {
	ok  bool
	off int
	b   byte
}

// hintRank orders candidate bytes, rarest in usual log text first.
func hintRank(b byte) int {
	switch {
	case b == ' ':
		return 3
	case b >= '0' && b <= '9':
		return 2
	case b == '\\':
		return 1
	}
	return 0
}

func segHintOf(seg []unit, cased bool) segHint {
	var h segHint
	for k, u := range seg {
		if u.kind != uLit || u.r >= utf8.RuneSelf {
			break
		}
		c := byte(u.r)
		letter := 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
		if !letter && (!h.ok || hintRank(c) < hintRank(h.b)) {
			h = segHint{ok: true, off: k, b: c}
		}
		if !cased && (c == 'K' || c == 'S') {
			break // a non-ASCII rune may match it: offsets stop being fixed
		}
	}
	return h
}

func newStrMatcher(ps []piece, cased bool) *strMatcher {
	m := &strMatcher{cased: cased}
	if len(ps) > 0 && ps[0].star {
		m.open = true
	}
	if len(ps) > 0 && ps[len(ps)-1].star {
		m.close = true
	}
	var cur []unit
	for _, p := range ps {
		if p.star {
			if cur != nil {
				m.segs = append(m.segs, cur)
			}
			cur = nil
			continue
		}
		u := p.u
		if !cased && u.kind == uLit {
			u.r = fold(u.r)
		}
		cur = append(cur, u)
	}
	if cur != nil || len(m.segs) == 0 && !m.open {
		m.segs = append(m.segs, cur)
	}
	m.hints = make([]segHint, len(m.segs))
	for i, seg := range m.segs {
		m.hints[i] = segHintOf(seg, cased)
	}
	return m
}

// needles returns the literal runs of the pattern (folded unless cased):
// every matching string contains each of them, so an index can prefilter.
func (m *strMatcher) needles() []string {
	var out []string
	for _, s := range m.segs {
		var b strings.Builder
		for _, u := range s {
			if u.kind != uLit {
				if b.Len() > 0 {
					out = append(out, b.String())
					b.Reset()
				}
				continue
			}
			b.WriteRune(u.r)
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return out
}

// longestNeedle returns the first of the longest (in runes) of needles(),
// without building the others, and where it must occur: at the value's
// start when it opens a pattern that does not begin with '*', at its end
// when it closes one that does not end with '*' (an equals pattern's run
// is both; AtEnd is reported, path tails being the rarer text). Needles
// with non-ASCII characters are reported AtAny: folding may change their
// length in bytes, and the prefilter only places ASCII exactly.
func (m *strMatcher) longestNeedle() (string, Position) {
	var best []unit
	at := AtAny
	for si, seg := range m.segs {
		start := 0
		for k := 0; k <= len(seg); k++ {
			if k < len(seg) && seg[k].kind == uLit {
				continue
			}
			if k-start > len(best) {
				best = seg[start:k]
				switch {
				case si == len(m.segs)-1 && k == len(seg) && !m.close:
					at = AtEnd
				case si == 0 && start == 0 && !m.open:
					at = AtStart
				default:
					at = AtAny
				}
			}
			start = k + 1
		}
	}
	var b strings.Builder
	for _, u := range best {
		if u.r >= utf8.RuneSelf {
			at = AtAny
		}
		b.WriteRune(u.r)
	}
	return b.String(), at
}

// Position is where in a value an Anchor's needle must occur.
type Position uint8

const (
	AtAny Position = iota
	AtStart
	AtEnd
)

func (m *strMatcher) eq(u unit, r rune) bool {
	switch u.kind {
	case uAny:
		return true
	case uDash:
		return isDash(r)
	}
	if m.cased {
		return u.r == r
	}
	return u.r == fold(r)
}

// at reports whether seg matches s starting at byte i, and where it ends.
func (m *strMatcher) at(seg []unit, s string, i int) (int, bool) {
	for _, u := range seg {
		if i >= len(s) {
			return 0, false
		}
		// ASCII on both sides, the usual case: fold inline.
		if c := s[i]; c < utf8.RuneSelf && u.kind == uLit && u.r < utf8.RuneSelf {
			if !m.cased && 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			if rune(c) != u.r {
				return 0, false
			}
			i++
			continue
		}
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !m.eq(u, r) {
			return 0, false
		}
		i += n
	}
	return i, true
}

// findHinted is find for a segment with a hint: only starts whose hint
// byte is in place can match, and they are ASCII bytes, so rune
// boundaries.
func (m *strMatcher) findHinted(seg []unit, h segHint, s string, i int) (int, bool) {
	for i+h.off < len(s) {
		j := strings.IndexByte(s[i+h.off:], h.b)
		if j < 0 {
			return 0, false
		}
		start := i + j
		if end, ok := m.at(seg, s, start); ok {
			return end, true
		}
		i = start + 1
	}
	return 0, false
}

// find returns the end of the leftmost match of seg in s at or after i.
func (m *strMatcher) find(seg []unit, s string, i int) (int, bool) {
	// Step by decoded rune so that starting points agree with how at()
	// decodes, invalid UTF-8 included (each bad byte is one RuneError).
	// Cheap rejection on the first unit for ASCII bytes, the usual case;
	// non-ASCII bytes take the full path because some fold onto ASCII
	// (the Kelvin sign onto 'K').
	first, quick := unit{}, false
	if len(seg) > 0 && seg[0].kind == uLit && seg[0].r < utf8.RuneSelf {
		first, quick = seg[0], true
	}
	var lo, up byte // the ASCII bytes that equal the first unit
	if quick {
		up = byte(first.r)
		lo = up
		if !m.cased && 'A' <= up && up <= 'Z' {
			lo = up + ('a' - 'A')
		}
	}
	for {
		if quick {
			for i < len(s) && s[i] < utf8.RuneSelf && s[i] != up && s[i] != lo {
				i++
			}
		}
		if end, ok := m.at(seg, s, i); ok {
			return end, true
		}
		if i >= len(s) {
			return 0, false
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
}

// backStart returns the byte offset n runes before the end of s.
func backStart(s string, n int) (int, bool) {
	i := len(s)
	for ; n > 0; n-- {
		if i == 0 {
			return 0, false
		}
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	return i, true
}

// endsASCII decides whether seg matches the end of s (at or after i) from
// the trailing ASCII bytes of s alone, comparing backwards so that most
// mismatches show at the first byte or two; sure is false when it reaches
// a non-ASCII byte first. An ASCII byte is one rune however the text
// around it decodes, so the answer is that of backStart and at.
func (m *strMatcher) endsASCII(seg []unit, s string, i int) (ok, sure bool) {
	if m.slow {
		return false, false
	}
	j := len(s)
	for k := len(seg) - 1; k >= 0; k-- {
		if j == 0 {
			return false, true // fewer runes than units
		}
		c := s[j-1]
		if c >= utf8.RuneSelf {
			return false, false
		}
		switch u := seg[k]; u.kind {
		case uAny:
		case uDash:
			if !isDash(rune(c)) {
				return false, true
			}
		default:
			if !m.cased && 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			if rune(c) != u.r {
				return false, true
			}
		}
		j--
	}
	return j >= i, true
}

// match reports whether the whole of s matches the pattern.
func (m *strMatcher) match(s string) bool {
	segs := m.segs
	if len(segs) == 0 { // pattern is only stars
		return true
	}
	i := 0
	if !m.open {
		end, ok := m.at(segs[0], s, 0)
		if !ok {
			return false
		}
		if len(segs) == 1 && !m.close {
			return end == len(s)
		}
		i, segs = end, segs[1:]
	}
	last := -1
	if !m.close && len(segs) > 0 {
		last = len(segs) - 1
	}
	hints := m.hints[len(m.hints)-len(segs):]
	for k, seg := range segs {
		if k == last {
			if ok, sure := m.endsASCII(seg, s, i); sure {
				return ok
			}
			start, ok := backStart(s, len(seg))
			if !ok || start < i {
				return false
			}
			_, ok = m.at(seg, s, start)
			return ok
		}
		var end int
		var ok bool
		if hints[k].ok && !m.slow {
			end, ok = m.findHinted(seg, hints[k], s, i)
		} else {
			end, ok = m.find(seg, s, i)
		}
		if !ok {
			return false
		}
		i = end
	}
	return true
}
