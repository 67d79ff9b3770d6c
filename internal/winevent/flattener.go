package winevent

import (
	"encoding/json"

	"github.com/vigil-sec/vigil/internal/event"
)

// Flattener is Flatten for a stream of events: it keeps, from one event
// to the next, the field names it joined from an element's and an
// attribute's (Provider_Name, Execution_ProcessID, ...) and its scratch
// lists, so that a record costs fewer allocations. The zero value is
// ready; not safe for concurrent use.
type Flattener struct {
	names  map[[2]string]string
	sysSet []string
	fields fieldList
}

// maxJoinedNames bounds Flattener's name cache (odd files can hold many
// distinct attribute names).
const maxJoinedNames = 4096

// Flatten is the package's Flatten.
func (fl *Flattener) Flatten(ev *Element) map[string]any {
	l := fl.build(ev)
	m := make(map[string]any, len(l.keys))
	for i, k := range l.keys {
		m[k] = l.vals[i]
	}
	return m
}

// FlattenFlat is Flatten giving an event.Flat: the same fields, in the
// order Flatten first set them, with no key twice. The Flat is the
// caller's: nothing of it is reused.
func (fl *Flattener) FlattenFlat(ev *Element) *event.Flat {
	l := fl.build(ev)
	fields := make([]event.Field, len(l.keys))
	for i, k := range l.keys {
		fields[i] = event.Field{Key: k, Val: flatValue(l.vals[i])}
	}
	return &event.Flat{Fields: fields}
}

// flatValue holds strings and numbers as text, as the flat JSON decoder
// does; Value reports the same kind and text for them either way.
func flatValue(v any) event.Value {
	switch t := v.(type) {
	case string:
		return event.Str(t)
	case json.Number:
		return event.NumText(string(t))
	}
	return event.Of(v)
}

func (fl *Flattener) build(ev *Element) *fieldList {
	fl.fields.reset()
	f := flattener{out: &fl.fields, sysSet: fl.sysSet[:0], fl: fl}
	defer func() { fl.sysSet = f.sysSet[:0] }()
	if sys := ev.Child("System"); sys != nil {
		f.system(sys)
	}
	for _, c := range ev.Children {
		switch c.Name {
		case "System":
		case "EventData":
			f.eventData(c)
		default:
			f.section(c)
		}
	}
	f.spacelessAliases()
	return f.out
}

// fieldList is an event while it is flattened: its keys in the order
// they were first set, and their values. Keys are found by a linear scan
// while there are few of them (a record has ~25, and comparing strings of
// different lengths costs next to nothing), through index past that.
type fieldList struct {
	keys  []string
	vals  []any
	index map[string]int32 // built once keys outgrow linearKeys
}

const linearKeys = 48

func (l *fieldList) reset() {
	clear(l.vals) // let the last event's values go
	l.keys, l.vals = l.keys[:0], l.vals[:0]
	if l.index != nil {
		clear(l.index)
	}
}

func (l *fieldList) find(k string) (int, bool) {
	if len(l.keys) <= linearKeys {
		for i, x := range l.keys {
			if x == k {
				return i, true
			}
		}
		return 0, false
	}
	i, ok := l.index[k]
	return int(i), ok
}

func (l *fieldList) get(k string) (any, bool) {
	i, ok := l.find(k)
	if !ok {
		return nil, false
	}
	return l.vals[i], true
}

func (l *fieldList) set(k string, v any) {
	if i, ok := l.find(k); ok {
		l.vals[i] = v
		return
	}
	l.keys, l.vals = append(l.keys, k), append(l.vals, v)
	switch n := len(l.keys); {
	case n == linearKeys+1: // from now on through the index
		if l.index == nil {
			l.index = make(map[string]int32, 2*linearKeys)
		}
		for i, x := range l.keys {
			l.index[x] = int32(i)
		}
	case n > linearKeys+1:
		l.index[k] = int32(n - 1)
	}
}
