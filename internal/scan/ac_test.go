package scan

import (
	"math/rand"
	"sort"
	"strings"
	"testing"
)

// TestACAgainstNaive checks the automaton against strings.Index on random
// needles and texts over a small alphabet (many overlaps and shared suffixes).
func TestACAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte("ABab\\.xé"[rng.Intn(7)])
		}
		return strings.ToUpper(b.String())
	}
	for round := 0; round < 300; round++ {
		var needles []string
		for i := 0; i < 1+rng.Intn(12); i++ {
			needles = append(needles, word(1+rng.Intn(5)))
		}
		m := newAC(needles)
		for k := 0; k < 20; k++ {
			text := word(rng.Intn(30))
			var got, want []int
			seen := map[int32]bool{}
			m.scan(text, func(n int32) {
				if !seen[n] {
					seen[n] = true
					got = append(got, int(n))
				}
			})
			for i, n := range needles {
				if strings.Contains(text, n) {
					want = append(want, i)
				}
			}
			sort.Ints(got)
			if strings.Join(strings.Fields(strings.Trim(fmtInts(got), "[]")), ",") != strings.Join(strings.Fields(strings.Trim(fmtInts(want), "[]")), ",") {
				t.Fatalf("needles %q text %q: got %v want %v", needles, text, got, want)
			}
		}
	}
}

func fmtInts(xs []int) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(" ")
		b.WriteString(strings.Repeat("|", x))
	}
	return b.String()
}

func TestIsASCII(t *testing.T) {
	for n := 0; n < 40; n++ {
		s := strings.Repeat("a", n)
		if !isASCII(s) {
			t.Fatalf("%q: not ASCII?", s)
		}
		for i := 0; i < n; i++ {
			b := []byte(s)
			b[i] = 0x80 | byte(i)
			if isASCII(string(b)) {
				t.Fatalf("%q: ASCII?", b)
			}
		}
	}
}
