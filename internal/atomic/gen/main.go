// Command gen compacts the Atomic Red Team CSV indexes into the embedded
// technique → tests index: one entry per test GUID, with the platforms taken
// from the per-platform index files it appears in.
package main

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/vigil-sec/vigil/internal/atomic"
)

// platformFiles maps index files to ATT&CK platform names.
var platformFiles = map[string]string{
	"windows-index.csv": "Windows", "linux-index.csv": "Linux", "macos-index.csv": "macOS",
	"iaas-index.csv": "IaaS", "azure-ad-index.csv": "Identity Provider", "containers-index.csv": "Containers",
	"esxi-index.csv": "ESXi", "google-workspace-index.csv": "SaaS", "office-365-index.csv": "Office Suite",
}

func main() {
	in := flag.String("in", "", "Indexes-CSV directory")
	out := flag.String("out", "data/atomic.json.gz", "output")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	tests := map[string]*atomic.Test{}
	platforms := map[string]map[string]bool{}
	files := []string{"index.csv"}
	for f := range platformFiles {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		rows, err := readCSV(filepath.Join(in, f))
		if err != nil {
			return err
		}
		for _, r := range rows[1:] {
			if len(r) < 7 {
				continue
			}
			guid := r[5]
			if tests[guid] == nil {
				n, _ := strconv.Atoi(r[3])
				tests[guid] = &atomic.Test{Technique: strings.ToUpper(r[1]), Number: n, Name: r[4], GUID: guid, Executor: r[6]}
				platforms[guid] = map[string]bool{}
			}
			if p, ok := platformFiles[f]; ok {
				platforms[guid][p] = true
			}
		}
	}
	ix := atomic.Index{Source: "Atomic Red Team (Red Canary, MIT), atomics/Indexes/Indexes-CSV @ 9f85cf3", Tests: map[string][]atomic.Test{}}
	for guid, t := range tests {
		for p := range platforms[guid] {
			t.Platforms = append(t.Platforms, p)
		}
		sort.Strings(t.Platforms)
		ix.Tests[t.Technique] = append(ix.Tests[t.Technique], *t)
	}
	for k := range ix.Tests {
		sort.Slice(ix.Tests[k], func(i, j int) bool { return ix.Tests[k][i].Number < ix.Tests[k][j].Number })
	}
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	w, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	if err := json.NewEncoder(w).Encode(ix); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return o.Close()
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	return r.ReadAll()
}
