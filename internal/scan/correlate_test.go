package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/correlate"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

const corrRules = `title: failed logon
id: 77777777-7777-4777-8777-777777777771
name: failed_logon
level: low
logsource: {product: windows, service: security}
detection:
  sel: {EventID: 4625}
  condition: sel
---
title: spray
id: 77777777-7777-4777-8777-777777777772
level: high
correlation:
  type: value_count
  rules: [failed_logon]
  group-by: [IpAddress]
  timespan: 10m
  condition: {field: TargetUserName, gte: 3}
`

type captureSink struct{ lines []string }

func (c *captureSink) Write(a *alert.Alert) error {
	line := a.Rule.Title
	if a.Correlation != nil {
		s := a.Correlation.(*correlate.Section)
		line += fmt.Sprintf(" %v %v %s..%s n=%d", s.Group, s.Value, s.WindowStart, s.WindowEnd, s.EventsTotal)
	}
	c.lines = append(c.lines, line)
	return nil
}
func (c *captureSink) Close() error { return nil }

// A correlation gives the same alerts whatever the order of the files and
// the number of workers, and generate: false keeps the base rule's own
// alerts out of the output.
func TestCorrelationSameAnswerAnyOrderAndWorkers(t *testing.T) {
	dir := t.TempDir()
	var a, b strings.Builder
	for i := 0; i < 12; i++ {
		ip := "10.0.0.1"
		if i%3 == 0 {
			ip = "10.0.0.2"
		}
		line := fmt.Sprintf(`{"Channel":"Security","EventID":4625,"TimeCreated":"2026-03-10T09:%02d:00Z","IpAddress":"%s","TargetUserName":"user%d"}`+"\n", i, ip, i)
		if i%2 == 0 {
			a.WriteString(line)
		} else {
			b.WriteString(line)
		}
	}
	fa, fb := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(fa, []byte(a.String()), 0o644)
	os.WriteFile(fb, []byte(b.String()), 0o644)
	run := func(workers int, files ...string) []string {
		docs := sigma.ParseFile("c.yml", []byte(corrRules))
		set := match.Load(docs, match.Options{})
		eng, err := correlate.New(docs, set.Rules, correlate.Options{Lateness: correlate.Unbounded})
		if err != nil {
			t.Fatal(err)
		}
		bt, _ := logsource.Builtin()
		m := logsource.NewMapping(bt, nil)
		keep := map[*match.Rule]bool{}
		for _, r := range eng.Rules() {
			keep[r] = true
		}
		p := NewPlan(set.Rules, Selection{Keep: keep}, m)
		sk := &captureSink{}
		r := &Runner{Router: NewRouter(p, m), Sink: sk, Workers: workers, Correlate: eng, Emit: p.Emits(eng.Suppress)}
		for _, f := range files {
			if err := r.ScanPath(f); err != nil {
				t.Fatal(err)
			}
		}
		if err := r.Finish(); err != nil {
			t.Fatal(err)
		}
		return sk.lines
	}
	want := run(1, fa, fb)
	t.Logf("%s", strings.Join(want, "\n"))
	if len(want) == 0 {
		t.Fatal("no correlation alert")
	}
	for _, l := range want {
		if !strings.HasPrefix(l, "spray ") {
			t.Errorf("base rule alert emitted despite generate: false: %s", l)
		}
	}
	for _, got := range [][]string{run(2, fa, fb), run(1, fb, fa), run(3, fb, fa)} {
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("different answer:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
