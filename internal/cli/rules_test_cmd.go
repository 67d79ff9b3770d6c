package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/rulepack"
	"github.com/vigil-sec/vigil/internal/ruletest"
	"github.com/vigil-sec/vigil/internal/sigma"
)

func newRulesTestCmd(e *env) *cobra.Command {
	var regression, format, placeholders string
	var rulePaths []string
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Prove rules fire: their own example events, or SigmaHQ's regression data",
		Long: `test evaluates rules exactly as a scan would (same log source routing).

Without --regression it runs the example events each rule carries under a
custom "tests" key (match, nomatch, match_4688) for the rule files given, or
for the embedded starter pack.

With --regression DIR it runs SigmaHQ's regression layout: every info.yml
under DIR names a rule, an EVTX file and the expected match_count; the rule
must fire at least that often (once when unset) on the EVTX and on its JSON
twin. Rules are found where the layout puts them (DIR's parent mirrors the
rule tree) or by id among --rules.

The last line is always "N tests: P passed, F failed"; exit status 1 when any
test failed.`,
		Example: "  vigil rules test\n  vigil rules test my-rules/\n" +
			"  vigil rules test --regression sigma/regression_data\n" +
			"  vigil rules test --regression sigma/regression_data --rules sigma/rules --format json",
		RunE: func(c *cobra.Command, args []string) error {
			mapping, err := e.mapping(nil)
			if err != nil {
				return err
			}
			env := ruletest.Env{Mapping: mapping}
			var results []ruletest.Result
			if regression != "" {
				results, err = runRegression(env, regression, rulePaths, placeholders)
			} else {
				results, err = runExamples(env, args, placeholders)
			}
			if err != nil {
				return err
			}
			return reportTests(e, results, format, verbose)
		},
	}
	cmd.Flags().StringVar(&regression, "regression", "", "SigmaHQ regression_data directory")
	cmd.Flags().StringArrayVar(&rulePaths, "rules", nil, "with --regression: find rules by id here instead of the regression layout")
	cmd.Flags().StringVar(&placeholders, "placeholders", "", "YAML file mapping placeholder names to value lists (for |expand)")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "also list passing tests")
	addFormat(cmd, &format, "text", "json")
	return cmd
}

func runRegression(env ruletest.Env, dir string, rulePaths []string, placeholders string) ([]ruletest.Result, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, usagef("--regression %s: not a directory", dir)
	}
	cases, errs := ruletest.DiscoverRegression(dir)
	var results []ruletest.Result
	for _, err := range errs {
		results = append(results, ruletest.Result{Name: "discovery", Detail: err.Error()})
	}
	byID := map[string]*match.Rule{}
	if len(rulePaths) > 0 {
		_, set, err := loadRules(rulePaths, placeholders)
		if err != nil {
			return nil, err
		}
		indexRules(byID, set)
	}
	loaded := map[string]bool{}
	searched := false
	for _, c := range cases {
		if len(rulePaths) == 0 && !loaded[c.RuleFile] {
			loaded[c.RuleFile] = true
			if _, set, err := loadRules([]string{c.RuleFile}, placeholders); err == nil {
				indexRules(byID, set)
			}
		}
		rule, ok := byID[c.RuleID]
		if !ok && len(rulePaths) == 0 && !searched {
			// The rule file was renamed away from its regression folder's
			// name: look for the id in every rule folder beside DIR.
			searched = true
			folders, _ := filepath.Glob(filepath.Join(filepath.Dir(filepath.Clean(dir)), "rules*"))
			if len(folders) > 0 {
				if _, set, err := loadRules(folders, placeholders); err == nil {
					indexRules(byID, set)
				}
			}
			rule, ok = byID[c.RuleID]
		}
		if !ok {
			results = append(results, ruletest.Result{Name: c.Info, Rule: c.RuleTitle, RuleID: c.RuleID,
				Detail: "rule " + c.RuleID + " not loaded (looked in " + c.RuleFile + " and the rule folders beside the regression data)"})
			continue
		}
		results = append(results, env.Run(c, rule))
	}
	return results, nil
}

func indexRules(byID map[string]*match.Rule, set *match.Set) {
	for _, r := range set.Rules {
		byID[r.Meta().ID] = r
	}
}

// runExamples tests the example events of the rule files (or the starter pack).
func runExamples(env ruletest.Env, paths []string, placeholders string) ([]ruletest.Result, error) {
	ph, err := loadPlaceholders(placeholders)
	if err != nil {
		return nil, err
	}
	type file struct {
		name string
		data []byte
	}
	var files []file
	if len(paths) == 0 {
		err := fs.WalkDir(rulepack.FS(), rulepack.Dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, rerr := fs.ReadFile(rulepack.FS(), p)
				files = append(files, file{"starter:" + p, data})
				return rerr
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	} else {
		names, err := ruleFiles(paths)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				return nil, err
			}
			files = append(files, file{n, data})
		}
	}
	var results []ruletest.Result
	for _, f := range files {
		docs := sigma.ParseFile(f.name, f.data)
		set := match.Load(docs, match.Options{Placeholders: ph})
		for _, d := range docs {
			if !d.OK() {
				results = append(results, ruletest.Result{Name: filepath.Base(f.name), Rule: d.Meta.Title, RuleID: d.Meta.ID,
					Detail: "rule does not load: " + d.Diags.String()})
			}
		}
		exs, err := ruletest.Examples(f.data)
		if err != nil {
			results = append(results, ruletest.Result{Name: f.name, Detail: "tests: " + err.Error()})
			continue
		}
		for _, r := range set.Rules {
			for _, ex := range exs[r.Meta().ID] {
				res := env.RunExample(ex, r)
				res.Name = f.name + " " + res.Name
				results = append(results, res)
			}
		}
	}
	return results, nil
}

func reportTests(e *env, results []ruletest.Result, format string, verbose bool) error {
	passed := 0
	for _, r := range results {
		if r.Passed {
			passed++
		}
	}
	failed := len(results) - passed
	if format == "json" {
		if results == nil {
			results = []ruletest.Result{}
		}
		if err := writeJSON(e.stdout, map[string]any{"tests": results,
			"summary": map[string]int{"tests": len(results), "passed": passed, "failed": failed}}); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			if !r.Passed || verbose {
				status := map[bool]string{true: "PASS", false: "FAIL"}[r.Passed]
				fmt.Fprintf(e.stdout, "%s  %s  [%s] %s\n      %s\n", status, r.Name, r.RuleID, r.Rule, r.Detail)
			}
		}
		fmt.Fprintf(e.stdout, "%d tests: %d passed, %d failed\n", len(results), passed, failed)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d tests failed", failed, len(results))
	}
	return nil
}
