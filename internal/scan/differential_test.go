package scan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
	"github.com/vigil-sec/vigil/internal/sink"
)

// TestDifferential is the correctness guard of the fast path: over every
// event in ../shared/corpora (all EVTX, the Security-Datasets JSON, the
// regression JSON twins) and the bench base events, with every SigmaHQ rule
// of the five folders, the optimised scan (flat JSON decoder, routing plans,
// anchor prefilter) and the plain reference (encoding/json into a Map,
// MatchReference: every routed rule evaluated in full) must report the same
// rules, in the same order, for every event.
func TestDifferential(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	root := filepath.Join(shared, "corpora")
	if _, err := os.Stat(filepath.Join(root, "sigma")); err != nil {
		t.Skipf("differential test needs ../shared/corpora beside the repo (not found: %v)", err)
	}
	if testing.Short() {
		t.Skip("differential test over the whole shared corpus: not in -short mode")
	}
	set := loadCorpusRules(t, filepath.Join(root, "sigma"))
	builtin, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := logsource.NewMapping(builtin, nil)
	plan := NewPlan(set.Rules, Selection{}, m)
	fast, ref := NewRouter(plan, m), NewRouter(plan, m)
	var files []string
	for _, dir := range []string{root, filepath.Join(shared, "bench")} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && !strings.HasSuffix(p, ".yml") && !strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return nil
		})
	}
	var events, flat, alerts, nfiles int
	for _, f := range files {
		a, err := input.OpenWith(f, nil, input.Options{Flat: true})
		if err != nil {
			continue
		}
		b, err := input.Open(f, nil)
		if err != nil {
			a.Close()
			t.Fatalf("%s: opens on the fast path only: %v", f, err)
		}
		nfiles++
		for {
			ra, ea := a.Next()
			rb, eb := b.Next()
			if errors.Is(ea, io.EOF) || errors.Is(eb, io.EOF) {
				if !errors.Is(ea, io.EOF) || !errors.Is(eb, io.EOF) {
					t.Errorf("%s: sources end at different records (%v / %v)", f, ea, eb)
				}
				break
			}
			if (ea == nil) != (eb == nil) || (ea != nil && ea.Error() != eb.Error()) {
				t.Errorf("%s: record errors differ: %v / %v", f, ea, eb)
			}
			if ea != nil {
				if input.Skipped(ea) {
					continue
				}
				break
			}
			events++
			if ra.View != nil {
				flat++
			}
			var got, want []string
			ka := fast.Match(ra.Ev(), func(r *match.Rule) { got = append(got, r.Doc.File+" "+r.Meta().Title) })
			kb := ref.MatchReference(rb.Map(), func(r *match.Rule) { want = append(want, r.Doc.File+" "+r.Meta().Title) })
			alerts += len(want)
			if ka != kb || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s line %d record %d: fast path %v (known %v), reference %v (known %v)", f, ra.Line, ra.RecordID, got, ka, want, kb)
			}
		}
		a.Close()
		b.Close()
	}
	t.Logf("%d rules, %d event files, %d events (%d decoded flat), %d alerts: fast path and reference agree on every event",
		len(set.Rules), nfiles, events, flat, alerts)
	if events < 30000 {
		t.Errorf("only %d events read from the shared corpora; want them all", events)
	}
}

func loadCorpusRules(t testing.TB, root string) *match.Set {
	var ph match.Placeholders
	data, err := os.ReadFile(filepath.Join("..", "match", "testdata", "placeholders.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &ph); err != nil {
		t.Fatal(err)
	}
	var docs []*sigma.Document
	for _, dir := range []string{"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance", "rules-placeholder"} {
		filepath.WalkDir(filepath.Join(root, dir), func(p string, e fs.DirEntry, err error) error {
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
	}
	return match.Load(docs, match.Options{Placeholders: ph})
}

// corpusPlan plans every SigmaHQ rule of ../shared/corpora (skipping the
// test without it) for tests that scan the bench base events.
func corpusPlan(t *testing.T) (shared, base string, plan Plan, m *logsource.Mapping) {
	t.Helper()
	shared = filepath.Join("..", "..", "..", "shared")
	base = filepath.Join(shared, "bench", "base-events.jsonl.gz")
	if _, err := os.Stat(base); err != nil {
		t.Skipf("needs ../shared/bench beside the repo: %v", err)
	}
	set := loadCorpusRules(t, filepath.Join(shared, "corpora", "sigma"))
	builtin, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m = logsource.NewMapping(builtin, nil)
	return shared, base, NewPlan(set.Rules, Selection{}, m), m
}

// TestWorkersSameOutput: a parallel scan writes exactly the alerts, in the
// same order, and counts the same statistics as a scan with one worker.
func TestWorkersSameOutput(t *testing.T) {
	shared, base, plan, m := corpusPlan(t)
	// a broken line and a nested event among the flat ones
	dir := t.TempDir()
	extra := filepath.Join(dir, "mixed.jsonl")
	os.WriteFile(extra, []byte("{\"Channel\":\"Security\",\"EventID\":1102}\nnot json\n{\"Event\":{\"System\":{\"EventID\":4688,\"Channel\":\"Security\"}}}\n{\"a\":\n"), 0o644)
	// and every EVTX file of the corpora (parsed serially, matched in
	// parallel), one of them with a damaged record
	inputs := []string{base, extra}
	filepath.WalkDir(filepath.Join(shared, "corpora"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".evtx") {
			inputs = append(inputs, p)
		}
		return nil
	})
	run := func(workers int) (string, Stats) {
		var out strings.Builder
		sk, _ := sink.New("jsonl", &out)
		r := &Runner{Router: NewRouter(plan, m), Sink: sk, Workers: workers}
		for _, p := range inputs {
			if err := r.ScanPath(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := sk.Close(); err != nil { // the last alerts are still buffered
			t.Fatal(err)
		}
		return out.String(), r.Stats
	}
	one, s1 := run(1)
	two, s2 := run(3)
	if one != two {
		t.Errorf("alerts differ between 1 and 3 workers (%d vs %d bytes)", len(one), len(two))
	}
	if fmt.Sprint(s1) != fmt.Sprint(s2) {
		t.Errorf("statistics differ:\n%v\n%v", s1, s2)
	}
	t.Logf("%d events (%d EVTX files), %d alerts, %d skipped records: identical with 1 and 3 workers", s1.Events, s1.FilesByFormat["evtx"], s1.Alerts, s1.RecordsSkipped)
}
