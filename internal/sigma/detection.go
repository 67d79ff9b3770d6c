package sigma

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// rule reads the detection-rule specific attributes.
func (r *reader) rule(n *yaml.Node) *Rule {
	ru := &Rule{Logsource: r.logsource(n)}
	dn := lookup(n, "detection")
	if dn == nil || isNull(dn) {
		r.errorf(n, CodeMissing, "add \"detection:\" with at least one search identifier and a condition", "required attribute \"detection\" is missing")
		return ru
	}
	ru.Detection = r.detection(dn, "detection", nil)
	return ru
}

// detection reads a detection-like mapping (a rule's detection or a
// filter's filter section). skip lists keys that are not search
// identifiers there (e.g. "rules" in a filter).
func (r *reader) detection(dn *yaml.Node, section string, skip []string) Detection {
	var d Detection
	if dn.Kind != yaml.MappingNode {
		r.errorf(dn, CodeDetection, "\""+section+"\" maps search identifiers to selections, plus a condition", "%q must be a mapping", section)
		return d
	}
	var condNode *yaml.Node
	for _, p := range r.pairs(dn) {
		name := p.key.Value
		switch {
		case name == "condition":
			condNode = p.val
			continue
		case name == "timeframe":
			r.warnf(p.key, CodeCondPipe, "timeframe belonged to v1 aggregations; express time windows with a correlation rule", "\"timeframe\" is ignored")
			continue
		case contains(skip, name):
			continue
		}
		if s := r.search(name, p.key, p.val); s != nil {
			d.Searches = append(d.Searches, s)
		}
	}
	if condNode == nil || isNull(condNode) {
		r.errorf(dn, CodeCondMissing, "add \"condition:\", e.g. \"condition: selection\"", "%s has no condition", section)
		return d
	}
	d.Conditions = r.conditions(condNode)
	r.checkConditions(&d, dn)
	return d
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// search reads one search identifier.
func (r *reader) search(name string, key, v *yaml.Node) *Search {
	s := &Search{Name: name, Range: r.at(key)}
	switch v.Kind {
	case yaml.MappingNode:
		s.Alternatives = [][]*Item{r.items(v)}
	case yaml.SequenceNode:
		if len(v.Content) == 0 {
			r.errorf(v, CodeSearch, "add at least one value or map", "search identifier %q is an empty list", name)
			return nil
		}
		maps, scalars := 0, 0
		for _, c := range v.Content {
			switch resolve(c).Kind {
			case yaml.MappingNode:
				maps++
			case yaml.ScalarNode:
				scalars++
			default:
				r.errorf(c, CodeSearch, "list entries are maps (field: value) or plain keywords", "nested list in search identifier %q", name)
				return nil
			}
		}
		switch {
		case maps > 0 && scalars > 0:
			r.errorf(v, CodeSearch, "split keywords and field maps into two search identifiers", "search identifier %q mixes keywords and field maps", name)
			return nil
		case maps > 0:
			for _, c := range v.Content {
				s.Alternatives = append(s.Alternatives, r.items(resolve(c)))
			}
		default:
			it := &Item{Keyword: true, Range: r.at(v)}
			it.Values = r.values(v)
			r.checkChain(it)
			s.Alternatives = [][]*Item{{it}}
		}
	case yaml.ScalarNode:
		if isNull(v) {
			r.errorf(v, CodeSearch, "give it a map of field: value, or a list of keywords", "search identifier %q is empty", name)
			return nil
		}
		it := &Item{Keyword: true, Range: r.at(v), Values: r.values(v)}
		r.checkChain(it)
		s.Alternatives = [][]*Item{{it}}
	default:
		r.errorf(v, CodeSearch, "give it a map of field: value, or a list of keywords", "search identifier %q has an unsupported form", name)
		return nil
	}
	return s
}

// items reads one map of "field|modifiers: values" entries (AND-ed).
func (r *reader) items(m *yaml.Node) []*Item {
	var out []*Item
	ps := r.pairs(m)
	if len(ps) == 0 {
		r.errorf(m, CodeSearch, "add at least one field: value", "empty map in a search identifier")
	}
	for _, p := range ps {
		parts := strings.Split(p.key.Value, "|")
		it := &Item{Field: parts[0], Range: r.at(p.key)}
		it.Keyword = it.Field == ""
		ok := true
		for _, m := range parts[1:] {
			info, known := Modifier(m)
			if !known {
				r.errorf(p.key, CodeModifier, "use a modifier from the Sigma modifiers appendix (contains, startswith, endswith, re, cidr, …)", "unknown modifier %q", m)
				ok = false
				continue
			}
			it.Modifiers = append(it.Modifiers, info.Canonical)
		}
		switch p.val.Kind {
		case yaml.MappingNode:
			r.errorf(p.val, CodeSearch, "a field takes a value or a list of values; nested maps are not Sigma", "field %q has a map as value", it.Field)
			continue
		case yaml.SequenceNode:
			if len(p.val.Content) == 0 {
				r.errorf(p.val, CodeSearch, "give at least one value", "field %q has an empty value list", it.Field)
				continue
			}
		}
		it.Values = r.values(p.val)
		if ok {
			r.checkChain(it)
		}
		out = append(out, it)
	}
	return out
}

// values reads a scalar or a list of scalars.
func (r *reader) values(n *yaml.Node) []Value {
	if n.Kind == yaml.ScalarNode {
		return []Value{r.value(n)}
	}
	var out []Value
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode {
			r.errorf(c, CodeSearch, "values are plain strings, numbers, booleans or null", "nested structure in a value list")
			continue
		}
		out = append(out, r.value(c))
	}
	return out
}

func (r *reader) value(n *yaml.Node) Value {
	v := Value{Text: n.Value, Range: r.at(n)}
	switch n.ShortTag() {
	case "!!int", "!!float":
		v.Kind = VNumber
	case "!!bool":
		v.Kind = VBool
	case "!!null":
		v.Kind, v.Text = VNull, ""
	default:
		v.Kind = VString
	}
	return v
}
