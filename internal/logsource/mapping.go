package logsource

import (
	"sort"
	"strings"

	"github.com/vigil-sec/vigil/internal/event"
)

// Mapping is the merged view of several pipelines: for each log source, the
// entries that select its events. Built-in pipelines accumulate; a user
// pipeline's entries for a log source replace everything before them for that
// log source, unless they are marked extend.
type Mapping struct {
	Pipelines []*Pipeline
	entries   map[Logsource][]*Entry
	products  []ProductRule // most specific first
	index     *productIndex // over products; nil: search each condition
}

// NewMapping merges the built-in pipelines, then the user's in order.
func NewMapping(builtin, user []*Pipeline) *Mapping {
	m := &Mapping{Pipelines: append(append([]*Pipeline{}, builtin...), user...), entries: map[Logsource][]*Entry{}}
	for _, p := range builtin {
		for i := range p.Entries {
			e := &p.Entries[i]
			m.entries[e.Logsource] = append(m.entries[e.Logsource], e)
		}
	}
	for _, p := range m.Pipelines {
		m.products = append(m.products, p.Products...)
	}
	sort.SliceStable(m.products, func(i, j int) bool {
		return specificity(m.products[i].Conditions) > specificity(m.products[j].Conditions)
	})
	m.index = newProductIndex(m.products)
	for _, p := range user {
		replaced := map[Logsource]bool{}
		for i := range p.Entries {
			e := &p.Entries[i]
			if !e.Extend && !replaced[e.Logsource] {
				m.entries[e.Logsource] = nil
				replaced[e.Logsource] = true
			}
			m.entries[e.Logsource] = append(m.entries[e.Logsource], e)
		}
	}
	return m
}

// Routes returns the entries for a rule's log source; nil means no pipeline
// maps it, and the rule should see every event.
func (m *Mapping) Routes(ls Logsource) []*Entry {
	return m.entries[ls]
}

// Logsources lists every mapped log source, sorted.
func (m *Mapping) Logsources() []Logsource {
	out := make([]Logsource, 0, len(m.entries))
	for ls := range m.entries {
		out = append(out, ls)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// Product returns the recogniser of the product ev comes from, or nil when
// no pipeline recognises it.
func (m *Mapping) Product(ev event.Event) *ProductRule {
	if f, ok := ev.(*event.Flat); ok && m.index != nil {
		if i := m.index.product(f); i >= 0 {
			return &m.products[i]
		}
		return nil
	}
	for i := range m.products {
		if conditionsHold(m.products[i].Conditions, ev) {
			return &m.products[i]
		}
	}
	return nil
}

// Admits reports whether a rule with an unmapped log source may see events
// of product p: rules of the same product may, rules of another product may
// not, and product-less rules only for a category p lists.
func (p *ProductRule) Admits(ls Logsource) bool {
	if ls.Product != "" {
		return ls.Product == p.Product
	}
	for _, c := range p.Categories {
		if c == ls.Category && c != "" {
			return true
		}
	}
	return false
}

// HasProducts reports whether any pipeline recognises products at all.
func (m *Mapping) HasProducts() bool { return len(m.products) > 0 }

// specificity counts the conditions that pin a value (not "*").
func specificity(cs []Condition) int {
	n := 0
	for _, c := range cs {
		if !(len(c.Values) == 1 && c.Values[0] == "*") {
			n++
		}
	}
	return n
}

// Matches reports whether ev satisfies every condition of the entry.
func (e *Entry) Matches(ev event.Event) bool { return conditionsHold(e.Conditions, ev) }

func conditionsHold(cs []Condition, ev event.Event) bool {
	for _, c := range cs {
		v, ok := ev.Get(c.Field)
		if !ok {
			return false
		}
		if len(c.Values) == 1 && c.Values[0] == "*" {
			continue
		}
		s, ok := v.Text()
		if !ok || !anyEqualFold(c.Values, s) {
			return false
		}
	}
	return true
}

func anyEqualFold(vals []string, s string) bool {
	for _, v := range vals {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
