package correlate

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
)

// The reference implementation below is deliberately naive: it sees all
// matches at once, sorts them, and for every group and every timestamp
// recomputes the window from scratch. The property tests check that the
// streaming engine gives exactly its alerts, whatever the order in which
// files are read.

type obs struct {
	rule *match.Rule
	ev   event.Map
	src  alert.Source
	t    int64
	ord  int
	id   uint64
}

type rocc struct {
	t      int64
	class  int // 0 base match, 1 inner alert
	a, b   int // base: observation index; inner: topo index, alert index
	in     int
	id     uint64
	dup    bool
	group  []string
	key    string
	ok     bool
	val    string
	hasVal bool
	num    float64
	hasNum bool
	refs   []ref // base: one; inner: the inner alert's refs
	total  int
	last   ref
}

type ralert struct {
	t     int64
	topo  int
	touch int
	title string
	group []string
	value float64
	refs  []ref
	total int
	last  ref
	sup   bool
}

func reference(h *harness, in []obs, maxRefs int) []string {
	ruleOrd := map[*match.Rule]int{}
	for i, r := range h.set.Rules {
		ruleOrd[r] = i
	}
	var all []obs
	for _, o := range in {
		ts, _, ok := event.Time(o.ev, nil)
		if !ok {
			continue
		}
		o.t, o.ord = ts.UnixNano(), ruleOrd[o.rule]
		all = append(all, o)
	}
	slices.SortStableFunc(all, func(x, y obs) int {
		return cmp.Or(cmp.Compare(x.t, y.t), strings.Compare(x.src.Path, y.src.Path), cmp.Compare(x.src.Record, y.src.Record),
			cmp.Compare(x.src.Line, y.src.Line), cmp.Compare(x.src.Offset, y.src.Offset), cmp.Compare(x.ord, y.ord))
	})
	var id uint64
	for i := range all {
		if i == 0 || all[i].src != all[i-1].src || all[i].t != all[i-1].t {
			id++
		}
		all[i].id = id
	}
	nodes := h.eng.nodes
	topo := map[*node]int{}
	results := map[*node][]ralert{}
	var out []ralert
	for ti, n := range nodes {
		topo[n] = ti
		var occs []rocc
		for ii, inp := range n.inputs {
			if inp.rule != nil {
				for oi, o := range all {
					if o.rule != inp.rule {
						continue
					}
					x := n.extract(ii, o.ev, &Stats{})
					r := ref{t: o.t, src: o.src, rule: o.rule, host: event.Host(o.ev)}
					occs = append(occs, rocc{t: o.t, a: oi, in: ii, id: o.id, group: x.group, key: x.key, ok: x.ok,
						val: x.val, hasVal: x.hasVal, num: x.num, hasNum: x.hasNum, refs: []ref{r}, total: 1, last: r})
				}
				continue
			}
			for ai, a := range results[inp.node] {
				occs = append(occs, naiveInner(n, ii, a, topo[inp.node], ai))
			}
		}
		slices.SortStableFunc(occs, func(x, y rocc) int {
			return cmp.Or(cmp.Compare(x.t, y.t), cmp.Compare(x.class, y.class), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
		})
		byKey := map[string][]int{}
		var keys []string
		for i, o := range occs {
			if !o.ok {
				continue
			}
			if _, seen := byKey[o.key]; !seen {
				keys = append(keys, o.key)
			}
			l := byKey[o.key]
			if len(l) > 0 && o.class == 0 && occs[l[len(l)-1]].class == 0 && occs[l[len(l)-1]].id == o.id {
				occs[i].dup = true
			}
			byKey[o.key] = append(l, i)
		}
		var res []ralert
		for _, k := range keys {
			idx := byKey[k]
			reset := int64(math.MinInt64)
			for j, i := range idx {
				T := occs[i].t
				if j > 0 && occs[idx[j-1]].t == T {
					continue // evaluated once per timestamp
				}
				var win []rocc
				for _, w := range idx {
					if o := occs[w]; o.t > reset && o.t >= T-n.ts && o.t <= T {
						win = append(win, o)
					}
				}
				v, used, ok := naiveValue(n, win)
				if !ok || !naiveHolds(n.c.Condition, v) {
					continue
				}
				a := ralert{t: T, topo: ti, touch: i, title: n.doc.Meta.Title, group: occs[i].group, value: v, sup: n.suppressed}
				for _, u := range used {
					for _, r := range u.refs {
						if len(a.refs) < maxRefs {
							a.refs = append(a.refs, r)
						}
					}
					a.total += u.total
					a.last = u.last
				}
				res = append(res, a)
				reset = T
			}
		}
		slices.SortStableFunc(res, func(x, y ralert) int { return cmp.Or(cmp.Compare(x.t, y.t), cmp.Compare(x.touch, y.touch)) })
		results[n] = res
		out = append(out, res...)
	}
	slices.SortStableFunc(out, func(x, y ralert) int {
		return cmp.Or(cmp.Compare(x.t, y.t), cmp.Compare(x.topo, y.topo), cmp.Compare(x.touch, y.touch))
	})
	var s []string
	for _, a := range out {
		if !a.sup {
			s = append(s, renderRef(a.title, a.t, a.group, a.value, a.refs, a.total))
		}
	}
	return s
}

func naiveInner(n *node, ii int, a ralert, topo, ai int) rocc {
	inner := n.inputs[ii].node
	get := func(f string) (event.Value, bool) {
		for i, g := range inner.c.GroupBy {
			if g == f {
				return event.Of(a.group[i]), true
			}
		}
		return event.Value{}, false
	}
	o := rocc{t: a.t, class: 1, a: topo, b: ai, in: ii, ok: true, refs: a.refs, total: a.total, last: a.last}
	inp := n.inputs[ii]
	for _, f := range inp.groupFields {
		v, ok := get(f)
		if !ok {
			o.ok = false
			break
		}
		s, _ := v.Text()
		o.group = append(o.group, s)
	}
	if o.ok {
		o.key = groupKey(o.group)
	}
	var x extract
	n.value(&x, inp.valueFields, get, &Stats{})
	o.val, o.hasVal, o.num, o.hasNum = x.val, x.hasVal, x.num, x.hasNum
	return o
}

// naiveValue computes a window's value from scratch and the occurrences
// that contributed.
func naiveValue(n *node, win []rocc) (float64, []rocc, bool) {
	var used []rocc
	switch typ := n.c.Type; typ {
	case "event_count":
		for _, o := range win {
			if !o.dup {
				used = append(used, o)
			}
		}
		return float64(len(used)), used, true
	case "value_count":
		seen := map[string]bool{}
		for _, o := range win {
			if !o.dup && o.hasVal {
				seen[o.val] = true
				used = append(used, o)
			}
		}
		return float64(len(seen)), used, true
	case "temporal":
		seen := map[int]bool{}
		for _, o := range win {
			seen[o.in] = true
			if !o.dup {
				used = append(used, o)
			}
		}
		return float64(len(seen)), used, true
	case "temporal_ordered":
		// Brute force: the longest prefix of steps with some chain of
		// strictly increasing times, and the lexicographically first chain.
		for k := len(n.steps); k > 0; k-- {
			if c := firstChain(win, n.steps[:k], 0, math.MinInt64); c != nil {
				for _, i := range c {
					used = append(used, win[i])
				}
				return float64(k), used, true
			}
		}
		return 0, nil, true
	default:
		var xs []float64
		for _, o := range win {
			if !o.dup && o.hasNum {
				xs = append(xs, o.num)
				used = append(used, o)
			}
		}
		if len(xs) == 0 {
			return 0, nil, false
		}
		switch typ {
		case "value_sum", "value_avg":
			s := 0.0
			for _, x := range xs {
				s += x
			}
			if typ == "value_avg" {
				s /= float64(len(xs))
			}
			return s, used, true
		}
		sort.Float64s(xs)
		pos := n.c.Percentile / 100 * float64(len(xs)-1)
		lo, hi := int(math.Floor(pos)), int(math.Ceil(pos))
		return xs[lo] + (pos-float64(lo))*(xs[hi]-xs[lo]), used, true
	}
}

func firstChain(win []rocc, steps []int, from int, after int64) []int {
	if len(steps) == 0 {
		return []int{}
	}
	for i := from; i < len(win); i++ {
		if win[i].in == steps[0] && win[i].t > after {
			if rest := firstChain(win, steps[1:], i+1, win[i].t); rest != nil {
				return append([]int{i}, rest...)
			}
		}
	}
	return nil
}

func naiveHolds(cond map[string]float64, v float64) bool {
	ok := len(cond) > 0
	for op, b := range cond {
		ok = ok && map[string]bool{"gt": v > b, "gte": v >= b, "lt": v < b, "lte": v <= b, "eq": v == b, "neq": v != b}[op]
	}
	return ok
}

func renderRef(title string, t int64, group []string, v float64, refs []ref, total int) string {
	var rs []string
	for _, r := range refs {
		rs = append(rs, fmt.Sprintf("%s:%d", r.src.Path, r.src.Line))
	}
	return fmt.Sprintf("%s @%d %q %g [%s] %d", title, t, group, v, strings.Join(rs, " "), total)
}

func renderAlerts(n map[string]*node, as []Alert) []string {
	var s []string
	for _, a := range as {
		c := a.Correlation
		nd := n[a.Rule.Title]
		var g []string
		for _, k := range nd.c.GroupBy {
			g = append(g, c.Group[k])
		}
		var refs []ref
		for _, r := range c.Events {
			refs = append(refs, ref{src: alert.Source{Path: r.Path, Line: r.Line}})
		}
		end := mustTime(c.WindowEnd)
		s = append(s, renderRef(a.Rule.Title, end, g, c.Value, refs, c.EventsTotal))
	}
	return s
}

// ---- random rules and streams ----

const baseRules = `
title: A
id: 00000000-0000-4000-8000-00000000000a
name: ra
logsource: {product: test}
detection: {sel: {EventID: 1}, condition: sel}
---
title: B
id: 00000000-0000-4000-8000-00000000000b
name: rb
logsource: {product: test}
detection: {sel: {EventID: [1, 2]}, condition: sel}
---
title: C
id: 00000000-0000-4000-8000-00000000000c
name: rc
logsource: {product: test}
detection: {sel: {EventID: 3}, condition: sel}
`

var corrTypes = []string{"event_count", "value_count", "temporal", "temporal_ordered", "value_sum", "value_avg", "value_percentile", "value_median"}

func randCorrelations(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString(baseRules)
	nc := 1 + r.IntN(3)
	for i := 0; i < nc; i++ {
		typ := corrTypes[r.IntN(len(corrTypes))]
		names := []string{"ra", "rb", "rc"}
		r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		rules := names[:1+r.IntN(3)]
		if typ == "temporal_ordered" && r.IntN(4) == 0 {
			rules = append(rules, rules[0]) // a rule twice: a then … then a again
		}
		if i > 0 && r.IntN(3) == 0 {
			rules = append(rules, fmt.Sprintf("c%d", r.IntN(i))) // chain over an earlier correlation
		}
		fmt.Fprintf(&b, "---\ntitle: K%d\nname: c%d\nauthor: t\ncorrelation:\n  type: %s\n  rules: [%s]\n  timespan: %ds\n", i, i, typ, strings.Join(rules, ", "), 5+r.IntN(60))
		if r.IntN(3) == 0 {
			b.WriteString("  generate: true\n")
		}
		switch r.IntN(4) {
		case 0:
		case 1:
			b.WriteString("  group-by: [User]\n")
		case 2:
			b.WriteString("  group-by: [User, Host]\n")
		case 3:
			b.WriteString("  group-by: [who]\n  aliases:\n    who: {ra: User, rb: Other, rc: User}\n")
		}
		var cond []string
		bound := func() string {
			if sigma_isMetric(typ) {
				return fmt.Sprintf("%g", float64(r.IntN(100))/2)
			}
			return fmt.Sprint(r.IntN(5))
		}
		ops := []string{"gt", "gte", "lt", "lte", "eq", "neq"}
		op := ops[r.IntN(len(ops))]
		if r.IntN(2) == 0 {
			op = "gte"
		}
		cond = append(cond, op+": "+bound())
		if r.IntN(4) == 0 && op != "lte" {
			cond = append(cond, "lte: "+bound())
		}
		switch {
		case typ == "value_count":
			if r.IntN(3) == 0 {
				cond = append(cond, "field: [Name, Host]")
			} else {
				cond = append(cond, "field: Name")
			}
		case sigma_isMetric(typ):
			cond = append(cond, "field: Val")
			if typ == "value_percentile" {
				cond = append(cond, fmt.Sprintf("percentile: %d", r.IntN(101)))
			}
		}
		if strings.HasPrefix(typ, "temporal") && r.IntN(2) == 0 {
			continue // default condition: all rules
		}
		fmt.Fprintf(&b, "  condition: {%s}\n", strings.Join(cond, ", "))
	}
	return b.String()
}

func sigma_isMetric(t string) bool { return strings.HasPrefix(t, "value_") && t != "value_count" }

func randEvents(r *rand.Rand, n, span int) []event.Map {
	var out []event.Map
	for i := 0; i < n; i++ {
		m := event.Map{"EventID": 1 + r.IntN(4)}
		if r.IntN(20) != 0 {
			m["@timestamp"] = t0.Unix() + int64(r.IntN(span))
		}
		if r.IntN(20) != 0 {
			m["User"] = fmt.Sprintf("u%d", r.IntN(3))
		}
		m["Other"] = fmt.Sprintf("u%d", r.IntN(3))
		m["Host"] = fmt.Sprintf("h%d", r.IntN(2))
		m["Name"] = fmt.Sprintf("n%d", r.IntN(4))
		switch r.IntN(10) {
		case 0:
			m["Val"] = "x"
		case 1:
		default:
			m["Val"] = r.IntN(50)
		}
		out = append(out, m)
	}
	return out
}

type file struct {
	path string
	evs  []event.Map
}

func observeAll(h *harness, files []file) ([]Alert, []obs) {
	var as []Alert
	var os []obs
	for _, f := range files {
		for i, m := range f.evs {
			src := alert.Source{Path: f.path, Line: i + 1}
			h.set.Match(m, func(r *match.Rule) {
				os = append(os, obs{rule: r, ev: m, src: src})
				as = append(as, h.eng.Observe(r, m, src)...)
			})
		}
	}
	return append(as, h.eng.Flush()...), os
}

func TestPropertyBatchMatchesReference(t *testing.T) {
	iters := 400
	if testing.Short() {
		iters = 60
	}
	total, chained := 0, 0
	defer func() {
		t.Logf("%d alerts compared, %d from correlations over correlations", total, chained)
		if total < iters {
			t.Errorf("only %d alerts in %d iterations: the generator is too weak", total, iters)
		}
	}()
	for it := 0; it < iters; it++ {
		r := rand.New(rand.NewPCG(uint64(it), 7))
		yaml := randCorrelations(r)
		evs := randEvents(r, 20+r.IntN(150), 30+r.IntN(300))
		nf := 1 + r.IntN(4)
		files := make([]file, nf)
		for i := range files {
			files[i].path = fmt.Sprintf("f%d.jsonl", i)
		}
		for _, m := range evs {
			f := r.IntN(nf)
			files[f].evs = append(files[f].evs, m)
		}
		maxRefs := 1 + r.IntN(8)
		var first []string
		for perm := 0; perm < 3; perm++ {
			h := load(t, yaml, Options{Lateness: Unbounded, MaxKeys: -1, MaxEventRefs: maxRefs})
			order := slices.Clone(files)
			r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			as, os := observeAll(h, order)
			byTitle := map[string]*node{}
			for _, n := range h.eng.nodes {
				byTitle[n.doc.Meta.Title] = n
			}
			got := renderAlerts(byTitle, as)
			want := reference(h, os, maxRefs)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("iteration %d perm %d: engine differs from reference\nrules:\n%s\ngot:\n%s\nwant:\n%s", it, perm, yaml,
					strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if perm == 0 {
				total += len(got)
				for _, a := range as {
					for _, x := range a.Correlation.Rules {
						if strings.HasPrefix(x, "c") {
							chained++
							break
						}
					}
				}
				first = got
			} else if strings.Join(got, "\n") != strings.Join(first, "\n") {
				t.Fatalf("iteration %d: file order changed the alerts", it)
			}
		}
	}
}

// Streaming: events arrive roughly in time order (each at most `late`
// behind the newest); with that lateness bound nothing is dropped and the
// alerts equal the batch reference, emitted before Flush where possible.
func TestPropertyStreamMatchesReference(t *testing.T) {
	iters := 300
	if testing.Short() {
		iters = 40
	}
	for it := 0; it < iters; it++ {
		r := rand.New(rand.NewPCG(uint64(it), 11))
		yaml := randCorrelations(r)
		evs := randEvents(r, 20+r.IntN(200), 60+r.IntN(600))
		late := int64(r.IntN(20))
		// sort by time with bounded disorder
		key := func(m event.Map) int64 {
			if v, ok := m["@timestamp"].(int64); ok {
				return v
			}
			return 0
		}
		arrive := map[*event.Map]int64{}
		for i := range evs {
			arrive[&evs[i]] = key(evs[i]) + r.Int64N(late+1)
		}
		idx := make([]int, len(evs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(arrive[&evs[a]], arrive[&evs[b]]) })
		sorted := make([]event.Map, len(evs))
		for i, j := range idx {
			sorted[i] = evs[j]
		}
		evs = sorted
		h := load(t, yaml, Options{Lateness: timeSeconds(late), MaxKeys: -1, MaxEventRefs: 5})
		as, os := observeAll(h, []file{{"-", evs}})
		if st := h.eng.Stats(); st.Late != 0 {
			t.Fatalf("iteration %d: %d late with lateness %ds", it, st.Late, late)
		}
		byTitle := map[string]*node{}
		for _, n := range h.eng.nodes {
			byTitle[n.doc.Meta.Title] = n
		}
		got := renderAlerts(byTitle, as)
		want := reference(h, os, 5)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("iteration %d: engine differs from reference\nrules:\n%s\ngot:\n%s\nwant:\n%s", it, yaml,
				strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func mustTime(s string) int64 {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UnixNano()
}

func timeSeconds(s int64) time.Duration { return time.Duration(s) * time.Second }
