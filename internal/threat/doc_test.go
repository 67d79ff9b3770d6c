package threat

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/sectors.md from the taxonomy")

// docs/sectors.md is generated from the taxonomy so it cannot drift from it.
func TestSectorsDocMatchesTaxonomy(t *testing.T) {
	tax := DefaultTaxonomy()
	d, err := EmbeddedDataset()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]map[string]bool{} // source value → fields it appears in
	for _, g := range d.Groups {
		for _, e := range g.Sectors {
			if used[e.Value] == nil {
				used[e.Value] = map[string]bool{}
			}
			used[e.Value][e.Field] = true
		}
	}
	var b strings.Builder
	b.WriteString("# Sector vocabulary\n\nGenerated from `internal/threat/sectors_table.go` by `go test ./internal/threat -update-docs`; do not edit.\n\n")
	b.WriteString("Profiles name sectors with these IDs (or any source spelling below). Targeting evidence from the\n")
	b.WriteString("MISP galaxy (Tidal `target_categories`, MISP `cfr-target-category` and `targeted-sector`) is mapped\n")
	b.WriteString("onto them. A parent sector relates sectors: a group targeting *financial-services* counts at half weight\n")
	b.WriteString("for an *insurance* profile (\"broader\"), and a group targeting *banking* counts fully for a\n")
	b.WriteString("*financial-services* profile (\"narrower\").\n\n")
	b.WriteString("| sector | label | parent | source values (fields they appear in) |\n|---|---|---|---|\n")
	for _, s := range tax.Sectors {
		var vals []string
		for _, v := range s.Sources {
			if f := used[v]; f != nil {
				vals = append(vals, fmt.Sprintf("%s (%s)", v, strings.Join(sortedKeys(f), ", ")))
			} else {
				vals = append(vals, v)
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", s.ID, s.Label, s.Parent, strings.Join(vals, "; "))
	}
	b.WriteString("\nLeft unmapped as too generic to say anything about a sector: " + strings.Join(tax.Ignored, ", ") + ".\n")
	path := filepath.Join("..", "..", "docs", "sectors.md")
	if *updateDocs {
		os.WriteFile(path, []byte(b.String()), 0o644)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != b.String() {
		t.Errorf("docs/sectors.md is out of date: run go test ./internal/threat -update-docs")
	}
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
