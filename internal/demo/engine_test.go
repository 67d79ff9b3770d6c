package demo

// This file is the only one in package demo that uses the Sigma engine
// (internal/sigma, internal/match). If the engine's API changes, adapt
// loadPack and nothing else.

import (
	"fmt"
	"github.com/vigil-sec/vigil/internal/logsource"
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/rulepack"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// maxBenignAlerts bounds the starter pack's alerts on the benign part of
// the day. docs/starter-pack.md lists the expected ones: the legacy
// scanner's two RC4 service tickets (Kerberoasting rule).
const maxBenignAlerts = 3

type packRule struct {
	title      string
	level      string
	techniques []string // upper-case ATT&CK IDs from the tags
	routes     []*logsource.Entry
	match      func(event.Map) bool
}

// loadPack compiles the starter pack; any load error fails the test.
func loadPack(t *testing.T) []packRule {
	t.Helper()
	var out []packRule
	for _, f := range rulepack.Files() {
		data, err := fs.ReadFile(rulepack.FS(), f)
		if err != nil {
			t.Fatal(err)
		}
		docs := sigma.ParseFile(f, data)
		set := match.Load(docs, match.Options{})
		for _, d := range docs {
			if !d.OK() {
				t.Fatalf("%s does not load: %v", f, d.Diags)
			}
		}
		for _, r := range set.Rules {
			ls := r.Logsource
			routes := pipelines(t).Routes(logsource.Of(ls.Product, ls.Category, ls.Service))
			if routes == nil {
				t.Fatalf("%s: logsource %+v is not mapped by vigil's pipelines", f, ls)
			}
			pr := packRule{title: r.Meta().Title, level: r.Meta().Level, routes: routes, match: func(ev event.Map) bool { return r.Match(ev) }}
			for _, tag := range r.Meta().Tags {
				if id, ok := strings.CutPrefix(tag, "attack.t"); ok && id != "" && id[0] >= '0' && id[0] <= '9' {
					pr.techniques = append(pr.techniques, "T"+strings.ToUpper(id))
				}
			}
			out = append(out, pr)
		}
	}
	return out
}

// related reports whether a rule's technique covers a step's technique:
// the same ID, or one is a sub-technique of the other.
func related(rule, step string) bool {
	return rule == step || strings.HasPrefix(rule, step+".") || strings.HasPrefix(step, rule+".")
}

type alertAt struct {
	line int
	rule *packRule
}

// scanPack routes every event to the rules whose logsource pipeline entries
// accept it (no field renames: the demo has no Security 4688) and returns
// the alerts; TestRouterAgrees checks the real scan router agrees.
func scanPack(t *testing.T, rules []packRule) []alertAt {
	var alerts []alertAt
	for i, raw := range readEvents(t) {
		ev := event.Map(raw)
		for k := range rules {
			r := &rules[k]
			if accepts(r.routes, ev) && r.match(ev) {
				alerts = append(alerts, alertAt{line: i + 1, rule: r})
			}
		}
	}
	return alerts
}

func accepts(routes []*logsource.Entry, ev event.Map) bool {
	for _, e := range routes {
		if e.Matches(ev) {
			return true
		}
	}
	return false
}

func pipelines(t *testing.T) *logsource.Mapping {
	t.Helper()
	b, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return logsource.NewMapping(b, nil)
}

// TestStarterPackOnDemo checks that every attack step raises an alert for
// each of its techniques and that the benign activity stays quiet.
func TestStarterPackOnDemo(t *testing.T) {
	rules := loadPack(t)
	tr, err := LoadTruth()
	if err != nil {
		t.Fatal(err)
	}
	stepOf := map[int]string{}
	for _, s := range tr.Steps {
		for _, e := range s.Events {
			stepOf[e.Line] = s.ID
		}
	}
	alerts := scanPack(t, rules)
	byStep := map[string][]alertAt{}
	var benign []alertAt
	for _, a := range alerts {
		if s, ok := stepOf[a.line]; ok {
			byStep[s] = append(byStep[s], a)
		} else {
			benign = append(benign, a)
		}
	}
	for _, s := range tr.Steps {
		fired := map[string]bool{}
		for _, a := range byStep[s.ID] {
			fired[a.rule.title] = true
		}
		for _, tech := range s.Techniques {
			found := false
			for _, a := range byStep[s.ID] {
				for _, rt := range a.rule.techniques {
					if related(rt, tech) {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("step %s (%s): no alert for %s", s.ID, s.Name, tech)
			}
		}
		titles := make([]string, 0, len(fired))
		for k := range fired {
			titles = append(titles, k)
		}
		sort.Strings(titles)
		t.Logf("step %-22s %3d events, %3d alerts from %d rules: %s", s.ID, len(s.Events), len(byStep[s.ID]), len(fired), strings.Join(titles, "; "))
	}
	perRule := map[string]int{}
	for _, a := range benign {
		perRule[fmt.Sprintf("%s (line %d)", a.rule.title, a.line)]++
	}
	keys := make([]string, 0, len(perRule))
	for k := range perRule {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("benign alert: %s", k)
	}
	t.Logf("%d alerts in all: %d on the %d attack events, %d on the %d benign events",
		len(alerts), len(alerts)-len(benign), tr.AttackEvents, len(benign), tr.Events-tr.AttackEvents)
	if len(benign) > maxBenignAlerts {
		t.Errorf("%d alerts on benign events, the documented bound is %d", len(benign), maxBenignAlerts)
	}
}
