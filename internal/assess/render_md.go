package assess

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown renders the assessment as a report to paste into a ticket or wiki.
func WriteMarkdown(w io.Writer, a *Assessment, top int) error {
	s := a.Summary
	fmt.Fprintf(w, "# Threat-informed assessment: %s\n\n", a.Organisation)
	fmt.Fprintf(w, "ATT&CK %s %s · sectors %s · countries %s · platforms %s\n\n", a.Attack.Version, viewNote(a),
		strings.Join(a.Profile.Sectors, ", "), orNone(a.Profile.Countries), strings.Join(a.Profile.Platforms, ", "))
	fmt.Fprintf(w, "**%d threat groups** target organisations like this one. **%d techniques** are scored; of the top %d, **%d covered**, %d partial, **%d gaps**. %d rules loaded, %d runnable on the collected logs (%s).\n\n",
		s.Groups, s.Techniques, s.TopN, s.TopCovered, s.TopPartial, s.TopGaps, s.Rules, s.RulesRunnable, strings.Join(a.Profile.Inventory, ", "))
	fmt.Fprintf(w, "## Threat groups\n\n| group | name | confidence | evidence |\n|---|---|---|---|\n")
	for i, g := range a.Threats {
		if i == 25 {
			fmt.Fprintf(w, "| … | %d more | | |\n", len(a.Threats)-25)
			break
		}
		fmt.Fprintf(w, "| %s | %s | %.2f | %s |\n", g.ID, mdEscape(g.Name), g.Confidence, mdEscape(evidenceLine(g.Sectors, g.Countries)))
	}
	fmt.Fprintf(w, "\n## Top %d priorities\n\n| # | technique | score | groups | visibility | rules (runnable) | detection | status |\n|---|---|---|---|---|---|---|---|\n", top)
	for i, t := range a.Techniques {
		if i == top {
			break
		}
		c := t.Coverage
		fmt.Fprintf(w, "| %d | %s %s | %.2f | %d | %.0f%% | %d (%d) | %.0f%% | %s |\n", t.Rank, t.ID, mdEscape(t.Name), t.Score.Score, t.Groups,
			c.Visibility.Score*100, len(c.Rules), c.Runnable, c.Detection*100, c.Status)
	}
	fmt.Fprintf(w, "\n## Gap backlog\n\n")
	for i, g := range a.Gaps {
		if i == top {
			break
		}
		fmt.Fprintf(w, "### %d. %s %s (gap %.2f, priority #%d, %s)\n\n- **Why it matters:** %s\n- **What is missing:** %s\n- **What would close it:** %s\n",
			g.Rank, g.ID, mdEscape(g.Name), g.GapScore, g.PriorityRank, g.Kind, mdEscape(g.Why), mdEscape(g.Missing), mdEscape(g.Close))
		for _, t := range g.Tests {
			fmt.Fprintf(w, "- **Validate with:** Atomic Red Team %s test %d, %s (`%s`, %s)\n", t.Technique, t.Number, mdEscape(t.Name), t.GUID, t.Executor)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "## Improvements to what is collected\n\n| change | rules made runnable | techniques gaining detection | of them in top %d | top techniques gaining visibility |\n|---|---|---|---|---|\n", s.TopN)
	for i, imp := range a.Improvements {
		if i == 15 {
			break
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d |\n", mdEscape(imp.Description), imp.RulesUnlocked, len(imp.TechniquesGained), imp.TopGained, len(imp.VisibilityGained))
	}
	return nil
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
