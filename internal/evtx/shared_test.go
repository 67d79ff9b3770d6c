package evtx

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpora finds ../shared/corpora beside the repository root, or skips.
func corpora(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
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
	c := filepath.Join(filepath.Dir(dir), "shared", "corpora")
	if _, err := os.Stat(c); err != nil {
		t.Skipf("shared corpora not found at %s (../shared beside the repo root); skipping", c)
	}
	return c
}

// evtxFiles lists every .evtx below root, sorted.
func evtxFiles(t testing.TB, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".evtx") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// readAll reads a whole file through the Reader, returning the records and
// the errors it reported. It fails the test on a panic or an endless loop.
func readAll(t testing.TB, path string) ([]Record, []error, Stats) {
	t.Helper()
	r, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	defer r.Close()
	var recs []Record
	var errs []error
	for i := 0; ; i++ {
		if i > 10_000_000 {
			t.Fatalf("%s: Next does not terminate", path)
		}
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("%s: Next returned %T %v, want *Error", path, err, err)
			}
			errs = append(errs, err)
			continue
		}
		recs = append(recs, rec)
	}
	return recs, errs, r.Stats()
}
