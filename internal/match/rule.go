package match

import (
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// Rule is a compiled detection rule, with the meta filters that apply to it
// already folded in.
type Rule struct {
	Doc       *sigma.Document
	Logsource sigma.Logsource
	// Filters lists the titles of the meta filters applied to this rule.
	Filters []string

	det     *compiled
	filters []*compiled
	fields  []string
}

// Match reports whether ev triggers the rule: its condition holds and no
// applied filter's condition does.
func (r *Rule) Match(ev event.Event) bool {
	if !r.det.root.eval(ev) {
		return false
	}
	for _, f := range r.filters {
		if f.root.eval(ev) {
			return false
		}
	}
	return true
}

// Meta returns the rule's descriptive attributes.
func (r *Rule) Meta() *sigma.Meta { return &r.Doc.Meta }

// Fields lists the distinct event fields the rule reads (filters
// included), in first-use order; keyword searches are not listed.
func (r *Rule) Fields() []string { return r.fields }

// Predicates lists the rule's compiled items, for indexing and prefilters.
func (r *Rule) Predicates() []Predicate {
	out := append([]Predicate(nil), r.det.preds...)
	for _, f := range r.filters {
		out = append(out, f.preds...)
	}
	return out
}

func (r *Rule) addFields(ps []Predicate) {
	for _, p := range ps {
		f := p.Field()
		if f == "" || contains(r.fields, f) {
			continue
		}
		r.fields = append(r.fields, f)
	}
}

// Inputs lists every event field Match reads, the fields a fieldref
// compares with included; ok is false when Match can read more than named
// fields (a keyword search reads every value). When ok, Match's answer is
// a function of these fields alone: whether each is present, and its
// kind and text when it is a scalar.
func (r *Rule) Inputs() (fields []string, ok bool) {
	add := func(f string) {
		if !contains(fields, f) {
			fields = append(fields, f)
		}
	}
	for _, p := range r.Predicates() {
		switch p := p.(type) {
		case *fieldLeaf:
			add(p.field)
			for _, t := range p.tests {
				if ref, isRef := t.(*fieldrefTest); isRef {
					add(ref.ref)
				}
			}
		case *existsLeaf:
			add(p.field)
		default:
			return nil, false
		}
	}
	return fields, true
}
