package match

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/sigma"
	"go.yaml.in/yaml/v3"
)

// TestCorpusLoad loads the five SigmaHQ rule folders end to end (parse,
// check, compile) and requires at least 99.5% of documents to load. The
// rules-placeholder folder gets its values from testdata/placeholders.yml.
func TestCorpusLoad(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpora", "sigma")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("SigmaHQ corpus not found at %s (the shared/ folder beside the repo): %v", root, err)
	}
	var ph Placeholders
	data, err := os.ReadFile(filepath.Join("testdata", "placeholders.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &ph); err != nil {
		t.Fatal(err)
	}
	var docs []*sigma.Document
	for _, dir := range []string{"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance", "rules-placeholder"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !(strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			docs = append(docs, sigma.ParseFile(p, b)...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	set := Load(docs, Options{Placeholders: ph})
	failed := 0
	for _, d := range docs {
		if !d.OK() {
			failed++
			for _, x := range d.Diags {
				if x.Severity.String() == "error" {
					t.Logf("rejected: %s", x.Error())
				}
			}
		}
	}
	t.Logf("%d rules: %d loaded, %d failed (%d compiled)", len(docs), len(docs)-failed, failed, len(set.Rules))
	if len(docs) < 3780 {
		t.Errorf("read %d documents, want >= 3780", len(docs))
	}
	if float64(len(docs)-failed) < 0.995*float64(len(docs)) {
		t.Errorf("only %d of %d loaded (< 99.5%%)", len(docs)-failed, len(docs))
	}
}
