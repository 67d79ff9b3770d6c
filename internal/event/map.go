package event

import "strings"

// Map is an Event over a decoded JSON object.
type Map map[string]any

// Get implements Event. The literal key is tried first because some sources
// (e.g. ECS exports) flatten "process.name" into a single key.
func (m Map) Get(field string) (Value, bool) {
	if v, ok := m[field]; ok {
		return Value{v: v}, true
	}
	cur := map[string]any(m)
	rest := field
	for {
		i := strings.IndexByte(rest, '.')
		if i < 0 {
			v, ok := cur[rest]
			return Value{v: v}, ok
		}
		child := cur[rest[:i]]
		if arr, isArr := child.([]any); isArr {
			return getThroughArray(arr, rest[i+1:])
		}
		next, ok := child.(map[string]any)
		if !ok {
			// A longer literal key may still hold the remainder ("a" then "b.c").
			if v, ok := lookupDotted(cur, rest); ok {
				return v, true
			}
			return Value{}, false
		}
		rest = rest[i+1:]
		cur = next
	}
}

// lookupDotted tries every split of path against nested maps, for keys that
// themselves contain dots below the top level. Rare; only reached on a miss.
func lookupDotted(cur map[string]any, path string) (Value, bool) {
	if v, ok := cur[path]; ok {
		return Value{v: v}, true
	}
	for i := 0; i < len(path); i++ {
		if path[i] != '.' {
			continue
		}
		if next, ok := cur[path[:i]].(map[string]any); ok {
			if v, ok := lookupDotted(next, path[i+1:]); ok {
				return v, true
			}
		}
	}
	return Value{}, false
}

// Walk implements Event, visiting scalars depth-first. Map iteration order is
// random, which is fine: callers only ask "does any value satisfy this".
func (m Map) Walk(fn func(Value) bool) bool { return walk(map[string]any(m), fn) }

func walk(v any, fn func(Value) bool) bool {
	switch t := v.(type) {
	case map[string]any:
		for _, c := range t {
			if !walk(c, fn) {
				return false
			}
		}
		return true
	case []any:
		for _, c := range t {
			if !walk(c, fn) {
				return false
			}
		}
		return true
	}
	return fn(Value{v: v})
}

// getThroughArray resolves the rest of a dotted path in every object of an
// array ("answers.type" over answers: [{type: A}, {type: CNAME}]) and
// returns the values found as an array, so any of them can match. This is
// the one Get path that allocates; flat and nested-object lookups do not.
func getThroughArray(arr []any, rest string) (Value, bool) {
	var out []any
	for _, el := range arr {
		m, ok := el.(map[string]any)
		if !ok {
			continue
		}
		if v, ok := Map(m).Get(rest); ok {
			out = append(out, v.v)
		}
	}
	if out == nil {
		return Value{}, false
	}
	return Value{v: out}, true
}
