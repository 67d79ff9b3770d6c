package scan

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
)

// TestRandomEventsAgree drives the fast path where real logs seldom go:
// bench base events whose values are replaced by the rules' own anchor
// needles (in any case, inside other text, cut short by a byte, with the
// Kelvin sign or long s for k and s), wrapped in arrays, or given a
// duplicate key, so that anchor clauses, keyword needles merged into field
// automata, jumping scans and the check of non-ASCII needles all meet
// events that nearly match. Fast path and reference must report the same
// rules in the same order.
func TestRandomEventsAgree(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	base := filepath.Join(shared, "bench", "base-events.jsonl.gz")
	if _, err := os.Stat(base); err != nil {
		t.Skipf("needs ../shared/bench beside the repo: %v", err)
	}
	if testing.Short() {
		t.Skip("random differential over every SigmaHQ rule: not in -short mode")
	}
	all := loadCorpusRules(t, filepath.Join(shared, "corpora", "sigma"))
	// The bench's rule set too: with fewer keyword rules its plans copy
	// the keyword needles into the field automata (mergeKeywords).
	var windows []*match.Rule
	for _, r := range all.Rules {
		if strings.Contains(filepath.ToSlash(r.Doc.File), "/rules/windows/") {
			windows = append(windows, r)
		}
	}
	events := readBaseEvents(t, base)
	for _, c := range []struct {
		name  string
		rules []*match.Rule
	}{{"all folders", all.Rules}, {"rules/windows", windows}} {
		t.Run(c.name, func(t *testing.T) { randomEventsAgree(t, c.rules, events) })
	}
}

func randomEventsAgree(t *testing.T, rules []*match.Rule, events [][]kv) {
	builtin, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := logsource.NewMapping(builtin, nil)
	plan := NewPlan(rules, Selection{}, m)
	fast, ref := NewRouter(plan, m), NewRouter(plan, m)
	needles := ruleNeedles(rules)
	seed := int64(8)
	if s := os.Getenv("VIGIL_RANDOM_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	rng := rand.New(rand.NewSource(seed))
	n := 8000
	if s := os.Getenv("VIGIL_RANDOM_EVENTS"); s != "" {
		fmt.Sscan(s, &n)
	}
	matched := 0
	for i := 0; i < n; i++ {
		line := mutate(rng, events[rng.Intn(len(events))], events, needles)
		var d input.FlatDecoder
		ev, ok := d.Decode(line)
		rec, err := input.DecodeJSON("random", i+1, line, nil)
		if err != nil {
			t.Fatalf("generated line does not decode: %v\n%s", err, line)
		}
		var got, want []string
		ref.MatchReference(rec.Map(), func(r *match.Rule) { want = append(want, r.Meta().Title) })
		if ok {
			fast.Match(ev, func(r *match.Rule) { got = append(got, r.Meta().Title) })
		} else {
			fast.Match(rec.Ev(), func(r *match.Rule) { got = append(got, r.Meta().Title) })
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("event %d: fast %v, reference %v\n%s", i, got, want, line)
		}
		if len(want) > 0 {
			matched++
		}
	}
	t.Logf("%d generated events, %d with alerts, %d needles (%d keyword)", n, matched, len(needles.all), len(needles.keyword))
	if matched < n/20 {
		t.Errorf("only %d of %d generated events raise an alert: the mutations test little", matched, n)
	}
}

type kv struct {
	k string
	v any
}

func readBaseEvents(t *testing.T, path string) [][]kv {
	var out [][]kv
	for _, line := range gzipLines(t, path) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatal(err)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		ev := make([]kv, 0, len(keys))
		for _, k := range keys {
			ev = append(ev, kv{k, m[k]})
		}
		out = append(out, ev)
	}
	return out
}

// needlePool is the anchor needles of every rule (folded: upper case),
// with the keyword needles apart: they are few, and every field may hold
// them.
type needlePool struct{ all, keyword []string }

func (p needlePool) pick(rng *rand.Rand) string {
	if len(p.keyword) > 0 && rng.Intn(4) == 0 {
		return p.keyword[rng.Intn(len(p.keyword))]
	}
	return p.all[rng.Intn(len(p.all))]
}

func ruleNeedles(rules []*match.Rule) needlePool {
	seen := map[string]bool{}
	var p needlePool
	for _, r := range rules {
		clauses, ok := r.AnchorClauses()
		if !ok {
			continue
		}
		for _, c := range clauses {
			for _, a := range c {
				if !seen[a.Needle] {
					seen[a.Needle] = true
					p.all = append(p.all, a.Needle)
					if a.Keyword && r.Logsource.Product == "windows" { // the events are Windows events
						p.keyword = append(p.keyword, a.Needle)
					}
				}
			}
		}
	}
	sort.Strings(p.all)
	sort.Strings(p.keyword)
	return p
}

// mutate returns ev as a JSON line with some values changed.
func mutate(rng *rand.Rand, ev []kv, all [][]kv, needles needlePool) []byte {
	fields := append([]kv(nil), ev...)
	for k := rng.Intn(4); k >= 0; k-- {
		i := rng.Intn(len(fields))
		switch rng.Intn(6) {
		case 0, 1: // a needle, somehow
			fields[i].v = needleText(rng, needles.pick(rng))
		case 2: // a needle inside the value
			fields[i].v = fmt.Sprint(fields[i].v) + " " + needleText(rng, needles.pick(rng))
		case 3: // another event's value for a key of this event, or a new key
			other := all[rng.Intn(len(all))]
			fields = append(fields, other[rng.Intn(len(other))])
		case 4: // an array
			fields[i].v = []any{"x", fields[i].v}
		case 5: // a duplicate key, the earlier one holding a needle
			fields = append(fields[:i:i], append([]kv{{fields[i].k, needleText(rng, needles.pick(rng))}}, fields[i:]...)...)
		}
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.k)
		v, _ := json.Marshal(f.v)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String())
}

// needleText writes a folded needle as an event might hold it.
func needleText(rng *rand.Rand, n string) string {
	switch rng.Intn(5) {
	case 0:
		n = strings.ToLower(n)
	case 1:
		n = strings.NewReplacer("K", "\u212A", "S", "\u017F").Replace(n)
	case 2:
		if len(n) > 1 {
			n = n[:len(n)-1]
		}
	}
	return n
}
