package scan

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
)

// TestScanAffixAgainstNaive checks the walks from either end of a value
// against HasPrefix and HasSuffix on the folded text: a needle is marked
// exactly when it begins (AtStart) or ends (AtEnd) the value. Needles
// that occur elsewhere, or are cut short, must stay unmarked.
func TestScanAffixAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	alphabet := []string{"A", "B", "C", "a", "b", "c", "\\", ".", " ", "x", "é", "0"}
	word := func(n, from int) string { return randWord(rng, alphabet[:from], n) }
	fold := func(s string) string { return string(foldInto(nil, s)) }
	marked := 0
	for round := 0; round < 1200; round++ {
		at := []match.Position{match.AtStart, match.AtEnd}[round%2]
		var needles []string
		seen := map[string]bool{}
		for i := 0; i < 1+rng.Intn(12); i++ {
			n := fold(word(1+rng.Intn(maxNeedle), 9)) // ASCII needles, as match reports them
			if !seen[n] {
				seen[n] = true
				needles = append(needles, n)
			}
		}
		m := newACDepth(affixNeedles(needles, at), []int{1, 2, -1}[round%3])
		p := needlePlan(len(needles))
		st := &pfState{}
		for k := 0; k < 30; k++ {
			text := word(rng.Intn(12), len(alphabet))
			for rng.Intn(2) > 0 { // plant needles at either end, in any case, and near-misses
				n := needles[rng.Intn(len(needles))]
				if rng.Intn(2) == 0 {
					n = strings.ToLower(n)
				}
				if len(n) > 1 && rng.Intn(3) == 0 {
					n = n[1 : len(n)-1]
				}
				if rng.Intn(2) == 0 {
					text = n + text
				} else {
					text += n
				}
			}
			scanned := text
			if !isASCII(text) {
				scanned = fold(text)
			}
			st.prefilter(p, event.Map{})
			st.scanAffix(&fieldAC{ac: m, at: at}, scanned)
			got := map[int32]bool{}
			for _, c := range st.cands {
				got[c] = true
			}
			for i, n := range needles {
				want := strings.HasPrefix(fold(text), n)
				if at == match.AtEnd {
					want = strings.HasSuffix(fold(text), n)
				}
				if want != got[int32(i)] {
					t.Fatalf("at %d needles %q text %q: needle %q marked %v, want %v", at, needles, text, n, got[int32(i)], want)
				}
				marked += btoi(want)
			}
		}
	}
	if marked < 1000 {
		t.Errorf("only %d needles placed: the test hardly checks marking", marked)
	}
}

func TestWindowAtKeepsItsEnd(t *testing.T) {
	long := `\WINDOWS\SYSTEM32\SPOOL\DRIVERS\COLOR\EVIL.EXE`
	hash := "SHA256=0123456789ABCDEF0123456789ABCDEF"
	cases := []struct {
		n      string
		at     match.Position
		want   string
		wantAt match.Position
	}{
		{long, match.AtEnd, long[len(long)-maxNeedle:], match.AtEnd},
		{long, match.AtStart, long[len(long)-maxNeedle:], match.AtAny},
		{hash, match.AtStart, hash[:maxNeedle], match.AtStart},
		{hash, match.AtEnd, hash[:maxNeedle], match.AtAny},
		{long, match.AtAny, long[len(long)-maxNeedle:], match.AtAny},
	}
	for _, c := range cases {
		if w, at := windowAt(c.n, c.at); w != c.want || at != c.wantAt {
			t.Errorf("windowAt(%q, %d) = %q, %d; want %q, %d", c.n, c.at, w, at, c.want, c.wantAt)
		}
	}
}
