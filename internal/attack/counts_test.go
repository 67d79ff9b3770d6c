package attack

import "testing"

var bundles = []string{"enterprise-attack-18.1.json.gz", "enterprise-attack-17.1.json.gz", "mobile-attack-18.1.json.gz", "ics-attack-18.1.json.gz"}

// Each count is computed twice: by the loader and by a generic JSON walk.
func TestCountsMatchIndependentCount(t *testing.T) {
	for _, name := range bundles {
		t.Run(name, func(t *testing.T) {
			d := bundle(t, name)
			want := map[string]int{}
			for _, o := range rawBundle(t, name) {
				if !rawActive(o) {
					continue
				}
				typ := o["type"].(string)
				switch typ {
				case "attack-pattern":
					if sub, _ := o["x_mitre_is_subtechnique"].(bool); sub {
						want["subtechniques"]++
					} else {
						want["techniques"]++
					}
				case "intrusion-set":
					want["groups"]++
				case "campaign":
					want["campaigns"]++
				case "course-of-action":
					want["mitigations"]++
				case "x-mitre-data-component":
					want["data_components"]++
				case "x-mitre-detection-strategy":
					want["detection_strategies"]++
				case "x-mitre-analytic":
					want["analytics"]++
				case "malware":
					want["malware"]++
				case "tool":
					want["tools"]++
				}
			}
			got := d.Stats().Counts
			for k, n := range want {
				if got[k].Active != n {
					t.Errorf("%s: active %s = %d, independent count %d", name, k, got[k].Active, n)
				}
			}
		})
	}
}

// Figures published with the data (shared/reference/attack-landscape.md §1.2).
func TestPublishedFigures(t *testing.T) {
	cases := []struct {
		bundle                     string
		tech, sub, tactics, groups int
		model                      string
	}{
		{"enterprise-attack-18.1.json.gz", 216, 475, 14, 172, ModelDetectionStrategies},
		{"enterprise-attack-17.1.json.gz", 211, 468, 14, 166, ModelDataComponents},
		{"mobile-attack-18.1.json.gz", 77, 47, 12, 17, ModelDetectionStrategies},
		{"ics-attack-18.1.json.gz", 83, 0, 12, 14, ModelDetectionStrategies},
	}
	for _, c := range cases {
		d := bundle(t, c.bundle)
		s := d.Stats().Counts
		if s["techniques"].Active != c.tech || s["subtechniques"].Active != c.sub || s["tactics"].Active != c.tactics || s["groups"].Active != c.groups {
			t.Errorf("%s: techniques %d/%d sub %d/%d tactics %d/%d groups %d/%d", c.bundle,
				s["techniques"].Active, c.tech, s["subtechniques"].Active, c.sub, s["tactics"].Active, c.tactics, s["groups"].Active, c.groups)
		}
		if d.Model != c.model {
			t.Errorf("%s: detection model %q, want %q", c.bundle, d.Model, c.model)
		}
	}
}

// Tactic order must be the matrix's tactic_refs order, read independently.
func TestTacticOrderFollowsMatrix(t *testing.T) {
	for _, name := range bundles {
		raw := rawBundle(t, name)
		short := map[string]string{}
		var order []string
		for _, o := range raw {
			if o["type"] == "x-mitre-tactic" {
				short[o["id"].(string)] = o["x_mitre_shortname"].(string)
			}
		}
		for _, o := range raw {
			if o["type"] == "x-mitre-matrix" && rawActive(o) {
				for _, r := range o["tactic_refs"].([]any) {
					order = append(order, short[r.(string)])
				}
			}
		}
		var got []string
		for _, c := range bundle(t, name).TacticsReport().Tactics {
			got = append(got, c.Shortname)
		}
		if len(got) != len(order) {
			t.Fatalf("%s: %d tactics, matrix lists %d", name, len(got), len(order))
		}
		for i := range order {
			if got[i] != order[i] {
				t.Errorf("%s: column %d is %s, matrix says %s", name, i, got[i], order[i])
			}
		}
	}
}
