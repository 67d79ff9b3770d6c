package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/assess"
	"github.com/vigil-sec/vigil/internal/atomic"
	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/coverage"
	"github.com/vigil-sec/vigil/internal/inventory"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/profile"
	"github.com/vigil-sec/vigil/internal/threat"
)

type assessFlags struct {
	profile, inventory, format, explain, layer, layerType, html, placeholders, coverageLayer string
	rules                                                                                    []string
	top                                                                                      int
}

func newAssessCmd(e *env) *cobra.Command {
	var f assessFlags
	cmd := &cobra.Command{
		Use:   "assess",
		Short: "Who targets you, what matters most, what you can see and catch, and what to build next",
		Long: `assess connects your organisation profile to the ATT&CK groups that target
organisations like yours (MISP galaxy / Tidal targeting data), ranks the
techniques they use by an explainable priority, measures what your log
inventory can see (ATT&CK v18 analytics) and what your Sigma rules can catch
(rules runnable on those logs), and ranks the gaps: high priority, low
coverage first, each with why it matters, what is missing, what would close
it, and the Atomic Red Team tests that would validate it.

With no flags it runs the embedded demo: a US health insurer's profile and log
inventory with the embedded starter rules. docs/assessment.md documents the
formulas and the JSON schema.`,
		Example: "  vigil assess\n" +
			"  vigil assess --profile me.yml --inventory logs.yml --rules sigma/rules --format md > report.md\n" +
			"  vigil assess --explain T1059.001\n" +
			"  vigil assess --layer gaps.json --html report.html",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runAssess(e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.profile, "profile", "", "organisation profile YAML (default: the embedded demo; `vigil profile init` writes a template)")
	fl.StringVar(&f.inventory, "inventory", "", "log source inventory YAML (default: the embedded demo; see docs/inventory.md)")
	fl.StringArrayVar(&f.rules, "rules", nil, "Sigma rule file or directory (repeatable; default: the embedded starter pack)")
	fl.StringVar(&f.placeholders, "placeholders", "", "YAML file mapping placeholder names to value lists (for |expand)")
	fl.StringVar(&f.coverageLayer, "coverage-layer", "", "ATT&CK Navigator layer whose scores count as existing detection coverage (e.g. a team's own layer)")
	fl.IntVar(&f.top, "top", 20, "how many top priorities and gaps to show")
	fl.StringVar(&f.explain, "explain", "", "take one technique's priority and coverage apart (e.g. T1059.001)")
	fl.StringVar(&f.layer, "layer", "", "write an ATT&CK Navigator layer (format 4.5) to this file")
	fl.StringVar(&f.layerType, "layer-type", "gaps", "which score the layer carries: gaps, priority or coverage")
	fl.StringVar(&f.html, "html", "", "write a self-contained HTML report to this file")
	addFormat(cmd, &f.format, "table", "json", "md", "csv")
	return cmd
}

func runAssess(e *env, f assessFlags) error {
	a, err := e.assessment(f)
	if err != nil {
		return err
	}
	if f.explain != "" {
		return assess.WriteExplain(e.stdout, a, f.explain)
	}
	if err := writeAssessExtras(e, a, f); err != nil {
		return err
	}
	switch f.format {
	case "json":
		return writeJSON(e.stdout, a)
	case "md":
		return assess.WriteMarkdown(e.stdout, a, f.top)
	case "csv":
		return assess.WriteCSV(e.stdout, a)
	}
	return assess.WriteText(e.stdout, a, f.top)
}

// assessment loads every input and runs the assessment.
func (e *env) assessment(f assessFlags) (*assess.Assessment, error) {
	kb, err := e.loadKB()
	if err != nil {
		return nil, err
	}
	prof, err := loadProfile(f.profile)
	if err != nil {
		return nil, err
	}
	cat, err := inventory.DefaultCatalog()
	if err != nil {
		return nil, err
	}
	inv, err := loadInventory(f.inventory, cat)
	if err != nil {
		return nil, err
	}
	builtin, err := logsource.Builtin()
	if err != nil {
		return nil, err
	}
	rules, sets, err := e.coverageRules(kb, f.rules, f.placeholders)
	if err != nil {
		return nil, err
	}
	imported, notes, err := e.importedCoverage(f.coverageLayer, kb)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		fmt.Fprintf(e.stderr, "vigil: %s: %s\n", f.coverageLayer, n)
	}
	ax, err := atomic.Embedded()
	if err != nil {
		return nil, err
	}
	targeting, err := threat.EmbeddedDataset()
	if err != nil {
		return nil, err
	}
	return assess.Run(assess.Input{KB: kb, Profile: prof, Inventory: inv, Catalog: cat, Mapping: logsource.NewMapping(builtin, nil),
		Rules: rules, RuleSets: sets, Imported: imported, Atomic: ax, Targeting: targeting, TopN: f.top})
}

func loadProfile(path string) (*profile.Profile, error) {
	if path == "" {
		return profile.Parse("embedded demo profile", profile.Demo)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("--profile: %v", err)
	}
	p, err := profile.Parse(path, data)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return p, nil
}

func loadInventory(path string, cat *inventory.Catalog) (*inventory.Inventory, error) {
	if path == "" {
		return inventory.Parse("embedded demo inventory", inventory.Demo, cat)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("--inventory: %v", err)
	}
	inv, err := inventory.Parse(path, data, cat)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return inv, nil
}

// coverageRules loads the rule sets and resolves each rule's ATT&CK tags.
func (e *env) coverageRules(kb *attack.KB, paths []string, placeholders string) ([]coverage.Rule, []string, error) {
	var set *match.Set
	var err error
	names := paths
	if len(paths) == 0 {
		names = []string{"embedded starter pack"}
		_, set, err = e.scanRules(scanFlags{placeholders: placeholders})
	} else {
		_, set, err = loadRules(paths, placeholders)
	}
	if err != nil {
		return nil, nil, err
	}
	var out []coverage.Rule
	for _, r := range set.Rules {
		m := r.Meta()
		out = append(out, coverage.Rule{ID: m.ID, Title: m.Title, Level: m.Level, Status: m.Status, Path: r.Doc.File,
			Logsource:  logsource.Of(r.Logsource.Product, r.Logsource.Category, r.Logsource.Service),
			Techniques: alert.AttackFromKB(kb, m.Tags).Techniques})
	}
	if len(out) == 0 {
		return nil, nil, fmt.Errorf("no rule loaded from %v", names)
	}
	return out, names, nil
}
