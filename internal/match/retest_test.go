package match

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
)

// TestRegexLiteralCheckAgreesWithRegexp: the literal check before a regular
// expression never turns a match into a miss, case folding (the Kelvin
// sign, the long s) included.
func TestRegexLiteralCheckAgreesWithRegexp(t *testing.T) {
	exprs := []string{`(?i)http://x`, `https?://0[0-9]{3}`, `(?i)sk`, `(?i)ks`, `abc|def`, `a(bc)+d`, `(?i)(foo|bar)baz`,
		`\$\{env`, ` [0-7]{7,13}`, `(?i)über`, `Ünï`, `(?i:abc)DEF`, `(?s)abc.def`, `(?i)ask`, `(?i)\$\{` + "`" + `?e`}
	pieces := []string{"http://", "HTTP://", "hTtP://x", "0123", "ſk", "\u212Ak", "\u212As", "SK", "sk", "kS", "foo", "BARBAZ",
		"${env", "${`E", "über", "ÜBER", "Ünï", "ünï", "abcd", "ABCdef", "abc\ndef", "abbcd", "abcbcd", " 1234567", "x", " ", "aſk", "as\u212A", "ASK"}
	rng := rand.New(rand.NewSource(6))
	checked := 0
	for _, e := range exprs {
		re := regexp.MustCompile(e)
		rt := newReTest(re)
		if rt.need != nil {
			checked++
		}
		for i := 0; i < 3000; i++ {
			var b strings.Builder
			for n := rng.Intn(4); n >= 0; n-- {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			s := b.String()
			if got, want := rt.test(event.Str(s), nil), re.MatchString(s); got != want {
				t.Fatalf("%s on %q: %v, regexp says %v (need %q fold %v)", e, s, got, want, rt.need, rt.fold)
			}
		}
	}
	if checked < 8 {
		t.Errorf("only %d of %d expressions have a literal check", checked, len(exprs))
	}
}
