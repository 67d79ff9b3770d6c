package scan

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/match"
)

// TestMemoAgreesWithReference sends recurring values (each seen many
// times, so the memos remember and replay them) through the fast path and
// the reference path, with a budget so small that the memos start over
// again and again, and with many distinct values colliding in their
// slots. The memo must replay exactly what scanning would mark.
func TestMemoAgreesWithReference(t *testing.T) {
	plan, m := planOf(t, edgeRules)
	parts := []string{"privilege::debug", "MimiDrv.sys", "\\\\rundll32.exe", "javascript:", "whoami", "abbbc", "aa bb",
		"-enc SQBFAFgAIAAo", "password=x", "kit", "\u212Ait", "C:\\\\Windows\\\\System32", "plain text here"}
	rng := rand.New(rand.NewSource(3))
	value := func() string {
		var sb strings.Builder
		for sb.Len() < 24 || rng.Intn(3) > 0 {
			sb.WriteString(parts[rng.Intn(len(parts))])
			sb.WriteByte(' ')
		}
		return sb.String()
	}
	for _, c := range []struct {
		name     string
		distinct int
		budget   int
	}{{"few values", 40, 0}, {"colliding values", 3000, 0}, {"tiny budget", 200, 6*memoTables + 4096}} {
		t.Run(c.name, func(t *testing.T) {
			fast, ref := NewRouter(plan, m), NewRouter(plan, m)
			fast.pf.memo.budget = c.budget
			vals := make([]string, c.distinct)
			for i := range vals {
				vals[i] = value()
			}
			fields := []string{"CommandLine", "Image", "Description", "ParentImage"}
			for i := 0; i < 12*c.distinct; i++ {
				var sb strings.Builder
				sb.WriteString(`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1`)
				for _, f := range fields {
					if rng.Intn(4) > 0 {
						fmt.Fprintf(&sb, `,%q:"%s"`, f, vals[rng.Intn(len(vals))])
					}
				}
				sb.WriteString("}")
				agree(t, fast, ref, i, []byte(sb.String()))
			}
			if fast.pf.memo.hits == 0 {
				t.Fatal("no value came from a memo: the test exercises nothing")
			}
			t.Logf("%d values from a memo, %d bytes held", fast.pf.memo.hits, fast.pf.memo.bytes)
		})
	}
}

// TestMemoRestsOnValuesThatDoNotRecur: a field whose values never come
// back stops paying for lookups for memoRest values, then tries again; a
// field whose values do keep its memo.
func TestMemoRestsOnValuesThatDoNotRecur(t *testing.T) {
	var st pfState
	pf := &planField{acs: []fieldAC{{ac: &acMatcher{}}}, memo: 1}
	for i := 0; i < memoWindow-1; i++ {
		if st.memo.lookup(pf, 40) == nil {
			t.Fatalf("lookup %d: no memo before the first window ends", i)
		}
	}
	if st.memo.lookup(pf, 40) != nil {
		t.Fatal("a window without hits did not put the memo to rest")
	}
	for i := 0; i < memoRest; i++ {
		if st.memo.lookup(pf, 40) != nil {
			t.Fatalf("memo back after %d of %d resting values", i, memoRest)
		}
	}
	if st.memo.lookup(pf, 40) == nil {
		t.Fatal("memo still resting after memoRest values")
	}
	if st.memo.lookup(pf, memoMinLen-1) != nil || st.memo.lookup(pf, memoMaxLen+1) != nil {
		t.Fatal("memo used for a value too short or too long to be worth it")
	}
	busy := &planField{acs: pf.acs, memo: 2}
	for i := 0; i < 3*memoWindow; i++ {
		m := st.memo.lookup(busy, 40)
		if m == nil {
			t.Fatalf("lookup %d: a memo hitting every value was put to rest", i)
		}
		m.hits++
	}
}

// agree matches flat JSON line (event i) on the fast path of fast and the
// reference path of ref, fails t unless they name the same rules, and
// reports whether any matched.
func agree(t *testing.T, fast, ref *Router, i int, line []byte) bool {
	t.Helper()
	var d input.FlatDecoder
	ev, ok := d.Decode(line)
	if !ok {
		t.Fatalf("not flat: %s", line)
	}
	rec, err := input.DecodeJSON("t", 1, line, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	fast.Match(ev, func(r *match.Rule) { got = append(got, r.Meta().Title) })
	ref.MatchReference(rec.Map(), func(r *match.Rule) { want = append(want, r.Meta().Title) })
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("event %d: fast %v, reference %v\n%s", i, got, want, line)
	}
	return len(want) > 0
}
