package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/sigma/golden/* from the current output")

// TestRulesAndScan runs the rules and scan commands as a table of
// arguments → exit code + golden stdout/stderr.
func TestRulesAndScan(t *testing.T) {
	const d = "testdata/sigma"
	cases := []struct {
		name  string
		args  []string
		stdin string
		exit  int
	}{
		{"lint_good", []string{"rules", "lint", d + "/rules/good.yml"}, "", ExitOK},
		{"lint_dir", []string{"rules", "lint", d + "/rules"}, "", ExitError},
		{"lint_dir_json", []string{"rules", "lint", "--format", "json", d + "/rules"}, "", ExitError},
		{"lint_placeholder_missing", []string{"rules", "lint", d + "/placeholder_rule.yml"}, "", ExitOK},
		{"lint_placeholder_missing_json", []string{"rules", "lint", "--format", "json", d + "/placeholder_rule.yml"}, "", ExitOK},
		{"lint_placeholder_given", []string{"rules", "lint", "--placeholders", d + "/placeholders.yml", d + "/placeholder_rule.yml"}, "", ExitOK},
		{"lint_no_args", []string{"rules", "lint"}, "", ExitUsage},
		{"lint_missing_path", []string{"rules", "lint", d + "/nope"}, "", ExitUsage},
		{"lint_bad_format", []string{"rules", "lint", "--format", "xml", d + "/rules"}, "", ExitUsage},
		{"scan", []string{"scan", "--format", "jsonl", "--rules", d + "/rules", "--rules", d + "/placeholder_rule.yml", "--placeholders", d + "/placeholders.yml", d + "/events.jsonl"}, "", ExitOK},
		{"scan_placeholder_missing", []string{"scan", "--format", "jsonl", "--rules", d + "/rules/good.yml", "--rules", d + "/placeholder_rule.yml", d + "/events.jsonl"}, "", ExitOK},
		{"scan_auditd", []string{"scan", "--format", "jsonl", "--rules", d + "/auditd/rule.yml", d + "/auditd/audit.log"}, "", ExitOK},
		{"scan_cloud_products", []string{"scan", "--format", "jsonl", "--rules", d + "/cloud", d + "/cloud/cloudtrail.jsonl"}, "", ExitOK},
		{"scan_xml", []string{"scan", "--format", "jsonl", "--rules", d + "/rules/good.yml", d + "/xml/export.xml"}, "", ExitOK},
		{"scan_zeek_product", []string{"scan", "--format", "jsonl", "--rules", d + "/zeek", d + "/zeek/rdp.jsonl"}, "", ExitOK},
		{"scan_winlogbeat", []string{"scan", "--format", "jsonl", "--rules", d + "/rules/good.yml", d + "/winlogbeat/events.jsonl"}, "", ExitOK},
		{"scan_stdin", []string{"scan", "--format", "jsonl", "--rules", d + "/rules/good.yml", "-"}, `{"Image":"x\\powershell.exe","CommandLine":"a \u2013enc b","User":"eve"}` + "\n", ExitOK},
		{"scan_starter_pack_table", []string{"scan", d + "/events.jsonl"}, "", ExitOK},
		{"scan_csv", []string{"scan", "--format", "csv", "--rules", d + "/rules/good.yml", d + "/events.jsonl"}, "", ExitOK},
		{"scan_bad_format", []string{"scan", "--format", "xml", "--rules", d + "/rules", d + "/events.jsonl"}, "", ExitUsage},
		{"scan_bad_level", []string{"scan", "--min-level", "severe", d + "/events.jsonl"}, "", ExitUsage},
		{"scan_strict_min_level", []string{"scan", "--format", "jsonl", "--strict-logsource", "--min-level", "medium", "--rules", d + "/rules", d + "/events.jsonl"}, "", ExitOK},
		{"scan_missing_input", []string{"scan", "--rules", d + "/rules/good.yml", d + "/nope.jsonl"}, "", ExitUsage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Run(c.args, strings.NewReader(c.stdin), &out, &errb)
			if code != c.exit {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.exit, out.String(), errb.String())
			}
			golden(t, filepath.Join(d, "golden", c.name+".stdout"), out.Bytes())
			golden(t, filepath.Join(d, "golden", c.name+".stderr"), errb.Bytes())
		})
	}
}

// timing matches the run-dependent part of the scan summary.
var timing = regexp.MustCompile(` in [0-9.]+s \([0-9]+ events/s\)`)

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	got = timing.ReplaceAll(got, []byte(" in Xs (N events/s)"))
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -run TestRulesAndScan -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
