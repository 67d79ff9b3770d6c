package scan

import (
	"strings"
	"unsafe"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
)

// The fast path of Router.Match. Which routes can see an event depends on
// little more than its Channel, its EventID and the product a pipeline
// recognises, so the routes for each such key are worked out once, in the
// order the reference path would visit them, and kept as a plan. A plan also
// holds the prefilter: the anchors of its rules (match.Rule.Anchors) seen
// through each route's field renames, one Aho-Corasick automaton per event
// field. Per event the router scans the fields the plan names, marks the
// routes whose anchors occur, and evaluates only those (and the routes
// whose rules have no anchors). Nothing here allocates per event once the
// event's key has been seen.

// maxNeedle bounds the length of the needles the automata search for: a
// longer anchor is searched by its last maxNeedle bytes, which occur
// wherever the whole anchor does (folded text is compared byte by byte),
// and which for paths are the distinctive part (a file name rather than
// \Windows\System32).
// Long needles (file hashes, long command lines) would otherwise make most
// of the automata's states for no gain in selectivity.
const maxNeedle = 16

// window returns the part of a long needle the automata search for: its
// last maxNeedle bytes, or its first when those are all hex digits (a
// file hash after "SHA256="): hash text pairs every hex digit with every
// other, so a window that starts inside a hash starts everywhere, while
// "SHA256=" starts in few places.
func window(n string) string {
	tail := n[len(n)-maxNeedle:]
	for i := 0; i < len(tail); i++ {
		if !isHex(tail[i]) {
			return tail
		}
	}
	if head := n[:maxNeedle]; !isHex(head[0]) || !isHex(head[1]) {
		return head
	}
	return tail
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

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
	need     uint8            // one bit per anchor clause: all must be seen
}

// planField is one event field the prefilter scans, with its automata: one
// for the routes of the Channel/EventID bucket, one for the general and
// unmapped routes. The second is the same for every EventID of a channel,
// so plans share it (Router.ac) instead of each building its own.
type planField struct {
	name   string
	acs    []fieldAC
	nums   []fieldNum
	minLen int // the shortest needle of acs: shorter text holds none
	// keywords: an automaton of acs also holds the keyword needles, so
	// the keyword scan can pass over this field (see mergeKeywords).
	keywords bool
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
	base int32 // index of the automaton's first needle in plan.needleRoutes
}

type plan struct {
	routes       []planRoute
	fields       []planField
	byField      map[string]int32 // event field → fields index (keyword automaton excluded)
	kw           int32            // index of the keyword automaton in fields, or -1
	needleRoutes [][]int32        // per needle: route<<2 | clause, the route clauses it satisfies (until flatten)
	nrStart      []int32          // needle i's entries are nrList[nrStart[i]:nrStart[i+1]]
	nrList       []int32
	need         []uint8 // per route: planRoute.need, kept apart for the scan's cache
	always       []int32 // routes evaluated without prefilter, in order
	table        fieldTable
}

// pfState is one worker's prefilter scratch, used with any plan: stamp
// (per route), needleStamp (per needle) and fieldStamp (per field) hold the
// number of the event that last marked them, so nothing is cleared between
// events.
// routeSeen is the anchor clauses of a route seen in event gen.
type routeSeen struct {
	gen  uint32
	have uint8
}

type pfState struct {
	p           *plan
	seen        []routeSeen // per route
	needleStamp []uint32
	fieldStamp  []uint32
	covered     []uint32 // per field of a flat event: gen when its automaton held the keyword needles
	gen         uint32
	buf         []byte
	cands       []int32 // routes whose clauses were all seen, in discovery order
}

func keyOf(ev event.Event, prod *logsource.ProductRule) planKey {
	k := planKey{prod: prod}
	k.chState, k.ch = routingText(ev, "Channel")
	k.idState, k.id = routingText(ev, "EventID")
	return k
}

