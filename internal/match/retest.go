package match

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"github.com/vigil-sec/vigil/internal/event"
)

// reTest is the re modifier. Before running the expression it looks for
// the literals one of which every match contains (requiredLiterals): Go's
// regexp engine costs a microsecond on a long command line, a substring
// search a few nanoseconds, and most values a rule's expression meets lack
// its literal ("http" in the URL patterns of SigmaHQ).
type reTest struct {
	re   *regexp.Regexp
	lits []string // requiredLiterals of re, also the prefilter's anchors; nil: none known
	need []string // lits, when mayMatch can check them; nil: no check
	fold bool     // lits hold under case folding: compared ignoring ASCII case, on ASCII text only
}

func newReTest(re *regexp.Regexp) *reTest {
	t := &reTest{re: re}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return t
	}
	t.fold = foldsCase(tree)
	t.lits = requiredLiterals(tree.Simplify())
	for _, l := range t.lits {
		if t.fold && !isASCIIText(l) {
			return t // (?i) folds non-ASCII letters in ways an ASCII check cannot follow
		}
	}
	t.need = t.lits
	return t
}

// foldsCase reports whether any literal of re matches case-insensitively.
func foldsCase(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase != 0 {
		return true
	}
	for _, s := range re.Sub {
		if foldsCase(s) {
			return true
		}
	}
	return false
}

func (r *reTest) test(v event.Value, _ event.Event) bool {
	s, ok := v.Text()
	return ok && r.mayMatch(s) && r.re.MatchString(s)
}

func (r *reTest) mayMatch(s string) bool {
	if r.need == nil {
		return true
	}
	if r.fold {
		// (?i)k also matches the Kelvin sign, (?i)s the long s: only
		// ASCII text is sure to hold an ASCII literal's letters as such.
		if !isASCIIText(s) {
			return true
		}
		for _, l := range r.need {
			if containsFoldASCII(s, l) {
				return true
			}
		}
		return false
	}
	for _, l := range r.need {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

func isASCIIText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether s contains l, ASCII letters compared
// without case (both ASCII).
func containsFoldASCII(s, l string) bool {
	if len(l) == 0 {
		return true
	}
	first := l[0] | 0x20
	isLetter := 'a' <= first && first <= 'z'
	for i := 0; i+len(l) <= len(s); i++ {
		c := s[i]
		if isLetter {
			c |= 0x20
		}
		if c == first || (!isLetter && s[i] == l[0]) {
			if strings.EqualFold(s[i:i+len(l)], l) {
				return true
			}
		}
	}
	return false
}
