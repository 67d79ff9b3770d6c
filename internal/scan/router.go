package scan

import (
	"slices"
	"strings"
	"sync"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
)

// route is one way a rule can see events: through a pipeline entry, or
// (entry nil) unconditionally.
type route struct {
	rule  int
	entry *logsource.Entry
	alias *aliases // non-nil when the entry renames fields
}

// Router hands each event only to the rules that may see it. Entries that
// pin both Channel and EventID are indexed by that pair, so an event meets
// a handful of rules instead of all of them. A Router is not safe for
// concurrent use: give each worker its own with Clone. Clones share the
// rules, the routes, the plans and their automata (read-only once built,
// cached under a lock); each keeps only its per-event scratch state.
type Router struct {
	*routerCore
	seen  []uint32
	gen   uint32
	local map[planKey]*plan // this worker's view of the shared plan cache
	last  *plan             // the plan of the previous event
	pf    pfState
	view  aliased // the event under a route's renames, reused per route
	rm    ruleMemos
}

// routerCore is what clones of a Router share.
type routerCore struct {
	Rules   []*match.Rule
	byKey   map[string][]route
	general []route               // entries without a Channel+EventID pair to index on
	always  []route               // unmapped rules: every event of their product or of an unknown one
	ls      []logsource.Logsource // per rule
	mapping *logsource.Mapping

	mu    sync.Mutex // guards what follows: the shared plan cache
	plans map[planKey]*plan
	// prefilters holds, by the routes they were built for (routesKey), the
	// plans whose prefilter later plans with the same routes share: most
	// Channel/EventID keys have no rules of their own, only the general
	// ones (on the bench events, 250 plans have 26 distinct route lists).
	prefilters map[string]*plan
	acs        map[string]*acMatcher
	anch       []ruleAnchors
	inputs     [][]string // per rule: what its answer depends on (ruleInputs)
	memos      int32      // planField.memo numbers given out
}

type ruleAnchors struct {
	done, ok bool
	clauses  [][]match.Anchor
}

// anchors returns rule i's anchor clauses, computed once (called with mu
// held).
func (c *routerCore) anchors(i int) ([][]match.Anchor, bool) {
	a := &c.anch[i]
	if !a.done {
		a.clauses, a.ok = c.Rules[i].AnchorClauses()
		a.done = true
	}
	return a.clauses, a.ok
}

// NewRouter indexes the plan's active rules through the mapping.
func NewRouter(p Plan, m *logsource.Mapping) *Router {
	c := &routerCore{Rules: p.Active, byKey: map[string][]route{},
		ls: make([]logsource.Logsource, len(p.Active)), mapping: m,
		plans: map[planKey]*plan{}, prefilters: map[string]*plan{}, acs: map[string]*acMatcher{}, anch: make([]ruleAnchors, len(p.Active)), inputs: ruleInputs(p.Active)}
	byEntry := map[*logsource.Entry]*aliases{}
	for i, rule := range p.Active {
		c.ls[i] = ruleLogsource(rule)
		entries := m.Routes(ruleLogsource(rule))
		if entries == nil {
			c.always = append(c.always, route{rule: i})
			continue
		}
		for _, e := range entries {
			rt := route{rule: i, entry: e}
			if len(e.Fields) > 0 {
				if byEntry[e] == nil {
					byEntry[e] = &aliases{fields: e.Fields}
				}
				rt.alias = byEntry[e]
			}
			channels, okC := e.Values("Channel")
			ids, okI := e.Values("EventID")
			if !okC || !okI || contains(channels, "*") {
				c.general = append(c.general, rt)
				continue
			}
			for _, ch := range channels {
				for _, id := range ids {
					k := key(ch, id)
					c.byKey[k] = append(c.byKey[k], rt)
				}
			}
		}
	}
	return c.router()
}

func (c *routerCore) router() *Router {
	return &Router{routerCore: c, seen: make([]uint32, len(c.Rules)), local: map[planKey]*plan{}}
}

// Clone returns a Router over the same rules, mapping and plans with its
// own per-event state, for another goroutine.
func (r *Router) Clone() *Router { return r.routerCore.router() }

func key(channel, id string) string { return strings.ToLower(channel) + "\x00" + id }

// Match calls fn once for every rule that ev triggers, in the order
// MatchReference would. It reports whether a pipeline recognised the
// event's product: when none did (JSON from a source vigil does not know),
// every rule was evaluated on it (runAll), and the scan summary says so. Match takes the fast path (plan.go): routes planned per
// Channel/EventID/product and rules prefiltered by their anchors.
func (r *Router) Match(ev event.Event, fn func(*match.Rule)) (known bool) {
	return r.MatchRenamed(ev, func(rule *match.Rule, _ map[string]string) { fn(rule) })
}

