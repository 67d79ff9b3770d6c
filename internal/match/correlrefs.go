package match

import (
	"fmt"

	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// checkCorrelationRefs fails every correlation that names a rule or
// correlation (by id or name) that is not loaded: it could never fire, and
// saying so at load time beats silence at scan time. Correlations over
// correlations are resolved to a fixed point, so a chain fails as a whole
// when any link is missing.
func checkCorrelationRefs(docs []*sigma.Document, set *Set) {
	known := map[string]bool{}
	for _, r := range set.Rules {
		m := r.Meta()
		if m.ID != "" {
			known[m.ID] = true
		}
		if m.Name != "" {
			known[m.Name] = true
		}
	}
	pending := map[*sigma.Document][]string{}
	for _, d := range docs {
		if d.Kind == sigma.KindCorrelation && d.OK() && d.Correlation != nil {
			pending[d] = d.Correlation.Rules
		}
	}
	for changed := true; changed; {
		changed = false
		for d, refs := range pending {
			if allKnown(refs, known) {
				for _, k := range []string{d.Meta.ID, d.Meta.Name} {
					if k != "" {
						known[k] = true
					}
				}
				delete(pending, d)
				changed = true
			}
		}
	}
	for d, refs := range pending {
		for _, ref := range refs {
			if !known[ref] {
				d.Diags.Add(diag.Diagnostic{Severity: diag.Error, Code: sigma.CodeCorrelRef,
					Summary: fmt.Sprintf("correlation names %q, which is not a loaded rule or correlation", ref),
					Detail:  "load the referenced rule too (same file or another --rules path), or fix the id/name; a correlation whose rules are missing can never fire",
					Range:   d.Meta.Range, RuleID: d.Meta.ID, Title: d.Meta.Title})
			}
		}
		stamp(d)
	}
}

func allKnown(refs []string, known map[string]bool) bool {
	for _, r := range refs {
		if !known[r] {
			return false
		}
	}
	return true
}
