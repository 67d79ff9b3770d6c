package scan

import (
	"hash/maphash"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
)

// A rule's answer depends only on the fields it reads (match.Rule.Inputs),
// and in logs those recur: the candidates the prefilter lets through fail
// on the same image and command line thousands of times. So a worker
// remembers, per rule, the answers for the last input values it saw, keyed
// by their exact kind and text. Like the value memo (memo.go), a rule's
// memo is made only once the rule is evaluated often, rests when its
// inputs rarely recur, and all of them together are bounded.

const (
	ruleMemoAfter  = 32 // evaluations before a rule gets a memo
	ruleMemoSlots  = 128
	ruleMemoMaxKey = 4096
	ruleMemoBudget = 16 << 20
	ruleSlotSize   = 32 // bytes of a ruleSlot
)

type ruleSlot struct {
	hash  uint64
	key   string
	match bool
}

type ruleMemo struct {
	slots []ruleSlot
	n     int32 // evaluations before the memo exists; then lookups in this window, or (negative) resting
	hits  int32
}

type ruleMemos struct {
	seed  maphash.Seed
	memos []ruleMemo // by rule
	key   []byte
	bytes int
	hits  int // answers taken from a memo
}

// ruleInputs is, per rule, the fields its answer depends on, or nil when
// it cannot be memoised (keywords, or no fields at all).
func ruleInputs(rules []*match.Rule) [][]string {
	out := make([][]string, len(rules))
	for i, r := range rules {
		if f, ok := r.Inputs(); ok && len(f) > 0 {
			out[i] = f
		}
	}
	return out
}

// match evaluates rule i on ev, through its memo when it has one.
func (r *Router) match(i int, ev event.Event) bool {
	rule, inputs := r.Rules[i], r.inputs[i]
	if inputs == nil {
		return rule.Match(ev)
	}
	rm := &r.rm
	if rm.memos == nil {
		rm.memos, rm.seed = make([]ruleMemo, len(r.Rules)), maphash.MakeSeed()
	}
	m := &rm.memos[i]
	if m.slots == nil {
		if m.n++; m.n < ruleMemoAfter {
			return rule.Match(ev)
		}
		if rm.bytes += ruleMemoSlots * ruleSlotSize; rm.bytes > ruleMemoBudget {
			rm.reset()
			rm.bytes = ruleMemoSlots * ruleSlotSize
		}
		m.slots, m.n, m.hits = make([]ruleSlot, ruleMemoSlots), 0, 0
	}
	if m.n < 0 { // resting
		m.n++
		return rule.Match(ev)
	}
	if m.n++; m.n == memoWindow {
		poor := m.hits*memoMinShare < m.n
		m.n, m.hits = 0, 0
		if poor {
			m.n = -memoRest
			return rule.Match(ev)
		}
	}
	key, ok := inputKey(rm.key[:0], ev, inputs)
	rm.key = key
	if !ok || len(key) > ruleMemoMaxKey {
		return rule.Match(ev)
	}
	h := maphash.Bytes(rm.seed, key)
	sl := &m.slots[h&(ruleMemoSlots-1)]
	if sl.hash == h && sl.key == string(key) {
		m.hits++
		rm.hits++
		return sl.match
	}
	got := rule.Match(ev)
	rm.bytes += len(key) - len(sl.key)
	sl.hash, sl.key, sl.match = h, string(key), got
	if rm.bytes > ruleMemoBudget {
		rm.reset()
	}
	return got
}

// inputKey appends, for each field, its kind and, for a scalar, its text;
// ok is false when a field holds an array or object.
func inputKey(b []byte, ev event.Event, fields []string) ([]byte, bool) {
	for _, f := range fields {
		v, ok := ev.Get(f)
		if !ok {
			b = append(b, 0xff)
			continue
		}
		k := v.Kind()
		if k == event.Array || k == event.Object {
			return b, false
		}
		b = append(b, byte(k))
		if s, ok := v.Text(); ok {
			b = appendLen(b, len(s))
			b = append(b, s...)
		}
	}
	return b, true
}

func appendLen(b []byte, n int) []byte {
	for n >= 0x80 {
		b = append(b, byte(n)|0x80)
		n >>= 7
	}
	return append(b, byte(n))
}

// reset forgets every rule memo: together they reached their budget.
func (rm *ruleMemos) reset() {
	for i := range rm.memos {
		rm.memos[i] = ruleMemo{}
	}
	rm.bytes = 0
}
