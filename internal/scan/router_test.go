package scan

import (
	"sort"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

const rulesYAML = `title: encoded powershell
id: 11111111-1111-4111-8111-111111111111
level: high
status: test
logsource: {product: windows, category: process_creation}
detection:
  sel:
    Image|endswith: '\powershell.exe'
    CommandLine|contains: ' -enc '
  condition: sel
---
title: failed logon
id: 22222222-2222-4222-8222-222222222222
level: low
status: experimental
tags: [attack.credential-access, attack.t1110]
logsource: {product: windows, service: security}
detection:
  sel: {EventID: 4625}
  condition: sel
---
title: custom app
id: 33333333-3333-4333-8333-333333333333
level: medium
status: test
logsource: {product: acme, service: billing}
detection:
  sel: {action: refund}
  condition: sel
---
title: not sel on process creation
id: 44444444-4444-4444-8444-444444444444
level: medium
status: test
logsource: {product: windows, category: process_creation}
detection:
  sel: {User: nobody}
  condition: not sel
`

func setup(t *testing.T, sel Selection) (Plan, *Router) {
	t.Helper()
	docs := sigma.ParseFile("rules.yml", []byte(rulesYAML))
	set := match.Load(docs, match.Options{})
	if len(set.Rules) != 4 {
		t.Fatalf("%d rules loaded", len(set.Rules))
	}
	b, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := logsource.NewMapping(b, nil)
	p := NewPlan(set.Rules, sel, m)
	return p, NewRouter(p, m)
}

func fired(r *Router, ev map[string]any) []string {
	var out []string
	r.Match(event.Map(ev), func(rule *match.Rule) { out = append(out, rule.Meta().Title) })
	sort.Strings(out)
	return out
}

func TestRouting(t *testing.T) {
	p, r := setup(t, Selection{})
	if len(p.Unmapped) != 1 || p.Unmapped[0].Meta().Title != "custom app" {
		t.Fatalf("unmapped: %v", p.Unmapped)
	}
	cases := []struct {
		ev   map[string]any
		want []string
	}{
		{map[string]any{"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 1, "Image": `C:\x\powershell.exe`, "CommandLine": "powershell -enc AAA"},
			[]string{"encoded powershell", "not sel on process creation"}},
		// Security 4688 sees the rule through the Image → NewProcessName rename.
		{map[string]any{"Channel": "security", "EventID": "4688", "NewProcessName": `C:\x\powershell.exe`, "CommandLine": "powershell -enc AAA"},
			[]string{"encoded powershell", "not sel on process creation"}},
		// Same fields on a Sysmon network event: process_creation rules must not see it.
		{map[string]any{"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 3, "Image": `C:\x\powershell.exe`, "CommandLine": "powershell -enc AAA"}, nil},
		{map[string]any{"Channel": "Security", "EventID": 4625}, []string{"failed logon"}},
		{map[string]any{"Channel": "System", "EventID": 4625}, nil},
		// An event no pipeline recognises meets every rule, as the spec does
		// without a pipeline: the unmapped rule matches, and so does the
		// process_creation rule whose condition is "not sel".
		{map[string]any{"action": "refund"}, []string{"custom app", "not sel on process creation"}},
		// A process creation without Channel/EventID (a plain JSON export) is
		// of unknown origin: the process_creation rule still sees it.
		{map[string]any{"Image": `C:\x\powershell.exe`, "CommandLine": "powershell -enc AAA", "User": "nobody"}, []string{"encoded powershell"}},
	}
	for i, c := range cases {
		got := fired(r, c.ev)
		if len(got) != len(c.want) || (len(got) > 0 && !equal(got, c.want)) {
			t.Errorf("case %d: fired %v, want %v", i, got, c.want)
		}
	}
}

func TestSelection(t *testing.T) {
	p, _ := setup(t, Selection{MinLevel: "medium", StrictLogsource: true})
	var titles []string
	for _, r := range p.Active {
		titles = append(titles, r.Meta().Title)
	}
	sort.Strings(titles)
	if !equal(titles, []string{"encoded powershell", "not sel on process creation"}) || len(p.Skipped) != 2 {
		t.Errorf("active %v, skipped %d", titles, len(p.Skipped))
	}
	p, _ = setup(t, Selection{Tags: []string{"attack.t1110"}, Status: []string{"experimental"}})
	if len(p.Active) != 1 || p.Active[0].Meta().Title != "failed logon" {
		t.Errorf("tags/status selection: %d active", len(p.Active))
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// An unmapped rule for another product must not see Windows events: a
// zeek rule with "condition: not selection" would otherwise fire on all of them.
func TestUnmappedRulesKeepToTheirProduct(t *testing.T) {
	docs := sigma.ParseFile("z.yml", []byte(`title: zeek rdp not private
id: 55555555-5555-4555-8555-555555555555
logsource: {product: zeek, service: rdp}
detection:
  sel: {id.orig_h|cidr: 10.0.0.0/8}
  condition: not sel
`))
	set := match.Load(docs, match.Options{})
	b, _ := logsource.Builtin()
	m := logsource.NewMapping(b, nil)
	p := NewPlan(set.Rules, Selection{}, m)
	r := NewRouter(p, m)
	if got := fired(r, map[string]any{"Channel": "Security", "EventID": 4624}); len(got) != 0 {
		t.Errorf("zeek rule fired on a Windows event: %v", got)
	}
	if got := fired(r, map[string]any{"id.orig_h": "8.8.8.8", "_path": "rdp"}); len(got) != 1 {
		t.Errorf("zeek rule did not fire on an event of unknown origin: %v", got)
	}
}

func TestProductlessCategoryRulesKeepOffWindowsEvents(t *testing.T) {
	docs := sigma.ParseFile("db.yml", []byte(`title: sql keywords
id: 66666666-6666-4666-8666-666666666666
logsource: {category: database}
detection:
  keywords: [dump]
  condition: keywords
`))
	set := match.Load(docs, match.Options{})
	b, _ := logsource.Builtin()
	m := logsource.NewMapping(b, nil)
	r := NewRouter(NewPlan(set.Rules, Selection{}, m), m)
	if got := fired(r, map[string]any{"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 1, "CommandLine": "procdump lsass"}); len(got) != 0 {
		t.Errorf("database rule fired on a Windows event: %v", got)
	}
	if got := fired(r, map[string]any{"query": "mysqldump --all"}); len(got) != 1 {
		t.Errorf("database rule did not fire on an event of unknown origin: %v", got)
	}
}

// TestPlansWithTheSameRoutesShareAPrefilter: Security events of two
// EventIDs no rule names have the same routes (the channel's general
// rules), so the second plan reuses the first one's prefilter; an EventID
// with rules of its own gets its own. Matching is unchanged either way.
func TestPlansWithTheSameRoutesShareAPrefilter(t *testing.T) {
	_, r := setup(t, Selection{})
	plan := func(id int) *plan {
		ev := event.Map{"Channel": "Security", "EventID": id}
		return r.plan(ev, r.mapping.Product(ev))
	}
	a, b, c := plan(4624), plan(4625), plan(4688)
	if len(a.nrStart) == 0 || len(a.fields) == 0 {
		t.Fatal("the Security plan has no prefilter")
	}
	if a == b || &a.nrStart[0] != &b.nrStart[0] || &a.fields[0] != &b.fields[0] {
		t.Error("4624 and 4625 have the same routes but do not share a prefilter")
	}
	if len(c.routes) == len(a.routes) || (len(c.nrStart) > 0 && &c.nrStart[0] == &a.nrStart[0]) {
		t.Error("4688 has rules of its own but shares 4624's prefilter")
	}
	var got []string
	r.Match(event.Map{"Channel": "Security", "EventID": 4625}, func(rule *match.Rule) { got = append(got, rule.Meta().Title) })
	if len(got) != 1 || got[0] != "failed logon" {
		t.Errorf("4625 matched %v, want [failed logon]", got)
	}
}
