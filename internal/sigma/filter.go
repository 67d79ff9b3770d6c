package sigma

import "go.yaml.in/yaml/v3"

// Filter is a Sigma meta filter: a detection applied to the rules it names.
type Filter struct {
	Logsource Logsource
	// Rules are rule ids or names; "any" (pySigma extension) is kept as is.
	Rules     []string
	Detection Detection
}

func (r *reader) filter(n *yaml.Node) *Filter {
	f := &Filter{Logsource: r.logsource(n)}
	fn := lookup(n, "filter")
	if fn.Kind != yaml.MappingNode {
		r.errorf(fn, CodeFilter, "filter holds rules, the selection(s) and a condition", "\"filter\" must be a mapping")
		return f
	}
	rn := lookup(fn, "rules")
	switch {
	case rn == nil || isNull(rn):
		r.errorf(fn, CodeFilter, "list the ids or names of the rules this filter applies to under filter.rules", "filter names no rules")
	case rn.Kind == yaml.ScalarNode:
		f.Rules = []string{rn.Value}
	case rn.Kind == yaml.SequenceNode:
		for _, c := range rn.Content {
			c = resolve(c)
			if c.Kind != yaml.ScalarNode || c.Value == "" {
				r.errorf(c, CodeFilter, "each entry is a rule id or name", "filter.rules entry must be a string")
				continue
			}
			f.Rules = append(f.Rules, c.Value)
		}
		if len(rn.Content) == 0 {
			r.errorf(rn, CodeFilter, "list at least one rule id or name", "filter.rules is empty")
		}
	default:
		r.errorf(rn, CodeFilter, "list rule ids or names", "filter.rules must be a list")
	}
	f.Detection = r.detection(fn, "filter", []string{"rules"})
	if len(f.Detection.Searches) == 0 {
		r.errorf(fn, CodeFilter, "add the selection the filter suppresses, e.g. \"selection: {User|startswith: adm_}\"", "filter has no selection")
	}
	return f
}
