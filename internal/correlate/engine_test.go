package correlate

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

var t0 = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

// ev is one test event: seconds after t0 and its fields.
type ev struct {
	sec    float64
	fields map[string]any
}

func at(sec float64, kv ...any) ev {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return ev{sec, m}
}

func (e ev) event() event.Map {
	m := event.Map{}
	for k, v := range e.fields {
		m[k] = v
	}
	if _, ok := m["@timestamp"]; !ok {
		m["@timestamp"] = t0.Add(time.Duration(e.sec * float64(time.Second))).Format(time.RFC3339Nano)
	}
	return m
}

type harness struct {
	docs []*sigma.Document
	set  *match.Set
	eng  *Engine
}

func load(t testing.TB, yaml string, opt Options) *harness {
	t.Helper()
	docs := sigma.ParseFile("c.yml", []byte(yaml))
	set := match.Load(docs, match.Options{})
	for _, d := range docs {
		for _, dg := range d.Diags {
			if dg.Severity == diag.Error {
				t.Logf("%s: %s %s", d.Meta.Title, dg.Code, dg.Summary)
			}
		}
	}
	eng, err := New(docs, set.Rules, opt)
	if err != nil {
		t.Fatal(err)
	}
	return &harness{docs, set, eng}
}

// feed observes events as lines of one file and returns compact alerts.
func (h *harness) feed(path string, evs []ev) []Alert {
	var out []Alert
	for i, e := range evs {
		m := e.event()
		h.set.Match(m, func(r *match.Rule) {
			out = append(out, h.eng.Observe(r, m, alert.Source{Path: path, Line: i + 1})...)
		})
	}
	return out
}

func (h *harness) run(evs []ev) []string {
	out := h.feed("f.jsonl", evs)
	out = append(out, h.eng.Flush()...)
	return compact(out)
}

// compact renders alerts as "title @sec {group} value [lines]".
func compact(as []Alert) []string {
	var s []string
	for _, a := range as {
		c := a.Correlation
		end, _ := time.Parse(time.RFC3339Nano, c.WindowEnd)
		var keys []string
		for k := range c.Group {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var g []string
		for _, k := range keys {
			g = append(g, k+"="+c.Group[k])
		}
		var lines []string
		for _, r := range c.Events {
			lines = append(lines, fmt.Sprint(r.Line))
		}
		s = append(s, fmt.Sprintf("%s @%g {%s} %g [%s]", a.Rule.Title, end.Sub(t0).Seconds(),
			strings.Join(g, ","), c.Value, strings.Join(lines, " ")))
	}
	return s
}

func expect(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("alerts:\n got  %q\n want %q", got, want)
	}
}

const failedLogin = `
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
author: spec
logsource: {product: windows, service: security}
detection:
    selection:
        EventID: [529, 4625]
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource: {product: windows, service: security}
detection:
    selection:
        EventID: [528, 4624]
    condition: selection
`

// The specification's closing example: multiple failed logins followed by
// a successful login of the same user (a chain of two correlations).
const specChain = `
title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
status: experimental
author: Florian Roth (Nextron Systems)
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---` + failedLogin

func TestSpecFailedThenSuccessful(t *testing.T) {
	h := load(t, specChain, Options{Lateness: Unbounded})
	var evs []ev
	for i := 0; i < 10; i++ {
		evs = append(evs, at(float64(i*10), "EventID", 4625, "User", "bob"))
	}
	evs = append(evs, at(30, "EventID", 4625, "User", "alice")) // another user: never enough
	evs = append(evs, at(200, "EventID", 4624, "User", "bob"))
	evs = append(evs, at(210, "EventID", 4624, "User", "alice"))
	evs = append(evs, at(220, "EventID", 4624, "User", "bob")) // window consumed: no second alert
	got := h.run(evs)
	// Lines 1-10: bob fails (0..90 s); 11: alice fails; 12: bob logs on.
	expect(t, got,
		"Correlation - Multiple Failed Logins Followed by Successful Login @200 {User=bob} 2 [1 2 3 4 5 6 7 8 9 10 12]")
	if !h.eng.Suppress(h.set.Rules[0]) || !h.eng.Suppress(h.set.Rules[1]) {
		t.Error("generate defaults to false: base rules are suppressed")
	}
	st := h.eng.Stats()
	if st.Alerts != 1 || st.Suppressed != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestSpecEventCountBoundaries(t *testing.T) {
	h := load(t, failedLogin+`---
title: Many failed logins
correlation:
    type: event_count
    rules: [53ba33fd-3a50-4468-a5ef-c583635cfa92]
    group-by: [ComputerName]
    timespan: 1m
    condition: {gte: 3}
`, Options{Lateness: Unbounded})
	got := h.run([]ev{
		at(0, "EventID", 4625, "ComputerName", "A"),
		at(30, "EventID", 4625, "ComputerName", "A"),
		at(60, "EventID", 4625, "ComputerName", "A"), // t-60 = 0 is inside: [t-timespan, t]
		at(100, "EventID", 4625, "ComputerName", "A"),
		at(130, "EventID", 4625, "ComputerName", "A"),
		at(160.001, "EventID", 4625, "ComputerName", "A"), // 100 is just outside
		at(170, "EventID", 4625, "ComputerName", "B"),
	})
	expect(t, got, "Many failed logins @60 {ComputerName=A} 3 [1 2 3]")
	if h.eng.Suppress(h.set.Rules[1]) {
		t.Error("successful_login is not correlated")
	}
}
