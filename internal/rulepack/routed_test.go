package rulepack

// TestStarterExamplesRouted runs the same examples as TestStarterExamples,
// but through vigil's log source pipelines (internal/logsource) and the
// scan router, via internal/ruletest: match_4688 events are renamed by the
// windows-audit pipeline instead of this package's from4688 helper, and an
// example only passes if a real scan would route it to its rule. If those
// packages' APIs change, adapt this file only.

import (
	"io/fs"
	"testing"

	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/ruletest"
	"github.com/vigil-sec/vigil/internal/sigma"
)

func TestStarterExamplesRouted(t *testing.T) {
	builtin, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	env := ruletest.Env{Mapping: logsource.NewMapping(builtin, nil)}
	pass, fail := 0, 0
	for _, f := range Files() {
		data, err := fs.ReadFile(FS(), f)
		if err != nil {
			t.Fatal(err)
		}
		set := match.Load(sigma.ParseFile(f, data), match.Options{})
		if len(set.Rules) != 1 {
			t.Errorf("%s: %d rules loaded, want 1", f, len(set.Rules))
			continue
		}
		r := set.Rules[0]
		exs, err := ruletest.Examples(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(exs[r.Meta().ID]) == 0 {
			t.Errorf("%s: no examples found for rule id %s", f, r.Meta().ID)
		}
		for _, ex := range exs[r.Meta().ID] {
			res := env.RunExample(ex, r)
			if !res.Passed {
				fail++
				t.Errorf("%s: %s: %s", f, res.Name, res.Detail)
				continue
			}
			pass++
		}
	}
	t.Logf("through the pipelines: %d examples behave as stated, %d do not", pass, fail)
}
