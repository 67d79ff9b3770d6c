package assess

import (
	"math"
	"sync"
	"testing"

	"github.com/vigil-sec/vigil/internal/atomic"
	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/coverage"
	"github.com/vigil-sec/vigil/internal/inventory"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/profile"
	"github.com/vigil-sec/vigil/internal/threat"
)

var demoOnce struct {
	sync.Once
	a   *Assessment
	err error
}

// demo runs the embedded demo with a small hand-made rule set.
func demo(t *testing.T) *Assessment {
	t.Helper()
	demoOnce.Do(func() {
		kb, err := attack.Load(attack.Sources{})
		if err != nil {
			demoOnce.err = err
			return
		}
		p, _ := profile.Parse("demo", profile.Demo)
		cat, _ := inventory.DefaultCatalog()
		inv, _ := inventory.Parse("demo", inventory.Demo, cat)
		b, _ := logsource.Builtin()
		ax, _ := atomic.Embedded()
		tg, _ := threat.EmbeddedDataset()
		rules := []coverage.Rule{
			{ID: "r1", Title: "encoded powershell", Level: "high", Status: "test", Logsource: logsource.Of("windows", "process_creation", ""), Techniques: []string{"T1059.001"}},
			{ID: "r2", Title: "lsass access", Level: "high", Status: "stable", Logsource: logsource.Of("windows", "process_access", ""), Techniques: []string{"T1003.001"}},
			{ID: "r3", Title: "service install", Level: "medium", Status: "test", Logsource: logsource.Of("windows", "", "system"), Techniques: []string{"T1543.003"}},
			{ID: "r4", Title: "cloudtrail console login", Level: "medium", Status: "test", Logsource: logsource.Of("aws", "", "cloudtrail"), Techniques: []string{"T1078.004"}},
			{ID: "r5", Title: "linux only", Level: "high", Status: "test", Logsource: logsource.Of("linux", "process_creation", ""), Techniques: []string{"T1059.004"}},
			{ID: "r6", Title: "pipe", Level: "high", Status: "test", Logsource: logsource.Of("windows", "pipe_created", ""), Techniques: []string{"T1021.002"}},
		}
		demoOnce.a, demoOnce.err = Run(Input{KB: kb, Profile: p, Inventory: inv, Catalog: cat, Mapping: logsource.NewMapping(b, nil),
			Rules: rules, Atomic: ax, Targeting: tg, TopN: 20})
	})
	if demoOnce.err != nil {
		t.Fatal(demoOnce.err)
	}
	return demoOnce.a
}

// The invariant: each technique's score equals the sum of its contributions.
func TestScoresEqualSumOfContributions(t *testing.T) {
	a := demo(t)
	if a.Schema != Schema || len(a.Threats) < 20 || len(a.Techniques) < 100 {
		t.Fatalf("schema %s, %d threats, %d techniques", a.Schema, len(a.Threats), len(a.Techniques))
	}
	for _, tech := range a.Techniques {
		sum := 0.0
		for _, c := range tech.Contributions {
			sum += c.Value
		}
		if math.Abs(sum-tech.Score.Score) > 0.002 {
			t.Errorf("%s: score %.3f ≠ Σ contributions %.3f", tech.ID, tech.Score.Score, sum)
		}
		if want := round(tech.Score.Score * (1 - tech.Coverage.Detection)); math.Abs(want-tech.GapScore) > 0.002 {
			t.Errorf("%s: gap %.3f ≠ score × (1 − detection) %.3f", tech.ID, tech.GapScore, want)
		}
	}
}

func TestCoverageAndGaps(t *testing.T) {
	a := demo(t)
	by := map[string]Technique{}
	for _, tech := range a.Techniques {
		by[tech.ID] = tech
	}
	// r1: process creation via Sysmon 1, collected: runnable, detection 0.9 × 0.9.
	if c := by["T1059.001"].Coverage; c.Runnable != 1 || math.Abs(c.Detection-0.81) > 0.001 {
		t.Errorf("T1059.001: %+v", c)
	}
	// A parent sees its sub-technique's rule.
	if c := by["T1059"].Coverage; len(c.Rules) != 1 || c.Rules[0].Via != "T1059.001" {
		t.Errorf("T1059 rules: %+v", c.Rules)
	}
	// r6: pipes (Sysmon 17/18) are not collected by the demo inventory.
	if c := by["T1021.002"].Coverage; c.Runnable != 0 || len(c.Rules) != 1 || c.Status != "rules-not-runnable" {
		t.Errorf("T1021.002: %+v", c)
	}
	// A Linux rule does not count for a Windows/cloud organisation.
	if c, ok := by["T1059.004"]; ok && len(c.Coverage.Rules) != 0 {
		t.Errorf("T1059.004 counts a Linux rule: %+v", c.Coverage.Rules)
	}
	if a.Summary.RulesOtherPlatforms != 1 {
		t.Errorf("rules for other platforms: %d", a.Summary.RulesOtherPlatforms)
	}
	var pipeGap *Gap
	for i := range a.Gaps {
		g := &a.Gaps[i]
		if i > 0 && g.GapScore > a.Gaps[i-1].GapScore {
			t.Fatal("gaps not ranked by gap score")
		}
		if g.Why == "" || g.Missing == "" || g.Close == "" {
			t.Errorf("gap %s lacks an explanation: %+v", g.ID, g)
		}
		if g.ID == "T1021.002" {
			pipeGap = g
		}
	}
	if pipeGap == nil || pipeGap.Improvement != "sysmon:17" && pipeGap.Improvement != "sysmon:18" {
		t.Errorf("the SMB admin shares gap should be closed by collecting Sysmon pipes: %+v", pipeGap)
	}
	found := false
	for _, imp := range a.Improvements {
		if imp.ID == "sysmon:17" && imp.RulesUnlocked == 1 && contains(imp.TechniquesGained, "T1021.002") {
			found = true
		}
		if imp.ID == "cloudtrail" && imp.RulesUnlocked != 1 {
			t.Errorf("cloudtrail unlocks %d rules, want 1", imp.RulesUnlocked)
		}
	}
	if !found {
		t.Errorf("no improvement for Sysmon 17: %+v", a.Improvements)
	}
}
