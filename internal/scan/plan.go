package scan

import (
	"strings"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
)

// The fast path of Router.Match. Which routes can see an event depends on
// little more than its Channel, its EventID and the product a pipeline
// recognises, so the routes for each such key are worked out once, in the
// order the reference path would visit them, and kept as a plan. A plan also
// holds the prefilter (prefilter_build.go): the anchor clauses of its rules
// (match.Rule.AnchorClauses) seen through each route's field renames, as
// Aho-Corasick automata per event field. Per event the router scans the
// fields the plan names (prefilter_scan.go), marks the clauses whose anchors
// occur, and evaluates only the routes with every clause marked (and the
// routes whose rules have no anchors). Nothing here allocates per event
// once the event's key has been seen.

// maxPlans bounds the plan cache; past it the cache starts over.
const maxPlans = 4096

// textState says how a routing field is present in an event.
const (
	fieldMissing uint8 = iota
	fieldText          // a scalar, compared by its text
	fieldOther         // present, but an array or object
)

type planKey struct {
	chState, idState uint8
	ch, id           string
	prod             *logsource.ProductRule
}

type planRoute struct {
	route
	residual *logsource.Entry // entry conditions still to check per event; nil: none
	always   bool             // the rule has no anchors: evaluate without prefilter
	shared   bool             // a general or unmapped route (not from the Channel/EventID bucket)
}

// planField is one event field the prefilter scans, with its automata: one
// for the routes of the Channel/EventID bucket, one for the general and
// unmapped routes. The second is the same for every EventID of a channel,
// so plans share it (Router.ac) instead of each building its own.
type planField struct {
	name string
	acs  []fieldAC
	// affix holds the automata of needles that must begin or end the
	// value (startswith, endswith and equals patterns): walked from that
	// end of the value only (affix.go).
	affix  []fieldAC
	nums   []fieldNum
	minLen int // the shortest needle of acs: shorter text holds none
	// keywords: an automaton of acs also holds the keyword needles, so
	// the keyword scan can pass over this field (see mergeKeywords).
	keywords bool
	memo     int32 // 1 + the index of this field's memo in a worker's memoState; 0: none
}

// fieldNum is the numeric anchors (match.Anchor.Number) of a field: its
// canonical integer texts, matched against the whole value. A value that is
// not canonical integer text marks every one of them (it may still equal
// them numerically).
type fieldNum struct {
	index map[string]int32 // canonical text → needle, relative to base
	base  int32
	n     int32
}

type fieldAC struct {
	ac   *acMatcher
	base int32 // the plan's number of the automaton's first needle (plan.nrStart)
	at   match.Position
}

type plan struct {
	key     planKey // its own copy of the key's texts
	routes  []planRoute
	fields  []planField
	byField map[string]int32 // event field → fields index (keyword automaton excluded)
	kw      int32            // index of the keyword automaton in fields, or -1
	nrStart []int32          // needle i's entries are nrList[nrStart[i]:nrStart[i+1]]
	nrList  []int32
	need    []uint8 // per route: one bit per anchor clause, all to be seen
	always  []int32 // routes evaluated without prefilter, in order
	table   fieldTable
}

func keyOf(ev event.Event, prod *logsource.ProductRule) planKey {
	k := planKey{prod: prod}
	if f, ok := ev.(*event.Flat); ok {
		// one pass for both (the last of duplicates wins, as with Get)
		var ch, id *event.Value
		for i := range f.Fields {
			switch f.Fields[i].Key {
			case "Channel":
				ch = &f.Fields[i].Val
			case "EventID":
				id = &f.Fields[i].Val
			}
		}
		k.chState, k.ch = routingState(ch)
		k.idState, k.id = routingState(id)
		return k
	}
	k.chState, k.ch = routingText(ev, "Channel")
	k.idState, k.id = routingText(ev, "EventID")
	return k
}

func routingText(ev event.Event, field string) (uint8, string) {
	v, ok := ev.Get(field)
	if !ok {
		return fieldMissing, ""
	}
	return routingState(&v)
}

