package event

import "strings"

// Map is an Event over a decoded JSON object.
type Map map[string]any

// Get implements Event. The literal key is tried first because some sources
// (e.g. ECS exports) flatten "process.name" into a single key.
func (m Map) Get(field string) (Value, bool) {
	if v, ok := m[field]; ok {
		return Value{v}, true
	}
	cur := map[string]any(m)
	rest := field
	for {
		i := strings.IndexByte(rest, '.')
		if i < 0 {
			v, ok := cur[rest]
			return Value{v}, ok
		}
		next, ok := cur[rest[:i]].(map[string]any)
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
		return Value{v}, true
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
	return fn(Value{v})
}
