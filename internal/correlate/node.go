package correlate

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// node is one correlation being evaluated.
type node struct {
	doc        *sigma.Document
	c          *sigma.Correlation
	inputs     []*feed // distinct referenced rules/correlations
	steps      []int   // input index per entry of c.Rules (temporal_ordered order)
	outs       []consumer
	suppressed bool
	ts         int64 // timespan in ns

	keys       map[string]*key
	head, tail *key // least → most recently updated
	batch      []item
}

// feed is one rule or correlation a node reads.
type feed struct {
	ref         string // as written in rules
	rule        *match.Rule
	node        *node
	groupFields []string // field read for each group-by entry (aliases resolved)
	valueFields []string // condition.field, aliases resolved
}

// extract is what a node needs from one event or inner alert.
type extract struct {
	key    string
	group  []string
	ok     bool // every group-by field present
	val    string
	hasVal bool
	num    float64
	hasNum bool
}

// ref is one contributing event.
type ref struct {
	t    int64
	src  alert.Source
	rule *match.Rule
	host string
}

// item is one occurrence queued for the current time group.
type item struct {
	in  int
	ev  uint64
	ext extract
	r   ref
	sub *fired // inner alert, for chained correlations
}

// occ is one occurrence inside a key's window.
type occ struct {
	in     int32
	dup    bool // same event as the previous occurrence (another rule matched it)
	hasVal bool
	hasNum bool
	ev     uint64
	val    string
	num    float64
	r      ref
	sub    *fired
}

// key is the state of one group.
type key struct {
	k          string
	group      []string
	entries    []occ
	start      int
	count      int            // non-dup entries
	vals       map[string]int // value_count multiplicities
	perIn      []int          // entries per input (temporal)
	distinct   int            // inputs with perIn > 0
	last       int64
	lastEv     uint64
	prev, next *key
	dead       bool
	touched    bool
}

// fired is a correlation alert before it is rendered.
type fired struct {
	t     int64
	group []string
	value float64
	refs  []ref // contributing events (capped)
	total int   // contributing events before the cap
	last  ref   // the event that completed the condition
}

func (n *node) extract(in int, ev event.Event, st *Stats) extract {
	inp := n.inputs[in]
	var x extract
	x.ok = true
	if len(inp.groupFields) > 0 {
		x.group = make([]string, len(inp.groupFields))
		for i, f := range inp.groupFields {
			s, ok := fieldText(ev, f)
			if !ok {
				x.ok = false
				st.MissingGroupBy++
				break
			}
			x.group[i] = s
		}
	}
	if x.ok {
		x.key = groupKey(x.group)
	}
	n.value(&x, inp.valueFields, func(f string) (event.Value, bool) { return ev.Get(f) }, st)
	return x
}

func (n *node) value(x *extract, fields []string, get func(string) (event.Value, bool), st *Stats) {
	if len(fields) == 0 {
		return
	}
	if sigma.IsMetric(n.c.Type) {
		v, ok := get(fields[0])
		if !ok || v.Kind() == event.Null {
			return
		}
		f, ok := v.Float()
		if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
			st.NonNumeric++
			return
		}
		x.num, x.hasNum = f, true
		return
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		v, ok := get(f)
		if !ok {
			return
		}
		s, ok := text(v)
		if !ok {
			return
		}
		parts[i] = s
	}
	x.val, x.hasVal = groupKey(parts), true
}

func fieldText(ev event.Event, f string) (string, bool) {
	v, ok := ev.Get(f)
	if !ok {
		return "", false
	}
	return text(v)
}

// text renders a value for grouping and distinct counting: scalars as
// written, arrays and objects as JSON; null counts as absent.
func text(v event.Value) (string, bool) {
	if s, ok := v.Text(); ok {
		return s, true
	}
	if v.Kind() == event.Null {
		return "", false
	}
	b, err := json.Marshal(v.Raw())
	return string(b), err == nil
}

// groupKey joins values unambiguously.
func groupKey(vals []string) string {
	if len(vals) == 1 {
		return vals[0]
	}
	var b strings.Builder
	for _, v := range vals {
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
	}
	return b.String()
}

func (n *node) queue(t int64, p *pend, ci, in int, ev uint64) {
	n.batch = append(n.batch, item{in: in, ev: ev, ext: p.ext[ci], r: ref{t: t, src: p.src, rule: p.rule, host: p.host}})
}

