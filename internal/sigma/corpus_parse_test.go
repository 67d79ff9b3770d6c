package sigma

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir finds the shared corpora next to the repository (../shared from
// the repo root, i.e. ../../../shared from this package).
func sharedDir(t *testing.T) string {
	t.Helper()
	d := filepath.Join("..", "..", "..", "shared", "corpora", "sigma")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("SigmaHQ corpus not found at %s (needs the shared/ folder beside the repo): %v", d, err)
	}
	return d
}

// TestCorpusParse checks the parser and checker alone over the SigmaHQ
// rules: every file parses and no rule is rejected by the checks of this
// package (compile-time findings are tested in package match).
func TestCorpusParse(t *testing.T) {
	root := sharedDir(t)
	total, failed := 0, 0
	codes := map[string]int{}
	for _, dir := range []string{"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance", "rules-placeholder"} {
		filepath.WalkDir(filepath.Join(root, dir), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !(strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ParseFile(p, data) {
				total++
				for _, x := range d.Diags {
					codes[x.Severity.String()+" "+x.Code]++
				}
				if !d.OK() {
					failed++
					if failed <= 20 {
						t.Logf("%v", d.Diags)
					}
				}
			}
			return nil
		})
	}
	t.Logf("%d documents, %d failed; diagnostics by code: %v", total, failed, codes)
	if total < 3780 {
		t.Errorf("read %d documents, want >= 3780", total)
	}
	if float64(total-failed) < 0.995*float64(total) {
		t.Errorf("%d of %d failed the checks", failed, total)
	}
}
