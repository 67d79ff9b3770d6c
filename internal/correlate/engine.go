package correlate

import (
	"container/heap"
	"fmt"
	"math"
	"time"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// Unbounded as Options.Lateness holds every match until Flush: exact batch
// semantics whatever the order in which files are read, at the cost of
// keeping the correlated rules' matches (not the events) in memory.
const Unbounded = time.Duration(math.MaxInt64)

// Defaults for zero Options fields.
const (
	DefaultMaxKeys      = 1 << 20
	DefaultMaxEventRefs = 100
	maxReports          = 20
)

// Options configure an Engine.
type Options struct {
	// Lateness is how far behind the newest event time seen so far a match
	// may arrive and still be evaluated in order. A match older than that is
	// dropped and counted (Stats.Late). Unbounded holds all matches until
	// Flush; 0 means events must arrive in time order.
	Lateness time.Duration
	// MaxKeys caps live group keys over all correlations (0:
	// DefaultMaxKeys, negative: no cap). Past the cap the least recently
	// updated key is evicted and counted (Stats.Evicted).
	MaxKeys int
	// TimeFields override where an event's time is read from (nil:
	// event.DefaultTimeFields).
	TimeFields []string
	// MaxEventRefs caps the contributing events listed in one alert (0:
	// DefaultMaxEventRefs); Section.EventsTotal always has the full count.
	MaxEventRefs int
	// Attack resolves a correlation's ATT&CK context from its tags (nil:
	// empty lists).
	Attack func(*sigma.Document) alert.Attack
	// Report receives notable problems as they happen (events without a
	// usable time, late matches, evictions), the first few of each kind.
	Report func(msg string)
}

// Stats counts what the engine did; all counts are cumulative.
type Stats struct {
	Matches        int64            // base-rule matches observed for correlated rules
	NoTime         int64            // matches whose event had no usable time (not correlated)
	Late           int64            // matches older than the lateness bound (dropped)
	MissingGroupBy int64            // occurrences lacking a group-by field (not correlated)
	NonNumeric     int64            // metric field values that are not numbers (ignored)
	Evicted        int64            // live keys evicted by the MaxKeys cap
	Expired        int64            // keys whose window passed
	LiveKeys       int              // live keys now
	LiveKeysPeak   int              // most live keys at once
	BufferedPeak   int              // most matches held for ordering at once
	Alerts         int64            // correlation alerts emitted
	Suppressed     int64            // correlation alerts not emitted (generate: false of an outer correlation)
	ByCorrelation  map[string]int64 // emitted alerts per correlation title
}

// Engine evaluates loaded correlations. It is not safe for concurrent use.
type Engine struct {
	opt       Options
	nodes     []*node // topological order: inputs before the correlations using them
	consumers map[*match.Rule][]consumer
	ruleOrd   map[*match.Rule]int
	suppress  map[*match.Rule]bool
	needed    []*match.Rule
	pending   pendingHeap
	maxSeen   int64
	haveSeen  bool
	seq       uint64 // event identities handed out
	lastID    evID
	stats     Stats
	lru       int // live keys over all nodes
	reports   map[string]int
	out       []Alert
}

// consumer is one correlation that reads a base rule.
type consumer struct {
	n  *node
	in int // index into n.inputs
}

// New builds an engine from all loaded documents and the compiled base rules.
// Correlations that cannot be evaluated (a reference to nothing loaded, a
// cycle) get an error diagnostic on their document and are left out; New
// returns an error only when nothing can be built at all (never today).
func New(docs []*sigma.Document, rules []*match.Rule, opt Options) (*Engine, error) {
	if opt.MaxKeys == 0 {
		opt.MaxKeys = DefaultMaxKeys
	}
	if opt.MaxEventRefs <= 0 {
		opt.MaxEventRefs = DefaultMaxEventRefs
	}
	if opt.Lateness < 0 {
		opt.Lateness = Unbounded
	}
	e := &Engine{opt: opt, consumers: map[*match.Rule][]consumer{}, ruleOrd: map[*match.Rule]int{},
		suppress: map[*match.Rule]bool{}, reports: map[string]int{}}
	e.stats.ByCorrelation = map[string]int64{}
	for i, r := range rules {
		e.ruleOrd[r] = i
	}
	e.nodes = build(docs, rules)
	for _, n := range e.nodes {
		for i, in := range n.inputs {
			if in.rule != nil {
				e.consumers[in.rule] = append(e.consumers[in.rule], consumer{n, i})
				if !n.c.Generate {
					e.suppress[in.rule] = true
				}
			} else if !n.c.Generate {
				in.node.suppressed = true
			}
			if in.node != nil {
				in.node.outs = append(in.node.outs, consumer{n, i})
			}
		}
	}
	for _, r := range rules {
		if len(e.consumers[r]) > 0 {
			e.needed = append(e.needed, r)
		}
	}
	return e, nil
}

// Rules lists the base rules the correlations read, in load order. The scan
// must evaluate them even when a selection (--min-level, --tags, …) would
// drop them, and emit their own alerts only when selected and not Suppressed.
func (e *Engine) Rules() []*match.Rule { return e.needed }

// Suppress reports whether a correlation names rule with generate: false
// (the default): the scan then does not emit the rule's own alerts.
func (e *Engine) Suppress(rule *match.Rule) bool { return e.suppress[rule] }

// Correlations lists the documents of the correlations being evaluated.
func (e *Engine) Correlations() []*sigma.Document {
	out := make([]*sigma.Document, len(e.nodes))
	for i, n := range e.nodes {
		out[i] = n.doc
	}
	return out
}

// Stats returns the counts so far.
func (e *Engine) Stats() Stats {
	s := e.stats
	s.LiveKeys = e.lru
	return s
}

// Observe takes one base-rule match (after the rule matched ev) and returns
// the correlation alerts that became final. It does not keep ev.
func (e *Engine) Observe(rule *match.Rule, ev event.Event, src alert.Source) []Alert {
	cons := e.consumers[rule]
	if len(cons) == 0 {
		return nil
	}
	e.stats.Matches++
	ts, _, ok := event.Time(ev, e.opt.TimeFields)
	if ok && (ts.Year() < 1678 || ts.Year() > 2261) { // outside what int64 nanoseconds hold
		ok = false
	}
	if !ok {
		e.stats.NoTime++
		e.report("notime", func() string {
			return fmt.Sprintf("%s: event has no usable time (fields %v); not correlated", where(src), e.timeFields())
		})
		return nil
	}
	t := ts.UnixNano()
	if e.haveSeen && e.opt.Lateness != Unbounded && t < sub(e.maxSeen, int64(e.opt.Lateness)) {
		e.stats.Late++
		e.report("late", func() string {
			return fmt.Sprintf("%s: event at %s arrived more than %v after %s; not correlated",
				where(src), ts.Format(time.RFC3339Nano), e.opt.Lateness, stamp(e.maxSeen))
		})
		return nil
	}
	p := &pend{t: t, src: src, ord: e.ruleOrd[rule], rule: rule, host: event.Host(ev)}
	p.ext = make([]extract, len(cons))
	for i, c := range cons {
		p.ext[i] = c.n.extract(c.in, ev, &e.stats)
	}
	heap.Push(&e.pending, p)
	if len(e.pending) > e.stats.BufferedPeak {
		e.stats.BufferedPeak = len(e.pending)
	}
	if !e.haveSeen || t > e.maxSeen {
		e.maxSeen, e.haveSeen = t, true
	}
	if e.opt.Lateness != Unbounded {
		e.release(sub(e.maxSeen, int64(e.opt.Lateness)))
	}
	return e.take()
}

// Flush ends the input: every buffered match is evaluated and the remaining
// alerts are returned in evaluation order. The engine can be used again
// afterwards (state is kept; time keeps moving forward).
func (e *Engine) Flush() []Alert {
	e.release(math.MaxInt64)
	return e.take()
}

func (e *Engine) take() []Alert {
	out := e.out
	e.out = nil
	return out
}

// release evaluates every buffered time group strictly older than limit.
func (e *Engine) release(limit int64) {
	for len(e.pending) > 0 && e.pending[0].t < limit {
		t := e.pending[0].t
		for len(e.pending) > 0 && e.pending[0].t == t {
			p := heap.Pop(&e.pending).(*pend)
			id := evID{p.src.Path, p.src.Line, p.src.Record, p.src.Offset}
			if id != e.lastID || e.seq == 0 {
				e.seq++
				e.lastID = id
			}
			for i, c := range e.consumers[p.rule] {
				c.n.queue(t, p, i, c.in, e.seq)
			}
		}
		e.runGroup(t)
	}
}

// runGroup applies time group t to every node in topological order.
func (e *Engine) runGroup(t int64) {
	for _, n := range e.nodes {
		if len(n.batch) == 0 {
			n.expireIdle(t, e)
			continue
		}
		for _, a := range n.apply(t, e) {
			e.seq++
			for _, c := range n.outs {
				c.n.queueAlert(t, a, c.in, e.seq)
			}
			if n.suppressed {
				e.stats.Suppressed++
				continue
			}
			e.stats.Alerts++
			e.stats.ByCorrelation[n.doc.Meta.Title]++
			e.out = append(e.out, e.alert(n, a))
		}
		n.expireIdle(t, e)
	}
}

// evictOne removes the least recently updated key over all nodes.
func (e *Engine) evictOne() {
	var best *node
	for _, n := range e.nodes {
		if n.head != nil && (best == nil || n.head.last < best.head.last) {
			best = n
		}
	}
	if best == nil {
		return
	}
	k := best.head
	e.report("evict", func() string {
		return fmt.Sprintf("correlation %q: %d live keys reached the cap; evicted group %q (last event %s)",
			best.doc.Meta.Title, e.lru, k.group, stamp(k.last))
	})
	best.drop(k, e)
	e.stats.Evicted++
}

func (e *Engine) report(kind string, msg func() string) {
	if e.opt.Report == nil {
		return
	}
	e.reports[kind]++
	switch n := e.reports[kind]; {
	case n <= maxReports:
		e.opt.Report(msg())
	case n == maxReports+1:
		e.opt.Report(fmt.Sprintf("correlate: more %s problems are not shown (all are counted)", kind))
	}
}

func (e *Engine) timeFields() []string {
	if e.opt.TimeFields != nil {
		return e.opt.TimeFields
	}
	return event.DefaultTimeFields()
}

func where(s alert.Source) string {
	switch {
	case s.Record != 0:
		return fmt.Sprintf("%s: record %d", s.Path, s.Record)
	case s.Line != 0:
		return fmt.Sprintf("%s:%d", s.Path, s.Line)
	}
	return s.Path
}

// evID identifies one event: all matches of an event share it.
type evID struct {
	path   string
	line   int
	record uint64
	offset int64
}

// pend is one buffered base-rule match.
type pend struct {
	t    int64
	src  alert.Source
	ord  int
	rule *match.Rule
	host string
	ext  []extract // per consumer of rule
}

// pendingHeap orders matches by time, source path, record, line, offset and
// rule load order: a total order that does not depend on arrival.
type pendingHeap []*pend

func (h pendingHeap) Len() int           { return len(h) }
func (h pendingHeap) Less(i, j int) bool { return less(h[i], h[j]) }
func (h pendingHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *pendingHeap) Push(x any)        { *h = append(*h, x.(*pend)) }
func (h *pendingHeap) Pop() any {
	old := *h
	p := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return p
}

func less(a, b *pend) bool {
	if a.t != b.t {
		return a.t < b.t
	}
	if a.src.Path != b.src.Path {
		return a.src.Path < b.src.Path
	}
	if a.src.Record != b.src.Record {
		return a.src.Record < b.src.Record
	}
	if a.src.Line != b.src.Line {
		return a.src.Line < b.src.Line
	}
	if a.src.Offset != b.src.Offset {
		return a.src.Offset < b.src.Offset
	}
	return a.ord < b.ord
}

// Consumes reports whether any correlation reads rule's matches.
func (e *Engine) Consumes(rule *match.Rule) bool { return len(e.consumers[rule]) > 0 }
