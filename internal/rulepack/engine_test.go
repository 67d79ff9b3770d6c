package rulepack

// This file is the only one that uses the Sigma engine (internal/sigma to
// parse, internal/match to compile and match). If the engine's API changes,
// adapt loadEngine and nothing else.

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// engineRule is one compiled starter rule as the tests see it.
type engineRule struct {
	File  string
	Title string
	Match func(event.Map) bool
}

// loadEngine parses and compiles every embedded rule; any diagnostic, even
// a warning, fails the test, so the pack stays lint-clean.
func loadEngine(t *testing.T) map[string]engineRule {
	t.Helper()
	out := map[string]engineRule{}
	for _, f := range Files() {
		data, err := fs.ReadFile(FS(), f)
		if err != nil {
			t.Fatal(err)
		}
		docs := sigma.ParseFile(f, data)
		set := match.Load(docs, match.Options{})
		for _, d := range docs {
			for _, dg := range d.Diags {
				t.Errorf("%v", dg)
			}
		}
		if len(docs) != 1 || len(set.Rules) != 1 {
			t.Errorf("%s: %d documents, %d rules loaded; want 1 and 1", f, len(docs), len(set.Rules))
			continue
		}
		r := set.Rules[0]
		out[f] = engineRule{File: f, Title: r.Meta().Title, Match: func(ev event.Map) bool { return r.Match(ev) }}
	}
	return out
}

// toEvent passes a YAML example through JSON, so it has exactly the types
// of an event read from a JSON-lines file (numbers as json.Number).
func toEvent(t *testing.T, raw map[string]any) event.Map {
	t.Helper()
	js, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return event.Map(m)
}

// from4688 renames Security 4688 fields to the Sysmon names the rules use.
// It stands in for the logsource pipeline until vigil has one; a pipeline
// test can take the match_4688 examples and drop this helper.
func from4688(ev map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range ev {
		switch k {
		case "NewProcessName":
			out["Image"] = v
		case "ParentProcessName":
			out["ParentImage"] = v
		default:
			out[k] = v
		}
	}
	out["Channel"], out["EventID"] = "Microsoft-Windows-Sysmon/Operational", 1
	return out
}

// TestStarterExamples checks every rule's own examples: each match (and
// match_4688, through from4688) event fires the rule, no nomatch event does.
func TestStarterExamples(t *testing.T) {
	rules := readRules(t)
	engine := loadEngine(t)
	pass, fail := 0, 0
	for f, r := range rules {
		er, ok := engine[f]
		if !ok {
			continue // reported by loadEngine
		}
		check := func(kind string, i int, raw map[string]any, want bool) {
			if got := er.Match(toEvent(t, raw)); got != want {
				fail++
				js, _ := json.Marshal(raw)
				t.Errorf("%s (%s): %s example %d: fired = %v, want %v\n  %s", f, r.Title, kind, i, got, want, js)
				return
			}
			pass++
		}
		for i, ev := range r.Tests.Match {
			check("match", i, ev, true)
		}
		for i, ev := range r.Tests.Match4688 {
			check("match_4688", i, from4688(ev), true)
		}
		for i, ev := range r.Tests.NoMatch {
			check("nomatch", i, ev, false)
		}
	}
	t.Logf("%d rules, %d examples behave as stated, %d do not", len(engine), pass, fail)
}
