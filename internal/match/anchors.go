package match

import (
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Anchor is a literal a rule needs to see: Needle (case-folded with Fold)
// occurs in the text of field Field, or of one of its elements when the
// field holds an array. For a keyword search (Keyword) the needle occurs in
// some string value of the event (Event.Walk).
type Anchor struct {
	Field   string
	Needle  string
	Keyword bool // a keyword search: Field is empty
	// At narrows where the needle occurs: AtStart, the folded text begins
	// with it; AtEnd, ends with it (a startswith or endswith pattern, or
	// an equals pattern, whose literal run reaches that end of the value).
	At Position
	// Number: the rule compares the field with an integer, numerically.
	// Needle is its canonical decimal text (CanonicalInt), and the anchor
	// holds when the field's value (or one element) is exactly that text,
	// or is text that is not canonical integer text ("4624.0", "0x10",
	// " 3", "1e3", true): those can still equal the number, so a
	// prefilter must let them through.
	Number bool
}

// CanonicalInt reports whether s is an integer written the one way the
// prefilter compares numbers by their text: an optional '-', no leading
// zero (except "0" itself, and no "-0"), at most 15 digits, nothing else.
// Such text equals an integer of at most 15 digits numerically exactly when
// it equals the integer's own canonical text, because both parse exactly
// into a float64.
func CanonicalInt(s string) bool {
	d := s
	if len(d) > 0 && d[0] == '-' {
		d = d[1:]
		if d == "0" {
			return false
		}
	}
	if len(d) == 0 || len(d) > 15 || (d[0] == '0' && len(d) > 1) {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// anchorSet is nil for "unknown" (always evaluate).
type anchorSet struct{ list []Anchor }

// score ranks a set for AND: the shortest needle bounds how often the set
// fires, and fewer anchors are cheaper; higher is better.
func (a *anchorSet) score() int { return a.shortest()*64 - len(a.list) }

// shortest is the weight (literalWeight) of the set's lightest needle (a
// number's length counts 8 more: it is compared with a whole value, not
// found inside one).
func (a *anchorSet) shortest() int {
	min := 1 << 20
	for _, x := range a.list {
		n := literalWeight(x.Needle)
		if x.Number {
			n = len(x.Needle) + 8
		}
		if n < min {
			min = n
		}
	}
	return min
}

func union(n int, f func(int) *anchorSet) *anchorSet {
	if n == 0 {
		return nil // an empty OR is false, but keep the analysis simple
	}
	out := &anchorSet{}
	for i := 0; i < n; i++ {
		a := f(i)
		if a == nil {
			return nil
		}
		out.list = append(out.list, a.list...)
	}
	return out
}

// leafAnchors returns the anchors of a leaf whose tests are OR-ed: one
// needle per value (its longest literal run, or a regular expression's
// required literals).
func leafAnchors(field string, keyword bool, tests []valueTest) *anchorSet {
	one := func(t valueTest) *anchorSet {
		if rt, ok := t.(*reTest); ok {
			return regexAnchors(field, keyword, rt.lits)
		}
		pt, ok := t.(*plainTest)
		if !ok || pt.m.cased {
			return nil
		}
		if pt.hasNum {
			if n, ok := pt.intNeedle(); ok && !keyword {
				return &anchorSet{[]Anchor{{Field: field, Needle: n, Number: true}}}
			}
			return nil
		}
		longest, at := pt.m.longestNeedle()
		if longest == "" {
			return nil
		}
		if keyword {
			at = AtAny
		}
		return &anchorSet{[]Anchor{{Field: field, Needle: longest, Keyword: keyword, At: at}}}
	}
	return union(len(tests), func(i int) *anchorSet { return one(tests[i]) })
}

// minRegexNeedle is the shortest literal a regular expression's anchor may
// be: shorter ones would make the rule a candidate on most events anyway.
const minRegexNeedle = 3

// rareBytes are punctuation seldom seen in log values; a literal holding one
// is as selective as a longer word, so it counts two bytes longer (the
// backtick of PowerShell token obfuscation, the braces of -f formats).
const rareBytes = "`{}$%^~|<>@#[]!"

// literalWeight is a literal's length for ranking and for minRegexNeedle.
func literalWeight(s string) int {
	if strings.ContainsAny(s, rareBytes) {
		return len(s) + 2
	}
	return len(s)
}

// regexAnchors turns a regular expression's required literals (reTest.lits)
// into anchors, folded so they hold whatever the expression's case flags.
func regexAnchors(field string, keyword bool, lits []string) *anchorSet {
	if lits == nil {
		return nil
	}
	out := &anchorSet{}
	for _, l := range lits {
		out.list = append(out.list, Anchor{Field: field, Needle: string(Fold(nil, l)), Keyword: keyword})
	}
	return out
}

// requiredLiterals returns strings one of which occurs in every text re
// matches, or nil when it cannot tell.
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		s := string(re.Rune)
		if literalWeight(s) < minRegexNeedle {
			return nil
		}
		return []string{s}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if l := requiredLiterals(sub); l != nil && (best == nil || literalScore(l) > literalScore(best)) {
				best = l
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	}
	return nil
}

// literalScore ranks alternatives like anchorSet.score: the shortest
// literal bounds selectivity.
func literalScore(l []string) int {
	min := 1 << 20
	for _, s := range l {
		if literalWeight(s) < min {
			min = literalWeight(s)
		}
	}
	return min*64 - len(l)
}

// intNeedle returns the canonical text of the rule's number when the test
// is exactly "equals that integer": the value was written as canonical
// integer text, so its string pattern and its numeric comparison agree on
// every canonical integer text of an event.
func (p *plainTest) intNeedle() (string, bool) {
	m := p.m
	if m.open || m.close || len(m.segs) != 1 {
		return "", false
	}
	b := make([]byte, 0, len(m.segs[0]))
	for _, u := range m.segs[0] {
		if u.kind != uLit || u.r >= utf8.RuneSelf {
			return "", false
		}
		b = append(b, byte(u.r))
	}
	s := string(b)
	if !CanonicalInt(s) || p.num != float64(int64(p.num)) || strconv.FormatInt(int64(p.num), 10) != s {
		return "", false
	}
	return s, true
}

func dedupe(in []Anchor) []Anchor {
	out := in[:0]
	if len(in) <= 16 {
	next:
		for _, a := range in {
			for _, b := range out {
				if a == b {
					continue next
				}
			}
			out = append(out, a)
		}
		return out
	}
	seen := make(map[Anchor]bool, len(in))
	for _, a := range in {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// Fold appends s case-folded as non-cased patterns compare it (rune by
// rune, invalid bytes as U+FFFD) to dst.
func Fold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, fold(r))
		i += n
	}
	return dst
}
