package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAssessCommands(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "p.yml")
	os.WriteFile(prof, []byte("organisation: Bank\nsectors: [banking]\ncountries: [europe]\nplatforms: [Windows]\n"), 0o644)
	inv := filepath.Join(dir, "i.yml")
	os.WriteFile(inv, []byte("sources:\n  - source: sysmon\n    event_ids: [1]\n"), 0o644)
	badInv := filepath.Join(dir, "bad.yml")
	os.WriteFile(badInv, []byte("sources:\n  - source: syslog-ng\n"), 0o644)
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"demo", []string{"assess"}, 0, []string{"MedSure Health Insurance", "THREAT GROUPS", "TOP 20 PRIORITIES", "GAP BACKLOG", "BEST IMPROVEMENTS"}},
		{"explain", []string{"assess", "--explain", "T1059.001"}, 0, []string{"T1059.001 PowerShell: priority #", "= sum of", "confidence × usage × recency"}},
		{"explain unknown", []string{"assess", "--explain", "T1599.002"}, 1, []string{"T1599.002 is not among"}},
		{"markdown", []string{"assess", "--format", "md"}, 0, []string{"# Threat-informed assessment", "## Gap backlog", "**What would close it:**"}},
		{"csv", []string{"assess", "--format", "csv", "--top", "5"}, 0, []string{"rank,technique,name,tactics,score"}},
		{"own profile and inventory", []string{"assess", "--profile", prof, "--inventory", inv}, 0, []string{"vigil assessment: Bank", "inventory: sysmon"}},
		{"bad inventory", []string{"assess", "--inventory", badInv}, 2, []string{"unknown source \"syslog-ng\""}},
		{"bad layer type", []string{"assess", "--layer", filepath.Join(dir, "l.json"), "--layer-type", "heat"}, 2, []string{"layer type"}},
		{"html", []string{"assess", "--html", filepath.Join(dir, "r.html"), "--format", "csv", "--top", "1"}, 0, []string{"rank,technique"}},
		{"threats", []string{"threats"}, 0, []string{"groups target MedSure", "G0016", "tidal/"}},
		{"threats json", []string{"threats", "--format", "json"}, 0, []string{`"groups"`, `"sector_evidence"`}},
		{"profile init", []string{"profile", "init"}, 0, []string{"sectors:", "platforms:", "weights:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runVigil(t, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, c.code, out, errOut)
			}
			text := out
			if c.code != 0 {
				text = errOut
			}
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%.2000s", w, text)
				}
			}
		})
	}
}

func TestAssessJSONAndLayers(t *testing.T) {
	dir := t.TempDir()
	layer := filepath.Join(dir, "cov.json")
	code, out, errOut := runVigil(t, "assess", "--format", "json", "--layer", layer, "--layer-type", "coverage")
	if code != 0 {
		t.Fatal(errOut)
	}
	var a struct {
		Schema     string
		Techniques []struct {
			ID            string
			Score         float64
			Contributions []struct{ Value float64 }
		}
		Gaps []struct{ ID, Close string }
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if a.Schema != "vigil.assessment/v1" || len(a.Techniques) < 100 || len(a.Gaps) == 0 {
		t.Fatalf("schema %q, %d techniques, %d gaps", a.Schema, len(a.Techniques), len(a.Gaps))
	}
	for _, tech := range a.Techniques {
		sum := 0.0
		for _, c := range tech.Contributions {
			sum += c.Value
		}
		if math.Abs(sum-tech.Score) > 0.002 {
			t.Errorf("%s: score %.3f, contributions %.3f", tech.ID, tech.Score, sum)
		}
	}
	code, out, errOut = runVigil(t, "layer", "import", layer)
	if code != 0 || !strings.Contains(out, "0 format problems") || !strings.Contains(out, "T1059.001") {
		t.Fatalf("layer import: %d\n%s\n%s", code, out, errOut)
	}
	// The imported coverage layer feeds a second assessment.
	code, out, _ = runVigil(t, "assess", "--coverage-layer", layer, "--explain", "T1059.001")
	if code != 0 || !strings.Contains(out, "detection") {
		t.Fatalf("assess with coverage layer: %d %s", code, out)
	}
}

// The assessment works with SigmaHQ's rules (ATT&CK v19 tags) as well as the starter pack.
func TestAssessWithSigmaHQRules(t *testing.T) {
	rules := filepath.Join("..", "..", "..", "shared", "corpora", "sigma", "rules")
	if _, err := os.Stat(rules); err != nil {
		t.Skip("SigmaHQ rules not present in ../shared")
	}
	code, out, errOut := runVigil(t, "assess", "--rules", rules, "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var a struct {
		Summary struct {
			Rules, RulesRunnable, RulesWithTechnique, TopCovered int `json:"-"`
		}
		Raw map[string]any `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	s := a.Raw
	if s["rules"].(float64) < 3000 || s["rules_with_technique"].(float64) < 2000 || s["rules_runnable"].(float64) < 1500 {
		t.Errorf("summary %v", s)
	}
	if s["top_covered"].(float64) < 15 {
		t.Errorf("with SigmaHQ's rules most of the top 20 should be covered: %v", s)
	}
}
