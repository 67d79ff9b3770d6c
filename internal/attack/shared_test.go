package attack

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// sharedDir finds ../shared beside the repository root, or skips the test.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(filepath.Join(shared, "attack")); err != nil {
		t.Skipf("shared data not present at %s (tests that check against the ATT&CK bundles need it)", shared)
	}
	return shared
}

// Bundles are large; parse each once per test binary.
var bundleCache sync.Map

func bundle(t testing.TB, name string) *Domain {
	t.Helper()
	path := filepath.Join(sharedDir(t), "attack", name)
	if d, ok := bundleCache.Load(path); ok {
		return d.(*Domain)
	}
	d, err := ReadBundleFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bundleCache.Store(path, d)
	return d
}

// rawBundle decodes a bundle generically, independent of the loader under test.
func rawBundle(t testing.TB, name string) []map[string]any {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir(t), "attack", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var b struct{ Objects []map[string]any }
	if err := json.NewDecoder(gz).Decode(&b); err != nil {
		t.Fatal(err)
	}
	return b.Objects
}

func rawActive(o map[string]any) bool {
	r, _ := o["revoked"].(bool)
	d, _ := o["x_mitre_deprecated"].(bool)
	return !r && !d
}

func rawExtID(o map[string]any) string {
	refs, _ := o["external_references"].([]any)
	for _, r := range refs {
		m := r.(map[string]any)
		if src, _ := m["source_name"].(string); src == "mitre-attack" || src == "mitre-mobile-attack" || src == "mitre-ics-attack" {
			if id, ok := m["external_id"].(string); ok {
				return id
			}
		}
	}
	return ""
}
