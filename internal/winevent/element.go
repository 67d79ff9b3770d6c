// Package winevent defines the one flat field set that vigil presents to Sigma
// rules for a Windows event, whatever the file it came from: a binary EVTX
// record, an evtx_dump-style nested JSON object or a flat Security-Datasets
// (Mordor) JSON line. Rules are written against Windows' own names
// (EventID, Channel, Image, CommandLine, ...), so every reader must end in the
// same keys with the same value text; this package is the single place that
// decides them.
//
// It imports the standard library only, so both the EVTX parser and the JSON
// readers can use it without depending on each other.
package winevent

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Element is one XML element of a rendered event. The EVTX parser builds a
// tree of these from BinXML and FromEvtxDump builds one from nested JSON, so
// that both go through the same Flatten and cannot drift apart.
type Element struct {
	Name     string
	Attrs    []Attr
	Children []*Element
	// Value is the element's text content: nil when empty, otherwise a
	// string, json.Number, bool or []any (an array substitution).
	Value any
}

// Attr is one XML attribute; Value has the same types as Element.Value.
type Attr struct {
	Name  string
	Value any
}

// AddText appends a piece of text content. A lone value keeps its type (a
// UInt32 substitution stays a number); several pieces are concatenated as
// text, which is what an XML renderer would show.
func AddText(cur, v any) any {
	if v == nil {
		return cur
	}
	if cur == nil {
		return v
	}
	return Text(cur) + Text(v)
}

// Child returns the first child element with the given name, or nil.
func (e *Element) Child(name string) *Element {
	for _, c := range e.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Attr returns the value of the named attribute.
func (e *Element) Attr(name string) (any, bool) {
	for _, a := range e.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return nil, false
}

// Text returns the textual form of a field value as a rule would compare it:
// numbers as written, booleans as "true"/"false", arrays comma-joined, nil as
// the empty string.
func Text(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return string(t)
	case bool:
		if t {
			return "true"
		}
		return "false"
	case []any:
		parts := make([]string, len(t))
		for i, x := range t {
			parts[i] = Text(x)
		}
		return strings.Join(parts, ",")
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case int:
		return strconv.Itoa(t)
	case int64:
		return strconv.FormatInt(t, 10)
	}
	return ""
}
