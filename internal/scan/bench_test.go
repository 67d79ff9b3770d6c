package scan

import (
	"bufio"
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
	"github.com/vigil-sec/vigil/internal/sink"
)

// Benchmarks of the scan hot paths over the shared bench base events
// (11,243 flat Windows events) with SigmaHQ rules/windows. Run them on one
// core for the headline figures:
//
//	go test ./internal/scan -run '^$' -bench . -cpu 1 -count 3

var benchShared = filepath.Join("..", "..", "..", "shared")

type benchEnv struct {
	router *Router
	plan   Plan
	m      *logsource.Mapping
	lines  [][]byte
}

func newBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	rulesDir := filepath.Join(benchShared, "corpora", "sigma", "rules", "windows")
	base := filepath.Join(benchShared, "bench", "base-events.jsonl.gz")
	if _, err := os.Stat(base); err != nil {
		b.Skipf("needs ../shared/bench beside the repo: %v", err)
	}
	var docs []*sigma.Document
	filepath.Walk(rulesDir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && filepath.Ext(p) == ".yml" {
			data, _ := os.ReadFile(p)
			docs = append(docs, sigma.ParseFile(p, data)...)
		}
		return nil
	})
	set := match.Load(docs, match.Options{})
	builtin, err := logsource.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	m := logsource.NewMapping(builtin, nil)
	plan := NewPlan(set.Rules, Selection{}, m)
	return &benchEnv{router: NewRouter(plan, m), plan: plan, m: m, lines: gzipLines(b, base)}
}

// gzipLines reads the lines of a gzip'd file (the bench base events).
func gzipLines(tb testing.TB, path string) [][]byte {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var lines [][]byte
	for sc.Scan() {
		lines = append(lines, append([]byte(nil), sc.Bytes()...))
	}
	return lines
}

func (e *benchEnv) flatEvents(b *testing.B) []*event.Flat {
	out := make([]*event.Flat, len(e.lines))
	for i, l := range e.lines {
		var d input.FlatDecoder
		ev, ok := d.Decode(l)
		if !ok {
			b.Fatalf("line %d not flat", i+1)
		}
		out[i] = ev
	}
	return out
}

func perEvent(b *testing.B, n int) {
	b.ReportMetric(float64(b.N)*float64(n)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkDecodeFlat: the flat decoder alone (one op = every base event).
func BenchmarkDecodeFlat(b *testing.B) {
	e := newBenchEnv(b)
	var d input.FlatDecoder
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range e.lines {
			if _, ok := d.Decode(l); !ok {
				b.Fatal("not flat")
			}
		}
	}
	perEvent(b, len(e.lines))
}

// BenchmarkDecodeStd: the reference decoder (encoding/json into a map,
// then winevent.Normalise), for comparison with BenchmarkDecodeFlat.
func BenchmarkDecodeStd(b *testing.B) {
	e := newBenchEnv(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, l := range e.lines {
			if _, err := input.DecodeJSON("bench", j+1, l, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	perEvent(b, len(e.lines))
}

// BenchmarkRoute: plan lookup and prefilter only, over decoded events.
func BenchmarkRoute(b *testing.B) {
	e := newBenchEnv(b)
	evs := e.flatEvents(b)
	r := e.router
	for _, ev := range evs { // warm up: build the plans
		r.pf.prefilter(r.plan(ev, r.mapping.Product(ev)), ev)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, ev := range evs {
			r.pf.prefilter(r.plan(ev, r.mapping.Product(ev)), ev)
		}
	}
	perEvent(b, len(evs))
}

// BenchmarkMatch: routing, prefilter and rule evaluation over decoded events.
func BenchmarkMatch(b *testing.B) {
	e := newBenchEnv(b)
	evs := e.flatEvents(b)
	n := 0
	for _, ev := range evs { // warm up: build the plans
		e.router.Match(ev, func(*match.Rule) {})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, ev := range evs {
			e.router.Match(ev, func(*match.Rule) { n++ })
		}
	}
	perEvent(b, len(evs))
}

// BenchmarkMatchReference: the reference evaluation (no plans, no
// prefilter) over the same decoded events, for comparison.
func BenchmarkMatchReference(b *testing.B) {
	e := newBenchEnv(b)
	evs := e.flatEvents(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, ev := range evs {
			e.router.MatchReference(ev, func(*match.Rule) {})
		}
	}
	perEvent(b, len(evs))
}

// BenchmarkScan: the whole scan of the base events file (gzip, decode,
// route, match, alerts as JSON lines to io.Discard).
func BenchmarkScan(b *testing.B) {
	e := newBenchEnv(b)
	path := filepath.Join(benchShared, "bench", "base-events.jsonl.gz")
	for _, ev := range e.flatEvents(b) { // warm up: build the plans
		e.router.Match(ev, func(*match.Rule) {})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sk, _ := sink.New("jsonl", discard{})
		r := &Runner{Router: e.router, Sink: sk}
		if err := r.ScanPath(path); err != nil {
			b.Fatal(err)
		}
	}
	perEvent(b, len(e.lines))
	_ = runtime.GOMAXPROCS(0)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkBuildPlans: building every plan the bench events need (one per
// Channel/EventID/product key, with its automata) from a fresh router, as
// a scan does once; this is most of a small file's scan. Anchor clauses
// are computed once per rule before the timer starts, as in a long scan.
func BenchmarkBuildPlans(b *testing.B) {
	e := newBenchEnv(b)
	evs := e.flatEvents(b)
	seen := map[planKey]bool{}
	var one []*event.Flat // an event of each key
	for _, ev := range evs {
		k := keyOf(ev, e.m.Product(ev))
		k.ch, k.id = string([]byte(k.ch)), string([]byte(k.id))
		if !seen[k] {
			seen[k] = true
			one = append(one, ev)
		}
	}
	anch := NewRouter(e.plan, e.m)
	for _, ev := range one {
		anch.plan(ev, anch.mapping.Product(ev))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewRouter(e.plan, e.m)
		r.anch = anch.anch // the rules' anchor clauses, already computed
		for _, ev := range one {
			r.plan(ev, r.mapping.Product(ev))
		}
	}
	b.ReportMetric(float64(len(one)), "plans")
}
