package ruletest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// The acceptance bar of the scan issue: every SigmaHQ regression case passes
// on its EVTX and its JSON twin.
func TestSigmaHQRegression(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora", "sigma", "regression_data")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("SigmaHQ regression data not present (%s)", dir)
	}
	cases, errs := DiscoverRegression(dir)
	if len(errs) > 0 {
		t.Fatalf("discovery: %v", errs)
	}
	if len(cases) != 202 {
		t.Fatalf("%d regression cases, the corpus has 202", len(cases))
	}
	b, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	env := Env{Mapping: logsource.NewMapping(b, nil)}
	rules := map[string]*match.Rule{}
	root := filepath.Dir(dir)
	for _, folder := range []string{"rules", "rules-emerging-threats", "rules-threat-hunting"} {
		filepath.WalkDir(filepath.Join(root, folder), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".yml" {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, r := range match.Load(sigma.ParseFile(p, data), match.Options{}).Rules {
				rules[r.Meta().ID] = r
			}
			return nil
		})
	}
	passed := 0
	for _, c := range cases {
		r, ok := rules[c.RuleID]
		if !ok {
			t.Errorf("%s: rule %s not loaded", c.Info, c.RuleID)
			continue
		}
		if res := env.Run(c, r); res.Passed {
			passed++
		} else {
			t.Errorf("%s [%s]: %s", c.RuleTitle, c.RuleID, res.Detail)
		}
	}
	t.Logf("%d tests: %d passed, %d failed", len(cases), passed, len(cases)-passed)
}
