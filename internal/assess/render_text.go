package assess

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/vigil-sec/vigil/internal/threat"
)

// WriteText renders the assessment for a terminal: headline, threat groups,
// top priorities with coverage, the gap backlog and the best improvements.
func WriteText(w io.Writer, a *Assessment, top int) error {
	s := a.Summary
	fmt.Fprintf(w, "vigil assessment: %s\n", a.Organisation)
	fmt.Fprintf(w, "ATT&CK %s %s; sectors %s; countries %s; platforms %s\n", a.Attack.Version, viewNote(a),
		strings.Join(a.Profile.Sectors, ", "), orNone(a.Profile.Countries), strings.Join(a.Profile.Platforms, ", "))
	fmt.Fprintf(w, "inventory: %s; rules: %d loaded (%d for platforms you do not run, left out), %d runnable on it, %d tagged with a technique\n\n",
		strings.Join(a.Profile.Inventory, ", "), s.Rules, s.RulesOtherPlatforms, s.RulesRunnable, s.RulesWithTechnique)
	fmt.Fprintf(w, "%d threat groups target organisations like yours; %d techniques scored. Top %d: %d covered, %d partial, %d gaps.\n\n",
		s.Groups, s.Techniques, s.TopN, s.TopCovered, s.TopPartial, s.TopGaps)

	fmt.Fprintf(w, "THREAT GROUPS (top %d of %d; `vigil threats` lists all with evidence)\n", min(10, len(a.Threats)), len(a.Threats))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "GROUP\tNAME\tCONFIDENCE\tEVIDENCE")
	for i, g := range a.Threats {
		if i == 10 {
			break
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%s\n", g.ID, g.Name, g.Confidence, evidenceLine(g.Sectors, g.Countries))
	}
	tw.Flush()

	fmt.Fprintf(w, "\nTOP %d PRIORITIES (score = sum of group contributions; --explain ID takes one apart)\n", top)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tTECHNIQUE\tNAME\tSCORE\tGROUPS\tVISIBILITY\tRULES (RUNNABLE)\tDETECTION\tSTATUS")
	for i, t := range a.Techniques {
		if i == top {
			break
		}
		c := t.Coverage
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.2f\t%d\t%.0f%%\t%d (%d)\t%.0f%%\t%s\n", t.Rank, t.ID, clip(t.Name, 40), t.Score.Score, t.Groups,
			c.Visibility.Score*100, len(c.Rules), c.Runnable, c.Detection*100, c.Status)
	}
	tw.Flush()

	fmt.Fprintf(w, "\nGAP BACKLOG (top %d of %d; priority × (1 − detection))\n", min(top, len(a.Gaps)), len(a.Gaps))
	for i, g := range a.Gaps {
		if i == top {
			break
		}
		fmt.Fprintf(w, "%2d. %s %s  [gap %.2f, priority #%d, %s]\n", g.Rank, g.ID, g.Name, g.GapScore, g.PriorityRank, g.Kind)
		fmt.Fprintf(w, "    why:     %s\n    missing: %s\n    close:   %s\n", g.Why, g.Missing, g.Close)
		if len(g.Tests) > 0 {
			var tests []string
			for _, t := range g.Tests {
				tests = append(tests, fmt.Sprintf("%s #%d %s", t.Technique, t.Number, t.Name))
			}
			fmt.Fprintf(w, "    test:    Atomic Red Team %s\n", strings.Join(tests, "; "))
		}
	}
	fmt.Fprintf(w, "\nBEST IMPROVEMENTS TO WHAT YOU COLLECT\n")
	for i, imp := range a.Improvements {
		if i == 8 {
			break
		}
		fmt.Fprintf(w, "  [%s] %s → %d rules runnable, detection for %d techniques (%d in your top %d), visibility for %d top techniques\n",
			imp.Effort, imp.Description, imp.RulesUnlocked, len(imp.TechniquesGained), imp.TopGained, a.Summary.TopN, len(imp.VisibilityGained))
	}
	return nil
}

// WriteExplain takes one technique's priority and coverage apart.
func WriteExplain(w io.Writer, a *Assessment, id string) error {
	var t *Technique
	for i := range a.Techniques {
		if strings.EqualFold(a.Techniques[i].ID, id) {
			t = &a.Techniques[i]
		}
	}
	if t == nil {
		return fmt.Errorf("%s is not among the %d techniques the selected groups use on your platforms", id, len(a.Techniques))
	}
	fmt.Fprintf(w, "%s %s: priority #%d, score %.3f = sum of %d contributions below\n", t.ID, t.Name, t.Rank, t.Score.Score, len(t.Contributions))
	fmt.Fprintln(w, "  value = confidence × usage × recency × group weight")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  SOURCE\tNAME\tCONFIDENCE\tVIA\tUSAGE\tRECENCY\tWEIGHT\tVALUE\tTECHNIQUE USED")
	for _, c := range t.Contributions {
		via := c.Via
		if c.Through != "" {
			via += " " + c.Through
		}
		fmt.Fprintf(tw, "  %s\t%s\t%.3f\t%s\t%.2f\t%.2f\t%.2f\t%.3f\t%s\n", c.Source, c.Name, c.Confidence, via, c.Usage, c.Recency, c.GroupWeight, c.Value, c.Technique)
	}
	tw.Flush()
	c := t.Coverage
	fmt.Fprintf(w, "coverage: %s; detection %.3f = 1 − Π(1 − rule weight) over %d runnable of %d rules; visibility %.2f (analytic %s, %s)\n",
		c.Status, c.Detection, c.Runnable, len(c.Rules), c.Visibility.Score, orDash(c.Visibility.Analytic), orDash(c.Visibility.Platform))
	for _, n := range c.Visibility.Needed {
		fmt.Fprintf(w, "  needs %-40s %-28s collected: %v\n", n.DataComponent, strings.TrimSpace(n.Name+" "+n.Channel), n.Collected)
	}
	for _, r := range c.Rules {
		fmt.Fprintf(w, "  rule  %-60s %-8s %-12s runnable: %-5v weight %.2f %s\n", clip(r.Title, 60), r.Level, r.Status, r.Runnable, r.Weight, r.Via)
	}
	return nil
}

// evidenceLine summarises a group's matching evidence in one line.
func evidenceLine(sectors, countries []threat.MatchedEvidence) string {
	var parts []string
	seen := map[string]bool{}
	for _, e := range sectors {
		k := e.Source + ":" + e.Value
		if !seen[k] && len(parts) < 3 {
			seen[k] = true
			parts = append(parts, fmt.Sprintf("%s %s=%q", e.Source, e.Field, e.Value))
		}
	}
	if len(countries) > 0 {
		parts = append(parts, fmt.Sprintf("victims in %s (%s)", countries[0].Matched, countries[0].Source))
	}
	return strings.Join(parts, "; ")
}

func viewNote(a *Assessment) string {
	if a.Attack.View != "" {
		return "(" + a.Attack.View + ")"
	}
	return ""
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "(any)"
	}
	return strings.Join(s, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
