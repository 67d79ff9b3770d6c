package attack

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var tagLineRe = regexp.MustCompile(`^\s*-\s*['"]?(attack\.[a-z0-9._-]+)`)

// sigmaTags collects attack.* tags from the SigmaHQ rule folders by line scan.
func sigmaTags(t *testing.T, shared string) map[string]bool {
	tags := map[string]bool{}
	root := filepath.Join(shared, "corpora", "sigma")
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".yml") || strings.Contains(p, "regression_data") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if m := tagLineRe.FindStringSubmatch(strings.ToLower(sc.Text())); m != nil {
				tags[m[1]] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Skipf("sigma corpus not readable: %v", err)
	}
	return tags
}
