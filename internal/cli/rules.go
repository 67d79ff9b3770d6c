package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vigil-sec/vigil/internal/correlate"
	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// maxDiagsPerDoc caps what lint prints for one document; errors come first.
const maxDiagsPerDoc = 20

func newRulesCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Work with Sigma rules",
		Long:  "Commands that read Sigma rule files (detection rules, meta filters, correlations).",
		Example: "  vigil rules lint rules/\n" +
			"  vigil rules lint --format json --placeholders placeholders.yml rules/ extra.yml",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	cmd.AddCommand(newRulesLintCmd(e), newRulesTestCmd(e))
	return cmd
}

func newRulesLintCmd(e *env) *cobra.Command {
	var format, placeholders string
	cmd := &cobra.Command{
		Use:   "lint PATH...",
		Short: "Check Sigma files against the specification and report per-rule diagnostics",
		Long: `lint parses every .yml/.yaml file under the given files and directories
(recursively), checks each document (rule, filter or correlation) against the
Sigma specification v2.1, compiles it, and prints diagnostics as
file:line:column, severity, code and summary, with what to do on the next line.
Warnings never stop a rule from loading; errors do. ATT&CK tags are checked
against the knowledge base: a tag naming nothing ATT&CK knows, a revoked
technique or a renamed tactic is a warning that names the replacement.

The last line is always "N rules: L loaded, F failed", where N counts every
document (filters and correlations included). Exit status is 1 when any
document failed, 2 on usage errors.

--format json prints {"documents": [...], "summary": {...}}; see
docs/sigma-conformance.md for the schema.`,
		Example: "  vigil rules lint rules/windows\n" +
			"  vigil rules lint --placeholders placeholders.yml rules-placeholder/\n" +
			"  vigil rules lint --format json my_rule.yml",
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			docs, set, err := loadRulesWith(args, placeholders, match.Options{CheckOnly: true})
			if err != nil {
				return err
			}
			// Building the correlations finds cycles and unusable references.
			if _, err := correlate.New(docs, set.Rules, correlate.Options{}); err != nil {
				return err
			}
			kb, err := e.loadKB()
			if err != nil {
				return err
			}
			for _, d := range docs {
				sigma.CheckAttackTags(d, func(tag string) (bool, string) {
					r := kb.ResolveTag(tag)
					return r.Kind != "unknown", r.Note
				})
			}
			rep := newLintReport(docs)
			if format == "json" {
				if err := writeJSON(e.stdout, rep); err != nil {
					return err
				}
			} else {
				for _, d := range docs {
					if err := diag.Write(e.stdout, d.Diags.Cap(maxDiagsPerDoc)); err != nil {
						return err
					}
				}
				if n := rep.Summary.NeedPlaceholders; n > 0 {
					fmt.Fprintf(e.stdout, "%d loaded rules need placeholder values before vigil scan runs them (--placeholders FILE)\n", n)
				}
				fmt.Fprintf(e.stdout, "%d rules: %d loaded, %d failed\n", rep.Summary.Rules, rep.Summary.Loaded, rep.Summary.Failed)
			}
			if rep.Summary.Failed > 0 {
				return fmt.Errorf("%d of %d rules failed to load", rep.Summary.Failed, rep.Summary.Rules)
			}
			return nil
		},
	}
	addFormat(cmd, &format, "text", "json")
	cmd.Flags().StringVar(&placeholders, "placeholders", "", "YAML file mapping placeholder names to value lists (for |expand)")
	return cmd
}

// lintReport is the --format json document.
type lintReport struct {
	Documents []lintDoc   `json:"documents"`
	Summary   lintSummary `json:"summary"`
}

type lintDoc struct {
	File        string            `json:"file"`
	Index       int               `json:"index"`
	Kind        string            `json:"kind"`
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	Loaded      bool              `json:"loaded"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
}

type lintSummary struct {
	Rules  int `json:"rules"`
	Loaded int `json:"loaded"`
	Failed int `json:"failed"`
	// NeedPlaceholders counts loaded rules that scan rejects until
	// --placeholders gives their values.
	NeedPlaceholders int `json:"need_placeholders"`
}

func newLintReport(docs []*sigma.Document) lintReport {
	rep := lintReport{Documents: []lintDoc{}}
	for _, d := range docs {
		ds := d.Diags.Cap(maxDiagsPerDoc)
		if ds == nil {
			ds = diag.List{}
		}
		rep.Documents = append(rep.Documents, lintDoc{File: d.File, Index: d.Index, Kind: d.Kind.String(),
			ID: d.Meta.ID, Title: d.Meta.Title, Loaded: d.OK(), Diagnostics: ds})
		rep.Summary.Rules++
		if d.OK() {
			rep.Summary.Loaded++
			if hasCode(d.Diags, sigma.CodePlaceholder) {
				rep.Summary.NeedPlaceholders++
			}
		} else {
			rep.Summary.Failed++
		}
	}
	return rep
}

func hasCode(l diag.List, code string) bool {
	for _, d := range l {
		if d.Code == code {
			return true
		}
	}
	return false
}
