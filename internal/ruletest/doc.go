// Package ruletest proves rules: it runs SigmaHQ's regression layout (an
// info.yml per rule naming an EVTX, its JSON twin and the expected match
// count) and the example events rules carry under their "tests" key. Both
// evaluate through the same log source routing as a scan, so a passing test
// means the rule fires in a real scan.
package ruletest

import (
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/scan"
)

// Result is one test's outcome.
type Result struct {
	Name   string `json:"name"`
	Rule   string `json:"rule"`
	RuleID string `json:"rule_id"`
	Passed bool   `json:"passed"`
	Detail string `json:"detail"`
}

// Env evaluates single rules the way a scan would.
type Env struct {
	Mapping *logsource.Mapping
}

// router routes events to one rule only.
func (e Env) router(r *match.Rule) *scan.Router {
	return scan.NewRouter(scan.NewPlan([]*match.Rule{r}, scan.Selection{}, e.Mapping), e.Mapping)
}
