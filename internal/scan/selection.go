package scan

import (
	"fmt"
	"strings"

	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
)

// levels orders Sigma levels; an unknown or missing level ranks lowest.
var levels = []string{"informational", "low", "medium", "high", "critical"}

// LevelRank returns a level's position (0 for informational or unknown).
func LevelRank(l string) int {
	for i, v := range levels {
		if strings.EqualFold(v, l) {
			return i
		}
	}
	return 0
}

// ValidLevel reports whether l is a Sigma level.
func ValidLevel(l string) bool {
	for _, v := range levels {
		if v == strings.ToLower(l) {
			return true
		}
	}
	return false
}

// Selection chooses which loaded rules take part in a scan.
type Selection struct {
	MinLevel        string   // drop rules below this level ("" keeps all)
	Status          []string // keep only these statuses (empty keeps all)
	Tags            []string // keep rules with a tag equal to, or under, one of these (attack.t1059 keeps attack.t1059.001)
	StrictLogsource bool     // skip rules whose log source no pipeline maps, instead of evaluating them on every event
	// Keep names rules that must run whatever the filters say (the base
	// rules of correlations); filtered ones run without emitting alerts.
	Keep map[*match.Rule]bool
}

// Skip is a loaded rule that will not run, and why.
type Skip struct {
	Rule   *match.Rule
	Reason string
}

// Plan is the outcome of selecting and routing rules.
type Plan struct {
	Active   []*match.Rule // rules that run
	Unmapped []*match.Rule // active rules no pipeline maps: they see every event
	Skipped  []Skip
	Quiet    []*match.Rule // active only for correlations: the filters drop their own alerts
}

// Emits reports whether a running rule's own alerts are written (it passed
// the filters); suppressed is the correlations' generate: false set.
func (p Plan) Emits(suppressed func(*match.Rule) bool) map[*match.Rule]bool {
	quiet := map[*match.Rule]bool{}
	for _, r := range p.Quiet {
		quiet[r] = true
	}
	out := map[*match.Rule]bool{}
	for _, r := range p.Active {
		out[r] = !quiet[r] && (suppressed == nil || !suppressed(r))
	}
	return out
}

// NewPlan applies the selection to rules and checks each log source against the mapping.
func NewPlan(rules []*match.Rule, sel Selection, m *logsource.Mapping) Plan {
	var p Plan
	for _, r := range rules {
		meta := r.Meta()
		reason := ""
		switch {
		case sel.MinLevel != "" && LevelRank(meta.Level) < LevelRank(sel.MinLevel):
			reason = fmt.Sprintf("level %s is below --min-level %s", orNone(meta.Level), sel.MinLevel)
		case len(sel.Status) > 0 && !containsFold(sel.Status, meta.Status):
			reason = fmt.Sprintf("status %s is not in --status %s", orNone(meta.Status), strings.Join(sel.Status, ","))
		case len(sel.Tags) > 0 && !hasTag(meta.Tags, sel.Tags):
			reason = "no tag matches --tags " + strings.Join(sel.Tags, ",")
		}
		if reason != "" {
			if !sel.Keep[r] {
				p.Skipped = append(p.Skipped, Skip{r, reason})
				continue
			}
			p.Quiet = append(p.Quiet, r)
		}
		if m.Routes(ruleLogsource(r)) == nil {
			if sel.StrictLogsource {
				p.Skipped = append(p.Skipped, Skip{r, "log source " + ruleLogsource(r).String() + " is not mapped by any pipeline (--strict-logsource)"})
				continue
			}
			p.Unmapped = append(p.Unmapped, r)
		}
		p.Active = append(p.Active, r)
	}
	return p
}

func ruleLogsource(r *match.Rule) logsource.Logsource {
	return logsource.Of(r.Logsource.Product, r.Logsource.Category, r.Logsource.Service)
}

func hasTag(tags, want []string) bool {
	for _, t := range tags {
		t = strings.ToLower(t)
		for _, w := range want {
			w = strings.ToLower(w)
			if t == w || strings.HasPrefix(t, w+".") {
				return true
			}
		}
	}
	return false
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
