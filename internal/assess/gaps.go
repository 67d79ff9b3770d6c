package assess

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/coverage"
	"github.com/vigil-sec/vigil/internal/priority"
)

// gaps ranks techniques whose detection is below "covered" by priority ×
// (1 − detection) and explains each.
func (in Input) gaps(a *Assessment, d *attack.Domain) []Gap {
	var out []Gap
	for _, t := range a.Techniques {
		c := t.Coverage
		if c.Detection >= coverage.Covered || t.GapScore <= 0 {
			continue
		}
		g := Gap{ID: t.ID, Name: t.Name, Tactics: t.Tactics, PriorityRank: t.Rank, Priority: t.Score.Score,
			Detection: c.Detection, Visibility: c.Visibility.Score, GapScore: t.GapScore, Kind: c.Status,
			Why: why(t.Score, len(a.Threats)), Missing: missing(c)}
		g.Close, g.Improvement = closeGap(t.ID, c, a.Improvements, in.TopN)
		g.Tests = in.Atomic.For(t.ID, in.Profile.Platforms)
		if len(g.Tests) > 3 {
			g.Tests = g.Tests[:3]
		}
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].GapScore != out[j].GapScore {
			return out[i].GapScore > out[j].GapScore
		}
		return out[i].ID < out[j].ID
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// why says which groups make the technique matter, and how they use it.
func why(s priority.Score, groups int) string {
	via := map[string]int{}
	var names []string
	for _, c := range s.Contributions {
		via[c.Via]++
		if len(names) < 4 && c.Kind == "group" {
			names = append(names, fmt.Sprintf("%s %s (%.2f)", c.Source, c.Name, c.Confidence))
		}
	}
	var parts []string
	for _, k := range []string{"direct", "campaign", "software"} {
		if via[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", via[k], map[string]string{"direct": "directly", "campaign": "through attributed campaigns", "software": "through their software"}[k]))
		}
	}
	return fmt.Sprintf("used by %d of the %d groups that target you (%s); strongest: %s",
		s.Groups, groups, strings.Join(parts, ", "), strings.Join(names, ", "))
}

// missing says what is absent: logs, rules, or rules' logs.
func missing(c *coverage.Technique) string {
	// Only data components with no collected source are missing.
	seen := map[string]bool{}
	for _, n := range c.Visibility.Needed {
		seen[n.DataComponent] = seen[n.DataComponent] || n.Collected
	}
	needed := []string{}
	for _, n := range c.Visibility.Needed {
		if !seen[n.DataComponent] {
			needed = append(needed, fmt.Sprintf("%s (%s)", n.DataComponent, strings.TrimSpace(n.Name+" "+n.Channel)))
		}
	}
	logs := ""
	if len(needed) > 0 {
		logs = fmt.Sprintf(" Not collected for ATT&CK analytic %s (%s): %s.", c.Visibility.Analytic, c.Visibility.Platform, strings.Join(needed, "; "))
	}
	switch c.Status {
	case "partial":
		return fmt.Sprintf("%d runnable rule(s) give detection %.0f%%; more or stronger rules are needed.%s", c.Runnable, c.Detection*100, logs)
	case "rules-not-runnable":
		return fmt.Sprintf("%d rule(s) target it, but none can run: their log sources are not collected.%s", len(c.Rules), logs)
	case "no-rule":
		if c.Runnable > 0 {
			return fmt.Sprintf("logs but no usable rule: its %d runnable rule(s) are deprecated or unsupported and count for nothing; a maintained rule is needed.%s", c.Runnable, logs)
		}
		return fmt.Sprintf("logs but no rule: the collected logs give %.0f%% of the data components ATT&CK analytic %s reads, and no rule targets it.%s", c.Visibility.Score*100, c.Visibility.Analytic, logs)
	}
	if c.Visibility.Note != "" {
		return "no logs and no rule: " + c.Visibility.Note + "."
	}
	return "no logs and no rule: nothing collected covers the log sources of its ATT&CK analytics." + logs
}

// closeGap picks the inventory change that helps this technique most: one
// that makes its rules runnable, else one that gives it visibility; with
// neither, the answer is to write a rule. Improvements are ranked by how
// many top techniques they help, cheapest first among equals.
func closeGap(id string, c *coverage.Technique, imps []Improvement, topN int) (string, string) {
	for _, imp := range imps { // sorted: most top techniques gained first
		if contains(imp.TechniquesGained, id) {
			return fmt.Sprintf("%s → %d existing rules become runnable, covering %d of your top-%d techniques",
				imp.Description, imp.RulesUnlocked, imp.TopGained, topN), imp.ID
		}
	}
	for _, imp := range imps {
		if contains(imp.VisibilityGained, id) {
			return fmt.Sprintf("%s → gives the logs ATT&CK analytic %s needs; then write a rule for it", imp.Description, c.Visibility.Analytic), imp.ID
		}
	}
	if c.Visibility.Score > 0 {
		return fmt.Sprintf("write a rule: %.0f%% of the data components ATT&CK analytic %s reads are collected already", c.Visibility.Score*100, c.Visibility.Analytic), ""
	}
	return "no source in vigil's inventory catalogue covers this technique's analytics on your platforms; consider telemetry for " + strings.Join(neededNames(c), ", "), ""
}

func neededNames(c *coverage.Technique) []string {
	var out []string
	for _, n := range c.Visibility.Needed {
		if !contains(out, n.Name) {
			out = append(out, n.Name)
		}
	}
	if len(out) == 0 {
		out = []string{"(no ATT&CK analytic on your platforms)"}
	}
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
