package demo

// TestRouterAgrees checks that vigil's scan router (log source pipelines in
// internal/logsource, routing in internal/scan) raises exactly the alerts
// TestStarterPackOnDemo counts by checking pipeline entries directly. If
// those packages' APIs change, adapt this file only.

import (
	"io/fs"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/rulepack"
	"github.com/vigil-sec/vigil/internal/scan"
	"github.com/vigil-sec/vigil/internal/sigma"
)

func TestRouterAgrees(t *testing.T) {
	builtin, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := logsource.NewMapping(builtin, nil)
	var docs []*sigma.Document
	for _, f := range rulepack.Files() {
		data, err := fs.ReadFile(rulepack.FS(), f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, sigma.ParseFile(f, data)...)
	}
	set := match.Load(docs, match.Options{})
	plan := scan.NewPlan(set.Rules, scan.Selection{StrictLogsource: true}, m)
	if len(plan.Active) != len(set.Rules) || len(plan.Unmapped) != 0 {
		t.Errorf("%d rules, %d active, %d unmapped: every starter rule should be mapped by the pipelines", len(set.Rules), len(plan.Active), len(plan.Unmapped))
	}
	router := scan.NewRouter(plan, m)
	want := map[[2]any]bool{}
	for _, a := range scanPack(t, loadPack(t)) {
		want[[2]any{a.line, a.rule.title}] = true
	}
	got := 0
	for i, raw := range readEvents(t) {
		line := i + 1
		router.Match(event.Map(raw), func(r *match.Rule) {
			got++
			if !want[[2]any{line, r.Meta().Title}] {
				t.Errorf("line %d: the router raises %q, the pack's own routing does not", line, r.Meta().Title)
			}
		})
	}
	if got != len(want) {
		t.Errorf("router raised %d alerts, the pack's own routing %d", got, len(want))
	}
	t.Logf("scan router: %d alerts", got)
}
