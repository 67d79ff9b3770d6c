package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateAttackGolden = flag.Bool("update-attack", false, "rewrite testdata/attack/*.golden")

// runVigil runs the CLI with a private config dir so no user data leaks in.
func runVigil(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	args = append([]string{"--config-dir", t.TempDir()}, args...)
	code := Run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestAttackCommands(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want []string // substrings of stdout (or stderr when code != 0)
	}{
		{"technique", []string{"attack", "technique", "T1059.001"}, 0, []string{"T1059.001  PowerShell", "Execution (TA0002)", "T1059 Command and Scripting Interpreter", "DET0455"}},
		{"technique by name", []string{"attack", "technique", "OS", "Credential", "Dumping"}, 0, []string{"T1003  OS Credential Dumping"}},
		{"revoked technique", []string{"attack", "technique", "T1562.001"}, 0, []string{"T1562.001 Disable or Modify Tools is revoked", "T1685  Disable or Modify Tools", "Defense Impairment (TA0112)"}},
		{"group", []string{"attack", "group", "G0016"}, 0, []string{"G0016  APT29", "campaign C0024", "direct"}},
		{"group alias software", []string{"attack", "group", "Cozy", "Bear", "--include-software"}, 0, []string{"G0016  APT29", "software S0"}},
		{"tactics", []string{"attack", "tactics"}, 0, []string{"TA0005  stealth", "TA0112  defense-impairment"}},
		{"ics tactics", []string{"attack", "tactics", "--domain", "ics"}, 0, []string{"ics-attack", "inhibit-response-function"}},
		{"search", []string{"attack", "search", "kerberoasting"}, 0, []string{"T1558.003"}},
		{"stats", []string{"attack", "stats"}, 0, []string{"enterprise-attack", "mobile-attack", "ics-attack", "detection_strategies"}},
		{"unknown technique", []string{"attack", "technique", "T1059.01"}, 1, []string{"not found", "did you mean: T1059.001 PowerShell"}},
		{"bad format", []string{"attack", "tactics", "--format", "xml"}, 2, []string{"--format"}},
		{"bad domain", []string{"attack", "tactics", "--domain", "space"}, 2, []string{"--domain"}},
		{"missing arg", []string{"attack", "technique"}, 2, []string{"requires at least 1 arg"}},
		{"bad attack data", []string{"--attack-data", "/nonexistent/bundle.json", "attack", "stats"}, 1, []string{"/nonexistent/bundle.json"}},
		{"update needs from", []string{"attack", "update"}, 2, []string{"--from"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runVigil(t, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errOut)
			}
			text := out
			if c.code != 0 {
				text = errOut
			}
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

// The acceptance commands, checked on their JSON.
func TestAttackJSON(t *testing.T) {
	code, out, errOut := runVigil(t, "attack", "technique", "T1059.001", "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var tech struct {
		ID      string                  `json:"id"`
		Name    string                  `json:"name"`
		Tactics []struct{ Name string } `json:"tactics"`
		Parent  struct{ ID string }     `json:"parent"`
	}
	if err := json.Unmarshal([]byte(out), &tech); err != nil {
		t.Fatal(err)
	}
	if tech.Name != "PowerShell" || tech.Tactics[0].Name != "Execution" || tech.Parent.ID != "T1059" {
		t.Errorf("T1059.001: %+v", tech)
	}

	code, out, _ = runVigil(t, "attack", "group", "G0016", "--format", "json")
	var grp struct {
		Name       string
		Techniques []struct {
			ID         string
			Provenance []struct{ Kind, ID string }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &grp) != nil || grp.Name != "APT29" || len(grp.Techniques) < 50 {
		t.Fatalf("G0016: code %d, %d techniques", code, len(grp.Techniques))
	}
	for _, tu := range grp.Techniques {
		if len(tu.Provenance) == 0 {
			t.Errorf("%s has no provenance", tu.ID)
		}
	}

	code, out, _ = runVigil(t, "attack", "technique", "T1685", "--format", "json")
	if code != 0 || !strings.Contains(out, `"name": "Disable or Modify Tools"`) {
		t.Errorf("T1685 does not resolve: %d %s", code, out)
	}
}

func TestAttackGolden(t *testing.T) {
	for name, args := range map[string][]string{
		"tactics.golden":         {"attack", "tactics"},
		"technique-T1003.golden": {"attack", "technique", "T1003.001"},
	} {
		code, out, errOut := runVigil(t, args...)
		if code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
		path := filepath.Join("testdata", "attack", name)
		if *updateAttackGolden {
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.WriteFile(path, []byte(out), 0o644)
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/cli -update-attack)", err)
		}
		if string(want) != out {
			t.Errorf("%s differs from golden; got:\n%s", name, out)
		}
	}
}

func TestAttackUpdateStoresBundle(t *testing.T) {
	ics := filepath.Join("..", "..", "..", "shared", "attack", "ics-attack-18.1.json.gz")
	if _, err := os.Stat(ics); err != nil {
		t.Skip("shared ATT&CK data not present")
	}
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := Run([]string{"--config-dir", dir, "attack", "update", "--from", ics}, nil, &out, &errb); code != 0 {
		t.Fatalf("update: %s", errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "attack", "ics-attack.snapshot.gz")); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := Run([]string{"--config-dir", dir, "attack", "stats"}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "ics-attack") {
		t.Fatalf("stats after update: %s %s", out.String(), errb.String())
	}
	// A non-bundle is refused with its name and reason.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"type":"bundle","spec_version":"2.0","objects":[{}]}`), 0o644)
	errb.Reset()
	if code := Run([]string{"--config-dir", dir, "attack", "update", "--from", bad}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "bad.json") || !strings.Contains(errb.String(), "STIX 2.0") {
		t.Errorf("bad bundle: code %d, %s", code, errb.String())
	}
}
