package event

import (
	"encoding/json"
	"strings"
)

// Field is one top-level key of a flat event and its value.
type Field struct {
	Key string
	Val Value
}

// Flat is an Event over a flat JSON object: top-level keys holding scalars or
// arrays of scalars, as flat Windows exports are. It gives the same answers as
// Map over the same object: a field is found by its literal key only (a
// dotted name cannot walk into a scalar), and of duplicate keys the last one
// wins, as with encoding/json. Values usually point into the record's bytes,
// so a Flat is valid only as long as the buffer it was decoded from.
type Flat struct {
	Fields []Field
}

// Get implements Event.
func (f *Flat) Get(field string) (Value, bool) {
	for i := len(f.Fields) - 1; i >= 0; i-- {
		if f.Fields[i].Key == field {
			return f.Fields[i].Val, true
		}
	}
	return Value{}, false
}

// Walk implements Event, visiting each key once (the last of duplicates).
func (f *Flat) Walk(fn func(Value) bool) bool {
	for i := range f.Fields {
		if f.Shadowed(i) {
			continue
		}
		v := f.Fields[i].Val
		if v.lit() == Null {
			if !walk(v.v, fn) {
				return false
			}
			continue
		}
		if !fn(v) {
			return false
		}
	}
	return true
}

// Shadowed reports whether a later field has the same key as field i.
func (f *Flat) Shadowed(i int) bool {
	k := f.Fields[i].Key
	for j := i + 1; j < len(f.Fields); j++ {
		if f.Fields[j].Key == k {
			return true
		}
	}
	return false
}

// Map builds the equivalent Map, with keys and values copied out of the
// record's bytes.
func (f *Flat) Map() Map {
	m := make(Map, len(f.Fields))
	for _, fl := range f.Fields {
		k := strings.Clone(fl.Key)
		switch fl.Val.lit() {
		case String:
			m[k] = strings.Clone(fl.Val.s)
		case Number:
			m[k] = json.Number(strings.Clone(fl.Val.s))
		default:
			m[k] = fl.Val.v
		}
	}
	return m
}