func (n *node) queueAlert(t int64, f *fired, in int, ev uint64) {
	inner := n.inputs[in].node
	get := func(field string) (event.Value, bool) {
		for i, g := range inner.c.GroupBy {
			if g == field {
				return event.Of(f.group[i]), true
			}
		}
		return event.Value{}, false
	}
	var x extract
	x.ok = true
	inp := n.inputs[in]
	if len(inp.groupFields) > 0 {
		x.group = make([]string, len(inp.groupFields))
		for i, fld := range inp.groupFields {
			v, ok := get(fld)
			if !ok {
				x.ok = false
				break
			}
			x.group[i], _ = v.Text()
		}
	}
	if x.ok {
		x.key = groupKey(x.group)
	}
	var st Stats
	n.value(&x, inp.valueFields, get, &st)
	n.batch = append(n.batch, item{in: in, ev: ev, ext: x, r: f.last, sub: f})
}

// apply adds the queued time group t and evaluates every group it touched.
func (n *node) apply(t int64, e *Engine) []*fired {
	var touched []*key
	for _, it := range n.batch {
		if !it.ext.ok {
			if it.sub != nil {
				e.stats.MissingGroupBy++
			}
			continue
		}
		k := n.keys[it.ext.key]
		if k == nil {
			if e.opt.MaxKeys > 0 && e.lru >= e.opt.MaxKeys {
				e.evictOne()
			}
			k = &key{k: it.ext.key, group: it.ext.group, perIn: make([]int, len(n.inputs))}
			if n.keys == nil {
				n.keys = map[string]*key{}
			}
			n.keys[k.k] = k
			n.pushBack(k)
			e.lru++
			if e.lru > e.stats.LiveKeysPeak {
				e.stats.LiveKeysPeak = e.lru
			}
		}
		if !k.touched {
			k.touched = true
			n.expire(k, sub(t, n.ts))
			touched = append(touched, k)
		}
		k.last = t
		n.moveBack(k)
		o := occ{in: int32(it.in), ev: it.ev, val: it.ext.val, hasVal: it.ext.hasVal, num: it.ext.num, hasNum: it.ext.hasNum, r: it.r, sub: it.sub}
		o.dup = it.sub == nil && k.lastEv == it.ev
		k.lastEv = it.ev
		n.add(k, o)
	}
	n.batch = n.batch[:0]
	var out []*fired
	for _, k := range touched {
		k.touched = false
		if k.dead {
			continue
		}
		if f := n.evaluate(k, t, e.opt.MaxEventRefs); f != nil {
			out = append(out, f)
			n.drop(k, e)
		}
	}
	return out
}

func (n *node) add(k *key, o occ) {
	k.entries = append(k.entries, o)
	if !o.dup {
		k.count++
		if o.hasVal {
			if k.vals == nil {
				k.vals = map[string]int{}
			}
			k.vals[o.val]++
		}
	}
	if k.perIn[o.in]++; k.perIn[o.in] == 1 {
		k.distinct++
	}
}

// expire drops entries older than from (window start, inclusive).
func (n *node) expire(k *key, from int64) {
	for k.start < len(k.entries) && k.entries[k.start].r.t < from {
		o := &k.entries[k.start]
		if !o.dup {
			k.count--
			if o.hasVal {
				if k.vals[o.val]--; k.vals[o.val] == 0 {
					delete(k.vals, o.val)
				}
			}
		}
		if k.perIn[o.in]--; k.perIn[o.in] == 0 {
			k.distinct--
		}
		*o = occ{}
		k.start++
	}
	if k.start > 32 && k.start*2 >= len(k.entries) {
		k.entries = append(k.entries[:0:0], k.entries[k.start:]...)
		k.start = 0
	}
}

