package winevent

import "strings"

// put stores a section field, applying the collision rules of Flatten.
func (f *flattener) put(key string, v any, section string) {
	v = trimValue(v)
	if f.isSystem(key) {
		key = section + "_" + key
	}
	old, dup := f.out.get(key)
	if !dup {
		f.out.set(key, v)
		return
	}
	// A list this flattener made for duplicates is appended in place (so
	// many duplicates stay linear); any other list value may be shared with
	// the caller and is copied once.
	list, ok := old.([]any)
	if !ok {
		list = []any{old}
	} else if !f.owned[key] {
		list = append(make([]any, 0, len(list)+1), list...)
	}
	if f.owned == nil {
		f.owned = make(map[string]bool)
	}
	f.owned[key] = true
	f.out.set(key, append(list, v))
}

func (f *flattener) isSystem(key string) bool {
	for _, k := range f.sysSet {
		if k == key {
			return true
		}
	}
	return false
}

func isXMLNS(name string) bool {
	return name == "xmlns" || len(name) > 6 && name[:6] == "xmlns:"
}

// trimValue removes trailing spaces from a string or from each string of a
// list (copying the list: it may be shared with the caller's data).
func trimValue(v any) any {
	switch t := v.(type) {
	case string:
		if len(t) == 0 || t[len(t)-1] != ' ' {
			return v // unchanged: no new interface value to allocate
		}
		return strings.TrimRight(t, " ")
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = trimValue(x)
		}
		return out
	}
	return v
}
