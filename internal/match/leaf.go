package match

import "github.com/vigil-sec/vigil/internal/event"

// Predicate is one compiled detection item. It exposes what an index or a
// prefilter needs: the field it reads ("" for a keyword search over the
// whole event) and literal needles that every matching value contains.
type Predicate interface {
	Field() string
	// Needles lists, per compiled string variant, the literal runs
	// (case-folded unless the item is cased) that a value matching that
	// variant contains; empty for regex, CIDR, numeric, null and exists
	// tests, which a prefilter must treat as "always candidate".
	Needles() [][]string
	eval(ev event.Event) bool
}

// fieldLeaf is a field item: the values are OR-ed (AND-ed with "all"), an
// array in the event matches when any element does, and "neq" negates.
//
// A field the event does not have matches only a null value; with "neq" it
// never matches (a missing field is not "different from" anything).
type fieldLeaf struct {
	field   string
	tests   []valueTest
	all     bool
	neq     bool
	nullAny bool // some value is null
	nullAll bool // every value is null
	needles [][]string
}

func (l *fieldLeaf) Field() string       { return l.field }
func (l *fieldLeaf) Needles() [][]string { return l.needles }

func (l *fieldLeaf) eval(ev event.Event) bool {
	v, ok := ev.Get(l.field)
	if !ok {
		if l.neq {
			return false
		}
		if l.all {
			return l.nullAll
		}
		return l.nullAny
	}
	if l.neq {
		for _, t := range l.tests {
			if anyElem(t, v, ev) {
				return false
			}
		}
		return true
	}
	if l.all {
		for _, t := range l.tests {
			if !anyElem(t, v, ev) {
				return false
			}
		}
		return true
	}
	for _, t := range l.tests {
		if anyElem(t, v, ev) {
			return true
		}
	}
	return false
}

// anyElem tests v, or each element when v is an array.
func anyElem(t valueTest, v event.Value, ev event.Event) bool {
	if v.Kind() != event.Array {
		return t.test(v, ev)
	}
	for i := 0; i < v.Len(); i++ {
		if anyElem(t, v.Index(i), ev) {
			return true
		}
	}
	return false
}

// existsLeaf is "field|exists: true/false": presence only, whatever the value.
type existsLeaf struct {
	field string
	want  bool
}

func (l *existsLeaf) Field() string       { return l.field }
func (l *existsLeaf) Needles() [][]string { return nil }
func (l *existsLeaf) eval(ev event.Event) bool {
	_, ok := ev.Get(l.field)
	return ok == l.want
}

// keywordLeaf searches every string value of the event, nested ones too: a
// keyword matches when it occurs inside any of them (its own wildcards
// apply within that value). With "all" every keyword must occur, each in
// any value.
type keywordLeaf struct {
	tests   []valueTest
	all     bool
	neq     bool
	needles [][]string
}

func (l *keywordLeaf) Field() string       { return "" }
func (l *keywordLeaf) Needles() [][]string { return l.needles }

func (l *keywordLeaf) eval(ev event.Event) bool {
	res := l.search(ev)
	if l.neq {
		return !res
	}
	return res
}

func (l *keywordLeaf) search(ev event.Event) bool {
	for _, t := range l.tests {
		found := false
		ev.Walk(func(v event.Value) bool {
			if v.Kind() == event.String && t.test(v, ev) {
				found = true
				return false
			}
			return true
		})
		if found && !l.all {
			return true
		}
		if !found && l.all {
			return false
		}
	}
	return l.all
}