// evaluate checks the condition on k's window ending at t.
func (n *node) evaluate(k *key, t int64, maxRefs int) *fired {
	live := k.entries[k.start:]
	var v float64
	var chain []int
	switch n.c.Type {
	case "event_count":
		v = float64(k.count)
	case "value_count":
		v = float64(len(k.vals))
	case "temporal":
		v = float64(k.distinct)
	case "temporal_ordered":
		chain = orderedChain(live, n.steps)
		v = float64(len(chain))
	default: // metrics
		var nums []float64
		for i := range live {
			if !live[i].dup && live[i].hasNum {
				nums = append(nums, live[i].num)
			}
		}
		var ok bool
		if v, ok = metric(n.c.Type, nums, n.c.Percentile); !ok {
			return nil
		}
	}
	if !holds(n.c.Condition, v) {
		return nil
	}
	f := &fired{t: t, group: k.group, value: v}
	add := func(o *occ) {
		if o.sub != nil {
			f.total += o.sub.total
			for _, r := range o.sub.refs {
				if len(f.refs) < maxRefs {
					f.refs = append(f.refs, r)
				}
			}
		} else {
			f.total++
			if len(f.refs) < maxRefs {
				f.refs = append(f.refs, o.r)
			}
		}
		f.last = o.r
	}
	if chain != nil {
		for _, i := range chain {
			add(&live[i])
		}
		return f
	}
	for i := range live {
		o := &live[i]
		if o.dup {
			continue
		}
		switch {
		case n.c.Type == "value_count" && !o.hasVal, sigma.IsMetric(n.c.Type) && !o.hasNum:
			continue
		}
		add(o)
	}
	return f
}

// orderedChain finds the longest prefix of steps that occurs in live with
// strictly increasing times, taking the earliest occurrence for each step
// (which is optimal), and returns the entry indexes.
func orderedChain(live []occ, steps []int) []int {
	chain := []int{}
	prev := int64(math.MinInt64)
	i := 0
	for _, in := range steps {
		found := -1
		for j := i; j < len(live); j++ {
			if int(live[j].in) == in && live[j].r.t > prev {
				found = j
				break
			}
		}
		if found < 0 {
			break
		}
		chain = append(chain, found)
		prev = live[found].r.t
		i = found + 1
	}
	return chain
}

// metric computes value_sum, value_avg, value_percentile or value_median;
// ok is false when the window holds no numeric value.
func metric(typ string, nums []float64, p float64) (float64, bool) {
	if len(nums) == 0 {
		return 0, false
	}
	switch typ {
	case "value_sum", "value_avg":
		s := 0.0
		for _, x := range nums {
			s += x
		}
		if typ == "value_avg" {
			s /= float64(len(nums))
		}
		return s, true
	}
	sorted := slices.Clone(nums)
	slices.Sort(sorted)
	return percentile(sorted, p), true
}

// percentile interpolates linearly between closest ranks (the usual
// "R-7" definition; percentile 50 is the median).
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 1 {
		return sorted[0]
	}
	h := p / 100 * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// holds applies every comparison of the condition (AND).
func holds(cond map[string]float64, v float64) bool {
	if len(cond) == 0 {
		return false
	}
	for op, b := range cond {
		var ok bool
		switch op {
		case "gt":
			ok = v > b
		case "gte":
			ok = v >= b
		case "lt":
			ok = v < b
		case "lte":
			ok = v <= b
		case "eq":
			ok = v == b
		case "neq":
			ok = v != b
		}
		if !ok {
			return false
		}
	}
	return true
}

// expireIdle removes keys whose newest entry left the window at t.
func (n *node) expireIdle(t int64, e *Engine) {
	for n.head != nil && n.head.last < sub(t, n.ts) {
		n.drop(n.head, e)
		e.stats.Expired++
	}
}

func (n *node) drop(k *key, e *Engine) {
	if k.dead {
		return
	}
	k.dead = true
	delete(n.keys, k.k)
	n.unlink(k)
	e.lru--
}

func (n *node) pushBack(k *key) {
	k.prev, k.next = n.tail, nil
	if n.tail != nil {
		n.tail.next = k
	} else {
		n.head = k
	}
	n.tail = k
}

func (n *node) unlink(k *key) {
	if k.prev != nil {
		k.prev.next = k.next
	} else {
		n.head = k.next
	}
	if k.next != nil {
		k.next.prev = k.prev
	} else {
		n.tail = k.prev
	}
	k.prev, k.next = nil, nil
}

func (n *node) moveBack(k *key) {
	if n.tail == k {
		return
	}
	n.unlink(k)
	n.pushBack(k)
}

// sub is t-d without wrapping below the smallest time.
func sub(t, d int64) int64 {
	if t < math.MinInt64+d {
		return math.MinInt64
	}
	return t - d
}
