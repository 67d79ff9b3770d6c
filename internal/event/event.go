// Package event is how the matcher sees a log record. It is a leaf package
// (stdlib only) so that input formats and the matcher never import each other.
//
// The matcher only asks two things of an event: the value of a named field
// and, for keyword searches, every string inside it. Keeping that surface this
// small is what lets a later projected or byte-backed event replace Map
// without touching the matcher.
package event

import (
	"encoding/json"
	"strconv"
)

// Event is a read-only view of one log record.
type Event interface {
	// Get returns the value of field. A literal key wins; otherwise a dotted
	// name walks into nested objects ("a.b.c").
	Get(field string) (Value, bool)
	// Walk calls fn for every scalar value in the event, nested ones
	// included, until fn returns false. It reports whether it visited all.
	Walk(fn func(v Value) bool) bool
}

// Kind is the JSON type of a Value.
type Kind uint8

const (
	Null Kind = iota
	String
	Number
	Bool
	Array
	Object
)

// Value wraps one decoded JSON value without copying it. It is a small value
// type so Get never allocates: a string or number read straight from the
// input bytes is held as text (lit) rather than boxed into an interface.
type Value struct {
	// v is the value, or a tag (stringLit, numberLit) when the value is
	// the text s: a tag rather than a kind field keeps a Value at 32
	// bytes, and events hold thousands of them.
	v any
	s string
}

// stringLit and numberLit tag a Value held as text; being empty, they are
// stored in v without an allocation.
type (
	stringLit struct{}
	numberLit struct{}
)

// lit is String or Number when the value is the text s, else Null (use v).
func (x Value) lit() Kind {
	switch x.v.(type) {
	case stringLit:
		return String
	case numberLit:
		return Number
	}
	return Null
}

// Of wraps a value decoded by encoding/json (with UseNumber) or built by hand
// from Go strings, numbers, bools, []any and map[string]any.
func Of(v any) Value { return Value{v: v} }

// Str wraps a string without boxing it.
func Str(s string) Value { return Value{s: s, v: stringLit{}} }

// NumText wraps a JSON number by its source text (like json.Number).
func NumText(s string) Value { return Value{s: s, v: numberLit{}} }

// Raw returns the wrapped value (a string, or json.Number for number text).
func (x Value) Raw() any {
	switch x.lit() {
	case String:
		return x.s
	case Number:
		return json.Number(x.s)
	}
	return x.v
}

// Str returns the string when the value is a JSON string.
func (x Value) Str() (string, bool) {
	if _, ok := x.v.(stringLit); ok {
		return x.s, true
	}
	s, ok := x.v.(string)
	return s, ok
}

// Kind reports the JSON type.
func (x Value) Kind() Kind {
	if k := x.lit(); k != Null {
		return k
	}
	switch x.v.(type) {
	case nil:
		return Null
	case string:
		return String
	case json.Number, float64, float32, int, int64, int32, uint64, uint32:
		return Number
	case bool:
		return Bool
	case []any:
		return Array
	case map[string]any:
		return Object
	}
	return Null
}

// Text returns the textual form of a scalar: the string itself, a number as
// it was written (json.Number keeps the source digits), "true"/"false".
// ok is false for null, arrays and objects.
func (x Value) Text() (s string, ok bool) {
	if k := x.lit(); k != Null {
		return x.s, true
	}
	switch t := x.v.(type) {
	case string:
		return t, true
	case json.Number:
		return string(t), true
	case bool:
		if t {
			return "true", true
		}
		return "false", true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case int:
		return strconv.Itoa(t), true
	case int64:
		return strconv.FormatInt(t, 10), true
	case int32:
		return strconv.FormatInt(int64(t), 10), true
	case uint64:
		return strconv.FormatUint(t, 10), true
	case uint32:
		return strconv.FormatUint(uint64(t), 10), true
	case float32:
		return strconv.FormatFloat(float64(t), 'f', -1, 32), true
	}
	return "", false
}

// Float returns the value as a number: numbers directly, strings when they
// parse as one (so "4688" compares with 4688).
func (x Value) Float() (float64, bool) {
	if k := x.lit(); k != Null {
		f, err := strconv.ParseFloat(x.s, 64)
		return f, err == nil
	}
	switch t := x.v.(type) {
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	case float64:
		return t, true
	case int:
		return float64(t), true
	case int64:
		return float64(t), true
	case int32:
		return float64(t), true
	case uint64:
		return float64(t), true
	case uint32:
		return float64(t), true
	case float32:
		return float64(t), true
	case string:
		f, err := strconv.ParseFloat(t, 64)
		return f, err == nil
	}
	return 0, false
}

// Len returns the number of elements of an array (0 otherwise).
func (x Value) Len() int {
	a, _ := x.v.([]any)
	return len(a)
}

// Index returns element i of an array.
func (x Value) Index(i int) Value { return Value{v: x.v.([]any)[i]} }