func routingText(ev event.Event, field string) (uint8, string) {
	v, ok := ev.Get(field)
	if !ok {
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
	if p, ok := r.local[k]; ok {
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
		}
		p = c.buildPlan(k)
		c.plans[k] = p
	}
	c.mu.Unlock()
	r.local[k] = p
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
	r.buildPrefilter(p)
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

// buildPrefilter gathers the anchors of the plan's routes by event field
// (after the route's renames) and builds one automaton per field.
func (r *routerCore) buildPrefilter(p *plan) {
	byField := map[fkey]*fieldNeedles{}
	var order []fkey
	for i := range p.routes {
		pr := &p.routes[i]
		clauses, ok := r.anchors(pr.rule)
		if !ok {
			pr.always = true
			continue
		}
		pr.need = uint8(1)<<len(clauses) - 1
		for ci, clause := range clauses {
			for _, a := range clause {
				f := fkey{a.Keyword, pr.shared, a.Number, a.Field}
				if !a.Keyword && pr.alias != nil {
					if to, ok := pr.alias.fields[f.field]; ok {
						f.field = to
					}
				}
				fn := byField[f]
				if fn == nil {
					fn = &fieldNeedles{index: map[string]int32{}}
					byField[f] = fn
					order = append(order, f)
				}
				needle := a.Needle
				if !a.Number && len(needle) > maxNeedle {
					needle = window(needle)
				}
				id := fn.add(needle)
				e := int32(i)<<2 | int32(ci)
				if rs := fn.routes[id]; len(rs) == 0 || rs[len(rs)-1] != e {
					fn.routes[id] = append(rs, e)
				}
			}
		}
	}
	merged := mergeKeywords(byField, order)
	for _, f := range order {
		fn := byField[f]
		var m *acMatcher
		if !f.num {
			m = r.ac(fn.needles)
		}
		if !f.num && m == nil { // too many distinct bytes: give up prefiltering these routes
			for _, rs := range fn.routes {
				for _, e := range rs {
					p.routes[e>>2].always = true
				}
			}
			continue
		}
		var fi int32
		if f.kw && p.kw >= 0 {
			fi = p.kw
		} else if x, ok := p.byField[f.field]; ok && !f.kw {
			fi = x
		} else {
			fi = int32(len(p.fields))
			p.fields = append(p.fields, planField{name: f.field})
			if f.kw {
				p.kw = fi
			} else {
				p.byField[f.field] = fi
			}
		}
		if f.num {
			p.fields[fi].nums = append(p.fields[fi].nums, fieldNum{index: fn.index, base: int32(len(p.needleRoutes)), n: int32(len(fn.needles))})
		} else {
			pf := &p.fields[fi]
			if len(pf.acs) == 0 || m.minLen < pf.minLen {
				pf.minLen = m.minLen
			}
			pf.keywords = pf.keywords || merged[f]
			pf.acs = append(pf.acs, fieldAC{ac: m, base: int32(len(p.needleRoutes))})
		}
		p.needleRoutes = append(p.needleRoutes, fn.routes...)
	}
	for i := range p.routes {
		if p.routes[i].always {
			p.always = append(p.always, int32(i))
		}
	}
	p.flatten()
	p.buildTable()
}

// flatten packs needleRoutes into one list, the layout markNeedle reads.
func (p *plan) flatten() {
	p.nrStart = make([]int32, len(p.needleRoutes)+1)
	for i, rs := range p.needleRoutes {
		p.nrStart[i] = int32(len(p.nrList))
		p.nrList = append(p.nrList, rs...)
	}
	p.nrStart[len(p.needleRoutes)] = int32(len(p.nrList))
	p.need = make([]uint8, len(p.routes))
	for i := range p.routes {
		p.need[i] = p.routes[i].need
	}
	p.needleRoutes = nil
}

// ac returns the automaton for needles, shared by every plan with the same
// needle list (the Security channel's many EventIDs share most rules).
func (r *routerCore) ac(needles []string) *acMatcher {
	k := strings.Join(needles, "\x00")
	if m, ok := r.acs[k]; ok {
		return m
	}
	m := newAC(needles)
	r.acs[k] = m
	return m
}

// prefilter marks the routes of p whose anchors occur in ev.
func (st *pfState) prefilter(p *plan, ev event.Event) {
	st.gen++
	if st.gen == 0 {
		clear(st.seen)
		clear(st.needleStamp)
		clear(st.fieldStamp)
		clear(st.covered)
		st.gen = 1
	}
	st.p = p
	st.cands = st.cands[:0]
	if len(st.seen) < len(p.routes) {
		st.seen = append(st.seen, make([]routeSeen, len(p.routes)-len(st.seen))...)
	}
	st.needleStamp = grow(st.needleStamp, len(p.nrStart)-1)
	st.fieldStamp = grow(st.fieldStamp, len(p.fields))
	if len(p.fields) == 0 {
		return
	}
	if f, ok := ev.(*event.Flat); ok && len(f.Fields) < 2*len(p.fields) {
		// Walk the event's own fields, last first (the last duplicate wins).
		for i := len(f.Fields) - 1; i >= 0; i-- {
			fi := p.lookup(f.Fields[i].Key)
			if fi < 0 || st.fieldStamp[fi] == st.gen {
				continue
			}
			st.fieldStamp[fi] = st.gen
			st.scanValue(&p.fields[fi], f.Fields[i].Val)
			if p.fields[fi].keywords {
				st.covered = grow(st.covered, i+1)
				st.covered[i] = st.gen
			}
		}
		st.keywords(ev)
		return
	}
	for i := range p.fields {
		if int32(i) == p.kw {
			continue
		}
		if v, ok := ev.Get(p.fields[i].name); ok {
			st.scanValue(&p.fields[i], v)
		}
	}
	st.keywords(ev)
}

// grow returns s with at least n elements; new ones are zero, which no
// event's gen equals.
func grow(s []uint32, n int) []uint32 {
	if len(s) >= n {
		return s
	}
	return append(s, make([]uint32, n-len(s))...)
}

// keywords scans every string value of the event for keyword anchors, as
// keyword searches see them (Walk, strings only). Of a flat event's
// duplicate keys Walk sees only the last; scanning the others too can only
// make a rule a candidate that evaluation then rejects, and spares a
// search for later duplicates of every field.
func (st *pfState) keywords(ev event.Event) {
	p := st.p
	if p.kw < 0 {
		return
	}
	pf := &p.fields[p.kw]
	if f, ok := ev.(*event.Flat); ok {
		for i := range f.Fields {
			if i < len(st.covered) && st.covered[i] == st.gen {
				continue // scanned for the keyword needles with its own anchors
			}
			switch v := f.Fields[i].Val; v.Kind() {
			case event.String:
				s, _ := v.Str()
				st.scanText(pf, s) // keyword anchors are never numbers
			case event.Array:
				st.scanStrings(pf, v)
			}
		}
		return
	}
	ev.Walk(func(v event.Value) bool {
		if v.Kind() == event.String {
			st.scanValue(pf, v)
		}
		return true
	})
}

func (st *pfState) scanValue(pf *planField, v event.Value) {
	switch v.Kind() {
	case event.Array:
		for i := 0; i < v.Len(); i++ {
			st.scanValue(pf, v.Index(i))
		}
		return
	case event.Object:
		return
	}
	s, ok := v.Text()
	if !ok {
		return
	}
	for k := range pf.nums {
		st.scanNum(&pf.nums[k], s)
	}
	st.scanText(pf, s)
}

// scanText runs pf's automata over the text s.
func (st *pfState) scanText(pf *planField, s string) {
	if len(pf.acs) == 0 {
		return
	}
	if !isASCII(s) {
		st.buf = foldInto(st.buf[:0], s)
		s = bstring(st.buf)
	}
	if len(s) < pf.minLen { // most values are shorter than the keyword needles
		return
	}
	for k := range pf.acs {
		st.scanAC(&pf.acs[k], s)
	}
}

// scanWM is scanAC for automata whose needles are all long (acMatcher.wm).
func (st *pfState) scanWM(fa *fieldAC, s string) {
	m := fa.ac
	l, nc := m.minLen, int(m.nclass)
	class, shift := &m.class, m.shift
	for end := l - 1; end < len(s); {
		if sh := shift[int(class[s[end-1]])*nc+int(class[s[end]])]; sh != 0 {
			end += int(sh)
			continue
		}
		// Walk the trie from the window's start; the walk also reports
		// needles that end on the way (all of them occur).
		q := int32(0)
		for i, d := end-l+1, uint8(1); i < len(s); i, d = i+1, d+1 {
			e := m.next[q+int32(class[s[i]])]
			q = e >> 2
			if m.depth[q/int32(nc)] != d {
				break
			}
			if e&1 != 0 {
				st.hits(fa, m.out[q/int32(nc)], s, i+1)
			}
		}
		end++
	}
}

func (st *pfState) scanAC(fa *fieldAC, s string) {
	m := fa.ac
	if len(s) == 0 {
		return
	}
	if m.wm {
		st.scanWM(fa, s)
		return
	}
	// The table holds only valid row offsets plus classes (newAC), so the
	// loads need no bounds checks.
	next := unsafe.Pointer(unsafe.SliceData(m.next))
	class := &m.class
	q := int32(0)
	pairs := m.pairs
	for i := 0; i < len(s); i++ {
		if q == 0 {
			// Step over positions where no needle can begin.
			c0 := uint32(class[s[i]]) << 8
			for i+1 < len(s) {
				x := c0 | uint32(class[s[i+1]])
				if pairs[x>>6]&(1<<(x&63)) != 0 {
					break
				}
				c0 = (x & 0xff) << 8
				i++
			}
			if i+1 == len(s) && !m.start[s[i]] {
				return
			}
		}
		e := *(*int32)(unsafe.Add(next, uintptr(q+int32(class[s[i]]))*4))
		q = e >> 2
		if e&1 != 0 {
			st.hits(fa, m.out[q/int32(m.nclass)], s, i+1)
		}
		if e&2 != 0 && i+1 < len(s) {
			// One byte into a needle: unless the next byte continues one
			// that begins here, no needle is under way and the root's skip
			// can resume at the next byte.
			x := uint32(class[s[i]])<<8 | uint32(class[s[i+1]])
			if pairs[x>>6]&(1<<(x&63)) == 0 {
				q = 0
			}
		}
	}
}

// scanNum marks the numeric needle equal to s, or all of them when s is
// not canonical integer text.
func (st *pfState) scanNum(fn *fieldNum, s string) {
	if match.CanonicalInt(s) {
		if id, ok := fn.index[s]; ok {
			st.markNeedle(fn.base + id)
		}
		return
	}
	for id := fn.base; id < fn.base+fn.n; id++ {
		st.markNeedle(id)
	}
}

func (st *pfState) markNeedle(id int32) {
	if st.needleStamp[id] == st.gen {
		return
	}
	st.needleStamp[id] = st.gen
	p := st.p
	for _, e := range p.nrList[p.nrStart[id]:p.nrStart[id+1]] {
		ri, bit := e>>2, uint8(1)<<(e&3)
		r := &st.seen[ri]
		if r.gen != st.gen {
			r.gen, r.have = st.gen, 0
		}
		if h := r.have; h|bit != h {
			h |= bit
			r.have = h
			if h == p.need[ri] {
				st.cands = append(st.cands, ri)
			}
		}
	}
}

// scanStrings scans the strings of v (the elements of an array) as Walk
// would present them to a keyword search.
func (st *pfState) scanStrings(pf *planField, v event.Value) {
	if v.Kind() == event.Array {
		for i := 0; i < v.Len(); i++ {
			st.scanStrings(pf, v.Index(i))
		}
		return
	}
	if v.Kind() == event.String {
		st.scanValue(pf, v)
	}
}

// fieldTable finds a plan's fields by name faster than a map for the short
// keys of event fields: open addressing on length and three bytes.
type fieldTable struct {
	slots []int32 // index into plan.fields + 1; 0 is empty
	shift uint32
}

func fieldHash(k string) uint32 {
	n := uint32(len(k))
	if n == 0 {
		return 0
	}
	h := n*0x9E3779B1 ^ uint32(k[0]) ^ uint32(k[n-1])<<8 ^ uint32(k[n/2])<<16
	return h * 0x85EBCA6B
}

func (p *plan) buildTable() {
	size := 16
	for size < 4*len(p.fields) {
		size *= 2
	}
	t := fieldTable{slots: make([]int32, size), shift: 32}
	for s := size; s > 1; s >>= 1 {
		t.shift--
	}
	for i := range p.fields {
		if int32(i) == p.kw {
			continue
		}
		j := fieldHash(p.fields[i].name) >> t.shift
		for t.slots[j] != 0 {
			j = (j + 1) & uint32(size-1)
		}
		t.slots[j] = int32(i) + 1
	}
	p.table = t
}

// lookup returns the index of field k in p.fields, or -1.
func (p *plan) lookup(k string) int32 {
	t := &p.table
	mask := uint32(len(t.slots) - 1)
	for j := fieldHash(k) >> t.shift; ; j = (j + 1) & mask {
		x := t.slots[j]
		if x == 0 {
			return -1
		}
		if p.fields[x-1].name == k {
			return x - 1
		}
	}
}
