package match

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/sigma"
	"go.yaml.in/yaml/v3"
)

// conformanceCase is one entry of a testdata/conformance/*.yaml file.
type conformanceCase struct {
	Name         string         `yaml:"name"`
	Spec         string         `yaml:"spec"`
	Rule         string         `yaml:"rule"`
	Placeholders Placeholders   `yaml:"placeholders"`
	Events       []any          `yaml:"events"`
	Want         []bool         `yaml:"want"`
	LoadError    bool           `yaml:"load_error"`
	Skip         string         `yaml:"skip"`
	Extra        map[string]any `yaml:",inline"`
}

// skips lists cases this engine deliberately does not follow, each with the
// exact specification sentence that contradicts the case. Keyed by
// "file/case name".
var skips = map[string]string{}

// TestConformance runs the shared conformance suite (repo-root
// testdata/conformance) and this package's own cases (testdata/*.yaml).
func TestConformance(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "conformance", "*.yaml"))
	own, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	files = append(files, own...)
	if len(files) == 0 {
		t.Fatal("no conformance files found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { runConformanceFile(t, f) })
	}
}

func runConformanceFile(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []conformanceCase `yaml:"cases"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	seen := map[string]bool{}
	for _, c := range file.Cases {
		if seen[c.Name] {
			t.Errorf("duplicate case name %q", c.Name)
		}
		seen[c.Name] = true
		t.Run(c.Name, func(t *testing.T) {
			if why, ok := skips[filepath.Base(path)+"/"+c.Name]; ok {
				t.Skip(why)
			}
			runCase(t, c)
		})
	}
}

func runCase(t *testing.T, c conformanceCase) {
	docs := sigma.ParseFile("case.yml", []byte(c.Rule))
	set := Load(docs, Options{Placeholders: c.Placeholders})
	failed := false
	for _, d := range docs {
		if !d.OK() {
			failed = true
		}
	}
	if c.LoadError {
		if !failed {
			t.Fatalf("rule loaded, want a load error (spec: %s)", c.Spec)
		}
		return
	}
	if failed || len(set.Rules) == 0 {
		for _, d := range docs {
			t.Logf("%v", d.Diags)
		}
		t.Fatalf("rule did not load (spec: %s)", c.Spec)
	}
	if len(c.Events) != len(c.Want) {
		t.Fatalf("%d events but %d wants", len(c.Events), len(c.Want))
	}
	r := set.Rules[0]
	for i, raw := range c.Events {
		ev := toEvent(t, raw)
		got := r.Match(ev)
		if got != c.Want[i] {
			js, _ := json.Marshal(raw)
			t.Errorf("event %d %s: match = %v, want %v (spec: %s)", i, js, got, c.Want[i], c.Spec)
		}
		if got {
			checkClauses(t, r, ev, i)
		}
	}
}

// toEvent normalises a YAML event through JSON, so it looks exactly like
// an event read from a JSON-lines file (numbers as json.Number).
func toEvent(t *testing.T, raw any) event.Map {
	t.Helper()
	js, err := json.Marshal(raw)
	if err != nil {
		t.Fatalf("event %v: %v", raw, err)
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("event %s is not an object: %v", js, err)
	}
	return event.Map(m)
}
