package match

import "testing"

func TestStrMatcher(t *testing.T) {
	cases := []struct {
		pat, s string
		cased  bool
		want   bool
	}{
		{"foo", "FOO", false, true},
		{"foo", "foox", false, false},
		{"foo", "FOO", true, false},
		{"*foo*", "xxFoOyy", false, true},
		{"foo*", "foobar", false, true},
		{"foo*", "xfoobar", false, false},
		{"*bar", "foobar", false, true},
		{"*bar", "foobarx", false, false},
		{"a*b*c", "aXXbYYc", false, true},
		{"a*b*c", "aXXcYYb", false, false},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"a?c", "aéc", false, true},
		{`a\*c`, "a*c", false, true},
		{`a\*c`, "abc", false, false},
		{`a\?c`, "a?c", false, true},
		{`C:\Windows\*`, `c:\windows\x`, false, false},
		{`C:\Windows\\*`, `c:\windows\x`, false, true},
		{`a\\\*`, `a\*`, false, true},
		{`a\\\\b`, `a\\b`, false, true},
		{`a\\\b`, `a\\b`, false, true},
		{`a\b`, `a\b`, false, true},
		{`end\`, `end\`, false, true},
		{"", "", false, true},
		{"", "x", false, false},
		{"*", "", false, true},
		{"**", "abc", false, true},
		{"Straße", "STRASSE", false, false},
		{"ÄÖÜ", "äöü", false, true},
		{"kelvin", "\u212Aelvin", false, true},
		{"ſ", "S", false, true},
		{"*ab*ab*", "xxabab", false, true},
		{"*aab", "aaab", false, true},
		{"a*a", "a", false, false},
		{"Trojan*FOUND", "Trojan.Foo FOUND", false, true},
	}
	for _, c := range cases {
		m := newStrMatcher(parseSigmaString(c.pat), c.cased)
		if got := m.match(c.s); got != c.want {
			t.Errorf("match(%q, %q, cased=%v) = %v", c.pat, c.s, c.cased, got)
		}
	}
}

func TestNeedles(t *testing.T) {
	m := newStrMatcher(parseSigmaString("*ab?cd*ef"), false)
	got := m.needles()
	if len(got) != 3 || got[0] != "AB" || got[1] != "CD" || got[2] != "EF" {
		t.Errorf("needles = %q", got)
	}
}

func FuzzPattern(f *testing.F) {
	for _, s := range []string{`*a\*b?`, `\\\*`, `x*y*z`, "ä?ö*", `\`} {
		f.Add(s, "xa*bc")
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		ps := parseSigmaString(pat)
		m := newStrMatcher(ps, false)
		got := m.match(s)
		if !hasWildcard(ps) {
			// A literal pattern matches its own text, case-insensitively.
			if lit := literalText(ps); !m.match(lit) {
				t.Fatalf("literal %q does not match itself", lit)
			}
		}
		if got && !newStrMatcher(append(append([]piece{{star: true}}, ps...), piece{star: true}), false).match(s) {
			t.Fatalf("%q matches %q but *pattern* does not", pat, s)
		}
	})
}

// TestHintedFindAgreesWithFind compares the fast paths (the IndexByte
// search of segments, segHint; the backward comparison of the last
// segment, endsASCII) with the plain rune-by-rune matching on random patterns and
// texts built from bytes that stress it: hint bytes, letters with non-ASCII
// case partners (K/k and the Kelvin sign, S/s and the long s), other
// non-ASCII text and invalid UTF-8.
func TestHintedFindAgreesWithFind(t *testing.T) {
	alphabet := []string{"a", "B", "k", "K", "s", "S", "\u212A", "\u017F", ".", "\\", "-", " ", "1", "é", "\xe2\x84", "\xff", "*", "?", "\u2013", "/"}
	seed := uint64(1)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	str := func(n int, pattern bool) string {
		out := ""
		for i := 0; i < n; i++ {
			x := alphabet[rnd(len(alphabet))]
			if !pattern && (x == "*" || x == "?") {
				continue
			}
			out += x
		}
		return out
	}
	for i := 0; i < 200000; i++ {
		pat := str(1+rnd(6), true)
		switch rnd(4) {
		case 0:
			pat = "*" + pat + "*"
		case 1:
			pat = "*" + pat
		}
		s := str(rnd(14), false)
		for _, cased := range []bool{false, true} {
			ps := parseSigmaString(pat)
			if rnd(4) == 0 {
				for j := range ps {
					if !ps[j].star && ps[j].u.kind == uLit && isDash(ps[j].u.r) {
						ps[j].u.kind = uDash
					}
				}
			}
			m := newStrMatcher(ps, cased)
			plain := *m
			plain.slow = true
			if got, want := m.match(s), plain.match(s); got != want {
				t.Fatalf("pattern %q cased=%v on %q: hinted %v, plain %v", pat, cased, s, got, want)
			}
		}
	}
}

func TestLongestNeedle(t *testing.T) {
	cases := []struct {
		pat string
		at  Position
	}{
		{"", AtAny}, {"*", AtAny}, {"abc", AtEnd}, {"*ab*cde*f", AtAny}, {"a?bcd*xy", AtAny},
		{"é?ab", AtEnd}, {"*\u212Akit*", AtAny}, {"ab*cd", AtStart}, {"a?b?c", AtStart},
		{"xx?yyy*zz", AtAny}, {`*\\svchost.exe`, AtEnd}, {`c:\\windows\\*`, AtStart},
		{`c:\\windows\\`, AtEnd}, {"*x*", AtAny}, {"abc*", AtStart}, {"*abc", AtEnd},
		{"*ab?cde", AtEnd}, {"abcd?ef*", AtStart}, {`*\\Jürgen.exe`, AtAny}, {"?abc", AtEnd},
		{"abc?", AtStart}, {"?abc?", AtAny}, {"*abc?", AtAny},
	}
	for _, c := range cases {
		m := newStrMatcher(parseSigmaString(c.pat), false)
		want := ""
		for _, s := range m.needles() {
			if len([]rune(s)) > len([]rune(want)) {
				want = s
			}
		}
		got, at := m.longestNeedle()
		if got != want {
			t.Errorf("%q: longestNeedle %q, needles() gives %q", c.pat, got, want)
		}
		if at != c.at {
			t.Errorf("%q: needle %q at %d, want %d", c.pat, got, at, c.at)
		}
	}
}
