package attack

import (
	"strings"
	"testing"
)

// v17: data components detect techniques through relationships.
func TestV17DataComponentMapping(t *testing.T) {
	const name = "enterprise-attack-17.1.json.gz"
	raw := rawBundle(t, name)
	byID := map[string]map[string]any{}
	var tech string
	for _, o := range raw {
		byID[o["id"].(string)] = o
		if o["type"] == "attack-pattern" && rawExtID(o) == "T1059.001" {
			tech = o["id"].(string)
		}
	}
	want := map[string]bool{}
	for _, o := range raw {
		if o["type"] == "relationship" && o["relationship_type"] == "detects" && o["target_ref"] == tech {
			if c := byID[o["source_ref"].(string)]; rawActive(c) {
				want[c["name"].(string)] = true
			}
		}
	}
	kb, _ := NewKB(bundle(t, name))
	ref, err := kb.Find("technique", "T1059.001", "")
	if err != nil {
		t.Fatal(err)
	}
	rep := ref.TechniqueReport()
	if rep.Detection.Model != ModelDataComponents || len(rep.Detection.Strategies) != 0 {
		t.Fatalf("model %q with %d strategies", rep.Detection.Model, len(rep.Detection.Strategies))
	}
	got := map[string]bool{}
	for _, c := range rep.Detection.DataComponents {
		got[c.Name] = true
		if c.DataSource == nil || c.DataSource.ID == "" {
			t.Errorf("component %s has no data source", c.Name)
		}
	}
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("components %v, independent %v", got, want)
	}
	for n := range want {
		if !got[n] {
			t.Errorf("missing component %s", n)
		}
	}
	if !got["Script Execution"] {
		t.Errorf("PowerShell must be seen by Script Execution: %v", got)
	}
}

// v18: strategy → analytics → log sources → data components.
func TestV18DetectionStrategyChain(t *testing.T) {
	kb, _ := NewKB(bundle(t, "enterprise-attack-18.1.json.gz"))
	ref, err := kb.Find("technique", "T1059.001", "")
	if err != nil {
		t.Fatal(err)
	}
	rep := ref.TechniqueReport()
	if rep.Detection.Model != ModelDetectionStrategies || len(rep.Detection.Strategies) != 1 {
		t.Fatalf("model %q, %d strategies (18.1 has exactly one per technique)", rep.Detection.Model, len(rep.Detection.Strategies))
	}
	s := rep.Detection.Strategies[0]
	if !strings.HasPrefix(s.ID, "DET") || len(s.Analytics) == 0 {
		t.Fatalf("strategy %+v", s)
	}
	windows := false
	for _, a := range s.Analytics {
		if !strings.HasPrefix(a.ID, "AN") || len(a.Platforms) != 1 {
			t.Errorf("analytic %+v", a)
		}
		if a.Platforms[0] != "Windows" {
			continue
		}
		windows = true
		for _, ls := range a.LogSources {
			if !strings.HasPrefix(ls.DataComponent.ID, "DC") || ls.Name == "" {
				t.Errorf("log source %+v", ls)
			}
		}
	}
	if !windows {
		t.Error("no Windows analytic for PowerShell")
	}
	if len(rep.Detection.DataComponents) == 0 {
		t.Error("no data components derived from analytics")
	}
	if rep.Parent == nil || rep.Parent.ID != "T1059" || rep.Tactics[0].Shortname != "execution" {
		t.Errorf("parent %v tactics %v", rep.Parent, rep.Tactics)
	}
}
