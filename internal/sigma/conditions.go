package sigma

import (
	"strings"

	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/sigma/condition"
	"go.yaml.in/yaml/v3"
)

// Condition is one parsed condition expression.
type Condition struct {
	Text  string
	AST   condition.Node // nil when the text did not parse
	Range diag.Range
}

// conditions reads a scalar condition or a list of them (OR-ed).
func (r *reader) conditions(n *yaml.Node) []Condition {
	var nodes []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		nodes = []*yaml.Node{n}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			r.errorf(n, CodeCondMissing, "give at least one condition", "condition list is empty")
		}
		for _, c := range n.Content {
			nodes = append(nodes, resolve(c))
		}
	default:
		r.errorf(n, CodeCondSyntax, "write the condition as a string, e.g. \"selection and not filter\"", "condition must be a string or a list of strings")
		return nil
	}
	var out []Condition
	for _, c := range nodes {
		if c.Kind != yaml.ScalarNode || isNull(c) {
			r.errorf(c, CodeCondSyntax, "write the condition as a string", "condition must be a string")
			continue
		}
		cond := Condition{Text: c.Value, Range: r.at(c)}
		if c.Style == yaml.SingleQuotedStyle || c.Style == yaml.DoubleQuotedStyle {
			cond.Range.Start.Column++ // point at the text, not the quote
		}
		ast, err := condition.Parse(c.Value)
		if err != nil {
			rng := cond.Range
			code, detail := CodeCondSyntax, "see the Condition section of the Sigma rules specification"
			if e, ok := err.(*condition.Error); ok {
				rng = offsetRangeSafe(cond, e.Offset)
				if e.Msg == condition.ErrPipe {
					code, detail = CodeCondPipe, "write a correlation rule (event_count, value_count, …) instead of an aggregation"
				}
				r.diags.Errorf(rng, code, detail, "condition: %s", e.Msg)
			} else {
				r.diags.Errorf(rng, code, detail, "condition: %v", err)
			}
		} else {
			cond.AST = ast
		}
		out = append(out, cond)
	}
	return out
}

// checkConditions binds names in the conditions to search identifiers.
func (r *reader) checkConditions(d *Detection, dn *yaml.Node) {
	used := map[string]bool{}
	for _, c := range d.Conditions {
		if c.AST == nil {
			continue
		}
		condition.Walk(c.AST, func(n condition.Node) {
			at := offsetRangeSafe(c, n.Offset())
			switch t := n.(type) {
			case *condition.Ident:
				if d.Search(t.Name) == nil {
					r.diags.Errorf(at, CodeCondUnknown, "define it under detection or fix the name", "condition references %q, which is not a search identifier", t.Name)
				}
				used[t.Name] = true
			case *condition.Of:
				names := Resolve(d, t)
				if len(names) == 0 {
					what := t.Pattern
					if t.Them {
						what = "them"
					}
					r.diags.Errorf(at, CodeCondPattern, "check the pattern against the search identifier names", "%q matches no search identifier", what)
				}
				for _, nm := range names {
					used[nm] = true
				}
				if t.Them && t.All {
					r.diags.Warnf(at, CodeAllOfThem, "name the selections (\"all of selection_*\") so filters can be added later", "\"all of them\" is discouraged by the specification")
				}
			}
		})
	}
	for _, c := range d.Conditions {
		if c.AST == nil {
			return // usage is unknown while a condition does not parse
		}
	}
	for _, s := range d.Searches {
		if !used[s.Name] && len(d.Conditions) > 0 {
			r.diags.Warnf(s.Range, CodeUnused, "use it in the condition or remove it", "search identifier %q is not used by the condition", s.Name)
		}
	}
}

// offsetRangeSafe moves the condition's start to a byte offset inside it;
// exact for single-line conditions (nearly all), the start otherwise.
func offsetRangeSafe(c Condition, off int) diag.Range {
	rng := c.Range
	if !strings.ContainsRune(c.Text, '\n') {
		rng.Start.Column += off
	}
	return rng
}

// Resolve lists the search identifiers an "x of" node refers to, in
// declaration order. "them" never includes names starting with '_'
// (specification); a pattern excludes them too, because the specification
// defines it as "them" restricted to matching names, unless the pattern
// itself starts with '_', which can only mean those names.
func Resolve(d *Detection, of *condition.Of) []string {
	var out []string
	for _, s := range d.Searches {
		hidden := strings.HasPrefix(s.Name, "_")
		switch {
		case of.Them:
			if !hidden {
				out = append(out, s.Name)
			}
		case condition.MatchPattern(of.Pattern, s.Name):
			if !hidden || strings.HasPrefix(of.Pattern, "_") {
				out = append(out, s.Name)
			}
		}
	}
	return out
}
