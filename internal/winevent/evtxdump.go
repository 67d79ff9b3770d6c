package winevent

import "sort"

// FromEvtxDump flattens one event in the nested JSON shape written by
// evtx_dump and similar tools:
//
//	{"Event": {"System": {"Provider": {"#attributes": {"Name": ...}}, "EventID": 7, ...},
//	           "EventData": {...} | "UserData": {...}}}
//
// ok is false when m is not that shape (no Event.System object). The result
// is the same map Flatten gives for the binary EVTX record: the JSON is first
// rebuilt as an Element tree so that both paths share every naming rule.
func FromEvtxDump(m map[string]any) (map[string]any, bool) {
	ev, ok := m["Event"].(map[string]any)
	if !ok {
		return nil, false
	}
	if _, ok := ev["System"].(map[string]any); !ok {
		return nil, false
	}
	root := jsonElements("Event", ev)
	return Flatten(root[0]), true
}

// jsonElements rebuilds elements from evtx_dump JSON: "#attributes" holds the
// attributes, "#text" the text, other keys are child elements, and a list is
// the same element repeated. Keys are visited sorted so that the result does
// not depend on Go's map order.
func jsonElements(name string, v any) []*Element {
	switch t := v.(type) {
	case []any:
		var out []*Element
		for _, x := range t {
			out = append(out, jsonElements(name, x)...)
		}
		return out
	case map[string]any:
		e := &Element{Name: name}
		for _, k := range sortedKeys(t) {
			x := t[k]
			switch k {
			case "#attributes":
				attrs, _ := x.(map[string]any)
				for _, an := range sortedKeys(attrs) {
					e.Attrs = append(e.Attrs, Attr{Name: an, Value: attrs[an]})
				}
			case "#text":
				e.Value = x
			default:
				e.Children = append(e.Children, jsonElements(k, x)...)
			}
		}
		return []*Element{e}
	}
	return []*Element{{Name: name, Value: v}}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
