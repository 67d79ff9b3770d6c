package coverage

import (
	"reflect"
	"testing"

	"github.com/vigil-sec/vigil/internal/logsource"
)

func rule(id, level, status string, ls logsource.Logsource, techs ...string) Rule {
	return Rule{ID: id, Title: "title " + id, Level: level, Status: status, Path: id + ".yml", Logsource: ls, Techniques: techs}
}

// want is one technique's expected detection; nil maps mean empty.
type want struct {
	rules      string // "id[/via]" of each listed rule, in order
	runnable   int
	detection  float64
	status     string
	byLevel    map[string]int
	byStatus   map[string]int
	runByLevel map[string]int
}

func refs(rs []RuleRef) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += " "
		}
		s += r.ID
		if r.Via != "" {
			s += "/" + r.Via
		}
	}
	return s
}

func orEmpty(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

// Weights used below (level × status): high/test 0.81, high/stable 0.9,
// medium/test 0.54, medium/stable 0.6, low/experimental 0.21, critical/stable 1.
func TestComputeDetection(t *testing.T) {
	win := []string{"Windows"}
	noVis := want{status: "no-visibility"} // T1059.003 and T1003 have no analytic
	for _, c := range []struct {
		name     string
		rules    []Rule
		imported map[string]float64
		sources  []string
		want     map[string]want
	}{
		{name: "one runnable rule counts for its sub-technique and, via it, the parent",
			rules:   []Rule{rule("r1", "high", "test", procCreation, "T1059.001")},
			sources: []string{"sysmon"},
			want: map[string]want{
				"T1059.001": {"r1", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
				"T1059":     {"r1/T1059.001", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
				"T1059.003": noVis, "T1003": noVis,
			}},
		{name: "runnable rules combine as 1 − Π(1 − weight), strongest first",
			rules:   []Rule{rule("r2", "medium", "test", procCreation, "T1059.001"), rule("r1", "high", "stable", procCreation, "T1059.001")},
			sources: []string{"sysmon"},
			want: map[string]want{
				"T1059.001": {"r1 r2", 2, 0.954, "covered", map[string]int{"high": 1, "medium": 1}, map[string]int{"stable": 1, "test": 1}, map[string]int{"high": 1, "medium": 1}},
			}},
		{name: "a rule whose log source is routed to an uncollected event ID does not run",
			rules:   []Rule{rule("pipe", "critical", "stable", pipeCreated, "T1059.001")},
			sources: []string{"sysmon"}, // events 1 and 3, not 17
			want: map[string]want{
				"T1059.001": {"pipe", 0, 0, "rules-not-runnable", map[string]int{"critical": 1}, map[string]int{"stable": 1}, nil},
				"T1059":     {"pipe/T1059.001", 0, 0, "rules-not-runnable", map[string]int{"critical": 1}, map[string]int{"stable": 1}, nil},
			}},
		{name: "an unmapped log source runs when a collected source feeds it directly",
			rules:   []Rule{rule("ct", "medium", "stable", cloudtrail, "T1003")},
			sources: []string{"cloudtrail"},
			want: map[string]want{
				"T1003": {"ct", 1, 0.6, "partial", map[string]int{"medium": 1}, map[string]int{"stable": 1}, map[string]int{"medium": 1}},
			}},
		{name: "an unmapped log source nobody feeds does not run",
			rules: []Rule{rule("ct", "medium", "stable", cloudtrail, "T1003")},
			want: map[string]want{
				"T1003": {"ct", 0, 0, "rules-not-runnable", map[string]int{"medium": 1}, map[string]int{"stable": 1}, nil},
			}},
		{name: "a rule with several tags counts once per technique, and once for a shared parent",
			rules:   []Rule{rule("multi", "high", "test", procCreation, "T1059.001", "T1059.003", "T1003", "T1059.001")},
			sources: []string{"sysmon"},
			want: map[string]want{
				"T1059.001": {"multi", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
				"T1059.003": {"multi", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
				"T1003":     {"multi", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
				// Not 1 − 0.19² = 0.964: the parent must not count the rule twice.
				"T1059": {"multi/T1059.001", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
			}},
		{name: "a rule tagged with the parent and a sub-technique is listed once, directly",
			rules:   []Rule{rule("both", "high", "test", procCreation, "T1059", "T1059.001")},
			sources: []string{"sysmon"},
			want: map[string]want{
				"T1059":     {"both", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
				"T1059.001": {"both", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
			}},
		{name: "a direct parent tag wins over a sub-technique listed before it",
			rules:   []Rule{rule("both", "high", "test", procCreation, "T1059.001", "T1059")},
			sources: []string{"sysmon"},
			want: map[string]want{
				"T1059": {"both", 1, 0.81, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
			}},
		{name: "rules of two sub-techniques both roll up to the parent",
			rules:   []Rule{rule("a", "high", "test", procCreation, "T1059.001"), rule("b", "medium", "stable", procCreation, "T1059.003")},
			sources: []string{"sysmon"},
			want: map[string]want{
				"T1059": {"a/T1059.001 b/T1059.003", 2, 0.924, "covered", map[string]int{"high": 1, "medium": 1}, map[string]int{"test": 1, "stable": 1}, map[string]int{"high": 1, "medium": 1}},
			}},
		{name: "order: runnable first, then weight, then title",
			rules: []Rule{
				rule("off", "critical", "stable", pipeCreated, "T1003"),
				rule("low", "low", "experimental", procCreation, "T1003"),
				rule("z", "high", "test", procCreation, "T1003"),
				rule("y", "high", "test", procCreation, "T1003"),
			},
			sources: []string{"sysmon"},
			want: map[string]want{
				// 1 − 0.19 × 0.19 × 0.79 = 0.971 (rounded to three places)
				"T1003": {"y z low off", 3, 0.971, "covered", map[string]int{"critical": 1, "low": 1, "high": 2},
					map[string]int{"stable": 1, "experimental": 1, "test": 2}, map[string]int{"low": 1, "high": 2}},
			}},
		{name: "an imported layer combines with rules; exactly 0.75 is covered",
			rules:    []Rule{rule("r1", "high", "test", procCreation, "T1059.001")},
			imported: map[string]float64{"T1059.001": 0.5, "T1059.003": 0.75, "T1003": 0.749, "T9999": 1},
			sources:  []string{"sysmon"},
			want: map[string]want{
				"T1059.001": {"r1", 1, 0.905, "covered", map[string]int{"high": 1}, map[string]int{"test": 1}, map[string]int{"high": 1}},
				"T1059.003": {"", 0, 0.75, "covered", nil, nil, nil},
				"T1003":     {"", 0, 0.749, "partial", nil, nil, nil},
			}},
		{name: "tags of unknown techniques are ignored and unknown IDs are not reported",
			rules:   []Rule{rule("ghost", "critical", "stable", procCreation, "T9999.001")},
			sources: []string{"sysmon"},
			want:    map[string]want{"T1059": {status: "no-rule"}, "T1059.001": {status: "no-rule"}},
		},
		{name: "no rules: visibility decides between no-rule and no-visibility",
			sources: []string{"sysmon"},
			want:    map[string]want{"T1059.001": {status: "no-rule"}, "T1059.003": noVis},
		},
		{name: "no rules, nothing collected", want: map[string]want{"T1059.001": noVis, "T1059": noVis}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := input(t, win, c.rules, c.sources...)
			in.Imported = c.imported
			ids := []string{"T9999", "T9999.001"} // unknown: skipped
			for id := range c.want {
				ids = append(ids, id)
			}
			got := Compute(in, ids)
			if len(got) != len(c.want) {
				t.Errorf("Compute returned %d techniques, want %d: %v", len(got), len(c.want), keys(got))
			}
			for id, w := range c.want {
				g := got[id]
				if g == nil {
					t.Errorf("%s: missing", id)
					continue
				}
				if g.ID != id || g.Rules == nil {
					t.Errorf("%s: ID %q, rules %v (want a non-nil list)", id, g.ID, g.Rules)
				}
				if r := refs(g.Rules); r != w.rules || g.Runnable != w.runnable || !near(g.Detection, w.detection) || g.Status != w.status {
					t.Errorf("%s: rules %q runnable %d detection %v status %s; want %q %d %v %s",
						id, r, g.Runnable, g.Detection, g.Status, w.rules, w.runnable, w.detection, w.status)
				}
				for _, m := range []struct {
					name      string
					got, want map[string]int
				}{{"by_level", g.ByLevel, w.byLevel}, {"by_status", g.ByStatus, w.byStatus}, {"runnable_by_level", g.RunnableByLevel, w.runByLevel}} {
					if !reflect.DeepEqual(m.got, orEmpty(m.want)) {
						t.Errorf("%s: %s %v, want %v", id, m.name, m.got, orEmpty(m.want))
					}
				}
				if v, ok := c.imported[id]; ok && !near(g.Imported, v) {
					t.Errorf("%s: imported %v, want %v", id, g.Imported, v)
				}
			}
		})
	}
}

func keys(m map[string]*Technique) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A rule reference carries the rule's metadata and its level × status weight.
func TestRuleRefFields(t *testing.T) {
	in := input(t, []string{"Windows"}, []Rule{
		rule("exp", "low", "experimental", procCreation, "T1059.001"),
		rule("dep", "critical", "deprecated", procCreation, "T1003"),
	}, "sysmon")
	got := Compute(in, []string{"T1059.001", "T1003"})
	want := RuleRef{ID: "exp", Title: "title exp", Level: "low", Status: "experimental", Path: "exp.yml", Runnable: true, Weight: 0.21}
	if r := got["T1059.001"].Rules; len(r) != 1 || r[0] != want {
		t.Errorf("T1059.001 rules %+v, want [%+v]", r, want)
	}
	if d := got["T1059.001"].Detection; !near(d, 0.21) {
		t.Errorf("T1059.001 detection %v, want 0.21", d)
	}
	// A deprecated rule runs but weighs nothing: no detection from it, and
	// the gap is a missing usable rule, not uncollected logs.
	c := got["T1003"]
	if c.Runnable != 1 || len(c.Rules) != 1 || c.Rules[0].Weight != 0 || c.Detection != 0 || c.ByStatus["deprecated"] != 1 || c.Status == "rules-not-runnable" {
		t.Errorf("T1003: %+v", c)
	}
}

func TestComputeEmpty(t *testing.T) {
	in := input(t, []string{"Windows"}, nil)
	if got := Compute(in, nil); got == nil || len(got) != 0 {
		t.Errorf("Compute with no IDs = %v, want an empty map", got)
	}
	// A revoked technique is still computed when asked for: resolving
	// revoked tags and choosing live IDs is the caller's job.
	in.Rules = []Rule{rule("old", "high", "stable", procCreation, "T1000")}
	if c := Compute(in, []string{"T1000"})["T1000"]; c == nil || refs(c.Rules) != "old" {
		t.Errorf("T1000: %+v", c)
	}
}
