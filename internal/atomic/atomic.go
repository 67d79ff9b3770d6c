// Package atomic is an embedded index of Atomic Red Team tests by ATT&CK
// technique (Red Canary, MIT licence), so a coverage gap can name the tests
// that would validate a new detection. It is generated from
// ../shared/corpora/atomic-red-team-index by `go generate ./internal/atomic`.
package atomic

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// Test is one atomic test.
type Test struct {
	Technique string   `json:"technique"`
	Number    int      `json:"number"`
	Name      string   `json:"name"`
	GUID      string   `json:"guid"`
	Executor  string   `json:"executor"`
	Platforms []string `json:"platforms"`
}

// Index maps technique IDs to tests.
type Index struct {
	Source string            `json:"source"`
	Tests  map[string][]Test `json:"tests"`
}

//go:generate go run ./gen -in ../../../shared/corpora/atomic-red-team-index/Indexes-CSV -out data/atomic.json.gz
//go:embed data/atomic.json.gz
var embedded []byte

// Embedded decodes the index compiled into the binary.
func Embedded() (*Index, error) {
	gz, err := gzip.NewReader(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("embedded atomic index: %w", err)
	}
	var ix Index
	if err := json.NewDecoder(gz).Decode(&ix); err != nil {
		return nil, fmt.Errorf("embedded atomic index: %w", err)
	}
	return &ix, nil
}

// For returns the tests of a technique that run on any of the platforms
// (all tests when platforms is empty), in test-number order.
func (ix *Index) For(technique string, platforms []string) []Test {
	var out []Test
	for _, t := range ix.Tests[strings.ToUpper(technique)] {
		if len(platforms) == 0 || overlaps(t.Platforms, platforms) {
			out = append(out, t)
		}
	}
	return out
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if strings.EqualFold(x, y) {
				return true
			}
		}
	}
	return false
}
