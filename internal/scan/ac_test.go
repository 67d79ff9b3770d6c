package scan

import (
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
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
		m := newACDepth(needles, 1+round%3) // dense rows 1–3 bytes deep, sparse states below
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

// TestScanACAgainstNaive checks the prefilter's scan loops (the pair skip
// at the root, the jumping scan, lower-case text through the class table,
// non-ASCII needles) against strings.Contains on folded text: exactly the
// needles that occur must be marked.
func TestScanACAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	// é and è share their lead byte: the automaton's continuation class
	// cannot tell them apart, the check in hits must.
	alphabet := []string{"A", "B", "C", "a", "b", "c", "\\", ".", " ", "-", "x", "y", "é", "è", "0", "1"}
	word := func(n, from int) string { return randWord(rng, alphabet[:from], n) }
	fold := func(s string) string { return string(foldInto(nil, s)) }
	jumps := 0
	defer func() {
		if jumps == 0 {
			t.Error("no automaton used the jumping scan")
		}
	}()
	for round := 0; round < 1000; round++ {
		var needles []string
		minLen, spread := 1, 4
		if round%2 == 0 { // long needles only: the jumping scan
			minLen, spread = wmMinLen, 8
		}
		for i := 0; i < 1+rng.Intn(10); i++ {
			needles = append(needles, fold(word(minLen+rng.Intn(spread), 8+rng.Intn(8))))
		}
		m := newACDepth(needles, []int{1, 2, -1}[round%3])
		jumps += btoi(m.wm)
		p := needlePlan(len(needles))
		st := &pfState{}
		for k := 0; k < 30; k++ {
			text := word(rng.Intn(20), len(alphabet))
			for rng.Intn(3) > 0 { // plant needles, in any case, and near-misses
				n := needles[rng.Intn(len(needles))]
				if rng.Intn(2) == 0 {
					n = strings.ToLower(n)
				}
				if rng.Intn(3) == 0 {
					n = n[:len(n)-1]
				}
				text += n + word(rng.Intn(6), len(alphabet))
			}
			scanned := text
			if !isASCII(text) { // as scanValue does
				scanned = fold(text)
			}
			st.prefilter(p, event.Map{})
			st.scanAC(&fieldAC{ac: m}, scanned)
			got := map[int32]bool{}
			for _, c := range st.cands {
				got[c] = true
			}
			for i, n := range needles {
				if want := strings.Contains(fold(text), n); want != got[int32(i)] {
					t.Fatalf("needles %q text %q: needle %q marked %v, occurs %v", needles, text, n, got[int32(i)], want)
				}
			}
		}
	}
}

// randWord is n strings of alphabet drawn at random.
func randWord(rng *rand.Rand, alphabet []string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(alphabet[rng.Intn(len(alphabet))])
	}
	return b.String()
}

// needlePlan is a plan of n one-clause routes, route i needing needle i
// alone: the routes a scan makes candidates are the needles it marked.
func needlePlan(n int) *plan {
	p := &plan{routes: make([]planRoute, n), need: make([]uint8, n), nrStart: make([]int32, n+1), nrList: make([]int32, n)}
	for i := range n {
		p.need[i] = 1
		p.nrStart[i+1] = int32(i + 1)
		p.nrList[i] = int32(i) << 2
	}
	return p
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestNewACRefusesEmptyNeedle(t *testing.T) {
	if newAC([]string{"ABC", ""}) != nil {
		t.Error("an automaton with an empty needle: it would have to report it everywhere")
	}
}

// TestDeepStatesFirstChildInline checks the sparse states' layout: a
// state's first child is the next state, kept inline, so a walk down a
// needle with no branches reads no side lists.
func TestDeepStatesFirstChildInline(t *testing.T) {
	m := newACDepth([]string{"ABCDEFGH", "ABCXYZ", "QRSTUV"}, 1)
	if len(m.deep) == 0 {
		t.Fatal("no sparse states at dense depth 1")
	}
	for x, d := range m.deep {
		if d.n > 0 && d.class0 == noClass {
			t.Errorf("deep state %d: children only in the side lists", x)
		}
	}
	if len(m.moreTo) != 1 { // the one branch: ABC → D or X
		t.Errorf("side list holds %d children, want 1", len(m.moreTo))
	}
}