// MatchRenamed is Match, also passing the field renames of the route through
// which each rule matched (nil when none), so a consumer can see the event
// with the field names the rule saw (correlation group-by fields).
func (r *Router) MatchRenamed(ev event.Event, fn func(rule *match.Rule, renames map[string]string)) (known bool) {
	r.next()
	product := r.mapping.Product(ev)
	p := r.plan(ev, product)
	st := &r.pf
	st.prefilter(p, ev)
	sortRoutes(st.cands)
	cands, always := st.cands, p.always
	for len(cands) > 0 || len(always) > 0 {
		// The candidates and the always-evaluated routes, merged in plan
		// order (the reference path's order).
		var i int32
		if len(always) == 0 || (len(cands) > 0 && cands[0] < always[0]) {
			i, cands = cands[0], cands[1:]
		} else {
			i, always = always[0], always[1:]
		}
		pr := &p.routes[i]
		if r.seen[pr.rule] == r.gen || (pr.residual != nil && !pr.residual.Matches(ev)) {
			continue
		}
		target := ev
		var renames map[string]string
		if pr.alias != nil {
			r.view = aliased{ev: ev, fields: pr.alias.fields}
			target, renames = &r.view, pr.alias.fields
		}
		if r.match(pr.rule, target) {
			r.seen[pr.rule] = r.gen
			fn(r.Rules[pr.rule], renames)
		}
	}
	if product == nil {
		r.runAll(ev, func(rule *match.Rule) { fn(rule, nil) })
	}
	return product != nil
}

// sortRoutes sorts the few candidate routes of an event in place.
func sortRoutes(a []int32) {
	if len(a) > 32 {
		slices.Sort(a)
		return
	}
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// runAll evaluates every rule not yet matched, in load order, on an event
// no pipeline recognises: vigil cannot tell which log source it belongs to,
// so, as the Sigma specification does without a pipeline, every rule may
// apply (a rule for windows/process_creation meets a JSON event that has an
// Image and a CommandLine but no Channel). Events a pipeline does recognise
// only meet the rules their routes select.
func (r *Router) runAll(ev event.Event, fn func(*match.Rule)) {
	for i, rule := range r.Rules {
		if r.seen[i] != r.gen && rule.Match(ev) {
			r.seen[i] = r.gen
			fn(rule)
		}
	}
}

func (r *Router) next() {
	r.gen++
	if r.gen == 0 { // wrapped: reset so stale stamps cannot collide
		clear(r.seen)
		r.gen = 1
	}
}

// MatchReference is the plain evaluation Match must agree with: the
// Channel/EventID index, every general route's conditions and every rule
// routed to the event evaluated in full, without plans or prefilter. The
// differential tests compare the two.
func (r *Router) MatchReference(ev event.Event, fn func(*match.Rule)) (known bool) {
	r.next()
	if len(r.byKey) > 0 {
		ch, okC := text(ev, "Channel")
		id, okI := text(ev, "EventID")
		if okC && okI {
			r.run(r.byKey[key(ch, id)], ev, fn)
		}
	}
	r.run(r.general, ev, fn)
	product := r.mapping.Product(ev)
	if len(r.always) > 0 {
		r.runUnmapped(ev, product, fn)
	}
	if product == nil {
		r.runAll(ev, fn)
	}
	return product != nil
}

// runUnmapped evaluates rules no pipeline maps. The specification evaluates
// such a rule against every event; vigil narrows that only where it knows
// better: an event a pipeline positively recognises as one product's (a
// Windows event log record) is not the input of a rule written for another
// product (zeek) or for a category that product does not log (proxy,
// database). Events of unknown origin still meet every unmapped rule.
func (r *Router) runUnmapped(ev event.Event, product *logsource.ProductRule, fn func(*match.Rule)) {
	for _, rt := range r.always {
		if product != nil && !product.Admits(r.ls[rt.rule]) {
			continue
		}
		if r.seen[rt.rule] != r.gen && r.Rules[rt.rule].Match(ev) {
			r.seen[rt.rule] = r.gen
			fn(r.Rules[rt.rule])
		}
	}
}

// run evaluates the routes whose entry accepts ev.
func (r *Router) run(routes []route, ev event.Event, fn func(*match.Rule)) {
	for _, rt := range routes {
		if r.seen[rt.rule] == r.gen || (rt.entry != nil && !rt.entry.Matches(ev)) {
			continue
		}
		target := ev
		if rt.alias != nil {
			r.view = aliased{ev: ev, fields: rt.alias.fields}
			target = &r.view
		}
		if r.Rules[rt.rule].Match(target) {
			r.seen[rt.rule] = r.gen
			fn(r.Rules[rt.rule])
		}
	}
}

func text(ev event.Event, field string) (string, bool) {
	v, ok := ev.Get(field)
	if !ok {
		return "", false
	}
	return v.Text()
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
