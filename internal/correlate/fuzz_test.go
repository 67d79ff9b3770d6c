package correlate

import (
	"math/rand/v2"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// FuzzEngine runs arbitrary correlation documents (after the base rules of
// the property tests) over a random stream: the engine must not panic and
// must leave no key behind its cap.
func FuzzEngine(f *testing.F) {
	f.Add([]byte("title: k\ncorrelation: {type: temporal_ordered, rules: [ra, rb, ra], group-by: [User], timespan: 9s}\n"), uint64(1), int64(3))
	f.Add([]byte("title: k\nname: x\ncorrelation: {type: value_percentile, rules: [rc], timespan: 1s, condition: {field: Val, percentile: 0, gte: 0}}\n---\ntitle: o\ncorrelation: {type: event_count, rules: [x, ra], timespan: 1d, condition: {neq: 1}}\n"), uint64(2), int64(0))
	f.Fuzz(func(t *testing.T, yaml []byte, seed uint64, late int64) {
		docs := sigma.ParseFile("b.yml", []byte(baseRules))
		docs = append(docs, sigma.ParseFile("c.yml", yaml)...)
		set := match.Load(docs, match.Options{})
		opt := Options{Lateness: timeSeconds(late % 100), MaxKeys: 3, MaxEventRefs: 2}
		if late < 0 {
			opt.Lateness = Unbounded
		}
		e, err := New(docs, set.Rules, opt)
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(seed, 1))
		for i, m := range randEvents(r, 100, 200) {
			set.Match(m, func(rule *match.Rule) { e.Observe(rule, m, alert.Source{Path: "f", Line: i + 1}) })
		}
		e.Flush()
		if st := e.Stats(); st.LiveKeys > 3 || st.LiveKeysPeak > 3 {
			t.Fatalf("keys %d (peak %d) over the cap", st.LiveKeys, st.LiveKeysPeak)
		}
	})
}
