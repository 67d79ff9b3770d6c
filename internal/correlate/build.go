package correlate

import (
	"fmt"

	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// target is what a reference in correlation.rules resolves to.
type target struct {
	rule *match.Rule
	node *node
}

// build resolves every loadable correlation's references (by id, then by
// name) to compiled rules or other correlations, fails those that name
// something missing or take part in a cycle (an error diagnostic on the
// document), and returns the rest inputs-first.
func build(docs []*sigma.Document, rules []*match.Rule) []*node {
	byID, byName := map[string]target{}, map[string]target{}
	for _, r := range rules {
		m := r.Meta()
		if m.ID != "" {
			byID[m.ID] = target{rule: r}
		}
		if m.Name != "" {
			byName[m.Name] = target{rule: r}
		}
	}
	var all []*node
	for _, d := range docs {
		if d.Kind != sigma.KindCorrelation || !d.OK() || d.Correlation == nil || d.Correlation.Timespan <= 0 {
			continue
		}
		n := &node{doc: d, c: d.Correlation, ts: int64(d.Correlation.Timespan)}
		all = append(all, n)
		if id := d.Meta.ID; id != "" {
			if _, taken := byID[id]; !taken {
				byID[id] = target{node: n}
			}
		}
		if name := d.Meta.Name; name != "" {
			if _, taken := byName[name]; !taken {
				byName[name] = target{node: n}
			}
		}
	}
	failed := map[*node]bool{}
	for _, n := range all {
		idx := map[target]int{}
		for _, ref := range n.c.Rules {
			t, ok := byID[ref]
			if !ok {
				t, ok = byName[ref]
			}
			if !ok {
				fail(n, failed, sigma.CodeCorrelRef, fmt.Sprintf("correlation names %q, which is not a loaded rule or correlation", ref),
					"load the referenced rule too, or fix the id/name; a correlation whose rules are missing can never fire")
				break
			}
			i, seen := idx[t]
			if !seen {
				i = len(n.inputs)
				idx[t] = i
				n.inputs = append(n.inputs, &feed{ref: ref, rule: t.rule, node: t.node})
			}
			n.steps = append(n.steps, i)
		}
	}
	// Fail correlations over failed ones, and cycles.
	for changed := true; changed; {
		changed = false
		for _, n := range all {
			if failed[n] {
				continue
			}
			for _, in := range n.inputs {
				if in.node != nil && failed[in.node] {
					fail(n, failed, sigma.CodeCorrelRef, fmt.Sprintf("correlation names %q, which cannot be evaluated", in.ref),
						"fix the referenced correlation first (see its diagnostics)")
					changed = true
					break
				}
			}
		}
	}
	var order []*node
	state := map[*node]int{} // 1 visiting, 2 done
	var visit func(n *node) bool
	visit = func(n *node) bool {
		switch state[n] {
		case 1:
			return false
		case 2:
			return !failed[n]
		}
		state[n] = 1
		ok := true
		for _, in := range n.inputs {
			if in.node != nil && !visit(in.node) {
				ok = false
			}
		}
		state[n] = 2
		if !ok {
			fail(n, failed, sigma.CodeCorrelation, "correlation takes part in a cycle of correlations (or reads one that does)",
				"a correlation cannot read its own alerts, directly or through others; break the cycle")
			return false
		}
		order = append(order, n)
		return true
	}
	for _, n := range all {
		if !failed[n] {
			visit(n)
		}
	}
	for _, n := range order {
		for _, in := range n.inputs {
			in.groupFields = resolveFields(n.c, in, n.c.GroupBy)
			in.valueFields = resolveFields(n.c, in, n.c.Fields)
		}
	}
	return order
}

// resolveFields maps group-by (or condition.field) names through the
// correlation's aliases for one input: an alias maps the input's rule,
// named by the reference used in rules, its name or its id, to a field.
func resolveFields(c *sigma.Correlation, in *feed, names []string) []string {
	out := make([]string, len(names))
	var meta *sigma.Meta
	if in.rule != nil {
		meta = in.rule.Meta()
	} else {
		meta = &in.node.doc.Meta
	}
	for i, g := range names {
		out[i] = g
		m, ok := c.Aliases[g]
		if !ok {
			continue
		}
		for _, k := range []string{in.ref, meta.Name, meta.ID} {
			if f, ok := m[k]; ok && k != "" {
				out[i] = f
				break
			}
		}
	}
	return out
}

func fail(n *node, failed map[*node]bool, code, summary, detail string) {
	if failed[n] {
		return
	}
	failed[n] = true
	d := n.doc
	d.Diags.Add(diag.Diagnostic{Severity: diag.Error, Code: code, Summary: summary, Detail: detail,
		Range: d.Meta.Range, RuleID: d.Meta.ID, Title: d.Meta.Title})
}