// routingState says how a routing field's value v (nil: missing) keys a plan.
func routingState(v *event.Value) (uint8, string) {
	if v == nil {
		return fieldMissing, ""
	}
	if s, ok := v.Text(); ok {
		return fieldText, s
	}
	return fieldOther, ""
}

// plan returns the plan for ev's key: from this worker's cache, else from
// the shared one, building it there on first sight.
func (r *Router) plan(ev event.Event, prod *logsource.ProductRule) *plan {
	k := keyOf(ev, prod)
	if p := r.last; p != nil && p.key == k { // events of a kind come in runs (held.go)
		return p
	}
	if p, ok := r.local[k]; ok {
		r.last = p
		return p
	}
	if len(r.local) >= maxPlans {
		clear(r.local)
	}
	k.ch, k.id = strings.Clone(k.ch), strings.Clone(k.id)
	c := r.routerCore
	c.mu.Lock()
	p, ok := c.plans[k]
	if !ok {
		if len(c.plans) >= maxPlans {
			clear(c.plans) // plans in use stay valid: they never change
			clear(c.prefilters)
		}
		p = c.buildPlan(k)
		p.key = k
		c.plans[k] = p
	}
	c.mu.Unlock()
	r.local[k] = p
	r.last = p
	return p
}

// buildPlan lists the routes the reference path would try for an event with
// key k, in its order, keeping only those whose Channel and EventID
// conditions k satisfies; their other conditions stay to be checked.
func (r *routerCore) buildPlan(k planKey) *plan {
	p := &plan{byField: map[string]int32{}, kw: -1}
	addRoutes := func(routes []route, shared bool) {
		for _, rt := range routes {
			residual, ok := staticConditions(rt.entry, k)
			if !ok {
				continue
			}
			p.routes = append(p.routes, planRoute{route: rt, residual: residual, shared: shared})
		}
	}
	if len(r.byKey) > 0 && k.chState == fieldText && k.idState == fieldText {
		addRoutes(r.byKey[key(k.ch, k.id)], false)
	}
	addRoutes(r.general, true)
	for _, rt := range r.always {
		if k.prod != nil && !k.prod.Admits(r.ls[rt.rule]) {
			continue
		}
		p.routes = append(p.routes, planRoute{route: rt, shared: true})
	}
	key := routesKey(p.routes)
	if q, ok := r.prefilters[key]; ok {
		p.sharePrefilter(q)
		return p
	}
	r.buildPrefilter(p)
	for i := range p.fields {
		// A jumping scan reads a fraction of a value's bytes; a memo
		// lookup hashes and compares them all (memo.go).
		if !p.fields[i].jumps() {
			r.memos++
			p.fields[i].memo = r.memos
		}
	}
	r.prefilters[key] = p
	return p
}

// staticConditions decides an entry's Channel and EventID conditions from
// the key and returns the rest (nil when none is left); ok is false when
// the entry cannot accept an event with this key.
func staticConditions(e *logsource.Entry, k planKey) (*logsource.Entry, bool) {
	if e == nil {
		return nil, true
	}
	var rest []logsource.Condition
	for _, c := range e.Conditions {
		var state uint8
		var text string
		switch c.Field {
		case "Channel":
			state, text = k.chState, k.ch
		case "EventID":
			state, text = k.idState, k.id
		default:
			rest = append(rest, c)
			continue
		}
		if state == fieldMissing {
			return nil, false
		}
		if len(c.Values) == 1 && c.Values[0] == "*" {
			continue
		}
		if state != fieldText || !anyEqualFold(c.Values, text) {
			return nil, false
		}
	}
	if len(rest) == 0 {
		return nil, true
	}
	return &logsource.Entry{Conditions: rest}, true
}

func anyEqualFold(vals []string, s string) bool {
	for _, v := range vals {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// jumps reports whether every automaton of f is a jumping scan (acMatcher.wm:
// long needles only), which passes over most bytes of a value unread.
func (f *planField) jumps() bool {
	if len(f.affix) > 0 || len(f.acs) == 0 {
		return false
	}
	for _, fa := range f.acs {
		if !fa.ac.wm {
			return false
		}
	}
	return true
}
