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

// The specification's alias example: an HTTP 500 on a server followed by a
// connection from that server back to the client, within 10 s.
func TestSpecAliases(t *testing.T) {
	h := load(t, `
title: internal error
name: internal_error
logsource: {category: webserver}
detection:
    selection:
        http.response.status_code: 500
    condition: selection
---
title: new network connection
name: new_network_connection
logsource: {category: network}
detection:
    selection:
        event.category: network
        event.type: connection
        event.outcome: success
    condition: selection
---
title: Error then connection
correlation:
    type: temporal
    rules:
        - internal_error
        - new_network_connection
    group-by:
        - internal_ip
        - remote_ip
    timespan: 10s
    aliases:
        internal_ip:
            internal_error: destination.ip
            new_network_connection: source.ip
        remote_ip:
            internal_error: source.ip
            new_network_connection: destination.ip
`, Options{Lateness: Unbounded})
	conn := func(sec float64, src, dst string) ev {
		return at(sec, "event", map[string]any{"category": "network", "type": "connection", "outcome": "success"},
			"source", map[string]any{"ip": src}, "destination", map[string]any{"ip": dst})
	}
	got := h.run([]ev{
		at(0, "http", map[string]any{"response": map[string]any{"status_code": 500}},
			"source", map[string]any{"ip": "198.51.100.7"}, "destination", map[string]any{"ip": "10.0.0.5"}),
		conn(4, "10.0.0.9", "198.51.100.7"),  // other server
		conn(10, "10.0.0.5", "198.51.100.7"), // exactly 10 s later: inside [t-10s, t]
		at(20, "http", map[string]any{"response": map[string]any{"status_code": 500}},
			"source", map[string]any{"ip": "198.51.100.7"}, "destination", map[string]any{"ip": "10.0.0.5"}),
		conn(30.001, "10.0.0.5", "198.51.100.7"), // 10.001 s: outside
	})
	expect(t, got, "Error then connection @10 {internal_ip=10.0.0.5,remote_ip=198.51.100.7} 2 [1 3]")
}

const recon = `
title: recon a
name: recon_cmd_a
logsource: {category: process_creation}
detection: {sel: {Image|endswith: '\whoami.exe'}, condition: sel}
---
title: recon b
name: recon_cmd_b
logsource: {category: process_creation}
detection: {sel: {Image|endswith: '\net.exe'}, condition: sel}
---
title: recon c
name: recon_cmd_c
logsource: {category: process_creation}
detection: {sel: {Image|endswith: '\ipconfig.exe'}, condition: sel}
`

func TestSpecTemporal(t *testing.T) {
	h := load(t, recon+`---
title: Recon burst
correlation:
    type: temporal
    rules: [recon_cmd_a, recon_cmd_b, recon_cmd_c]
    group-by: [ComputerName, User]
    timespan: 5m
`, Options{Lateness: Unbounded})
	p := func(sec float64, img, user string) ev {
		return at(sec, "Image", `C:\Windows\System32\`+img, "ComputerName", "WS1", "User", user)
	}
	got := h.run([]ev{
		p(0, "ipconfig.exe", "bob"),
		p(10, "net.exe", "bob"),
		p(20, "whoami.exe", "eve"), // other user
		p(30, "net.exe", "bob"),
		p(301, "whoami.exe", "bob"), // 0 s left the window: only net.exe (10, 30) and whoami
		p(310, "ipconfig.exe", "bob"),
	})
	// Any order; the alert lists every event in the window.
	expect(t, got, "Recon burst @310 {ComputerName=WS1,User=bob} 3 [2 4 5 6]")
}

func TestTemporalOrderedTies(t *testing.T) {
	h := load(t, recon+`---
title: Ordered recon
correlation:
    type: temporal_ordered
    rules: [recon_cmd_a, recon_cmd_b]
    group-by: [User]
    timespan: 1m
`, Options{Lateness: Unbounded})
	p := func(sec float64, img string) ev {
		return at(sec, "Image", `C:\Windows\System32\`+img, "User", "bob")
	}
	got := h.run([]ev{
		p(5, "net.exe"), // b before a: does not start the sequence
		p(10, "whoami.exe"),
		p(10, "net.exe"), // same timestamp as a: ties never establish order
		p(11, "net.exe"), // strictly after: completes
		p(20, "whoami.exe"),
		p(20, "net.exe"),
	})
	expect(t, got, "Ordered recon @11 {User=bob} 2 [2 4]")
}

func TestGenerateAndLevels(t *testing.T) {
	h := load(t, failedLogin+`---
title: Failed bursts
correlation:
    type: event_count
    rules: [failed_login]
    group-by: [User]
    timespan: 1m
    condition: {gte: 2}
    generate: true
`, Options{Lateness: Unbounded})
	if h.eng.Suppress(h.set.Rules[0]) {
		t.Error("generate: true keeps the base rule's own alerts")
	}
	if len(h.eng.Rules()) != 1 || h.eng.Rules()[0] != h.set.Rules[0] {
		t.Errorf("Rules() = %v", h.eng.Rules())
	}
}

func TestValueCountAndRanges(t *testing.T) {
	h := load(t, failedLogin+`---
title: Spray
correlation:
    type: value_count
    rules: [failed_login]
    group-by: [IpAddress]
    timespan: 1h
    condition: {field: TargetUserName, gt: 2, lte: 3}
`, Options{Lateness: Unbounded})
	f := func(sec float64, ip, user string) ev {
		return at(sec, "EventID", 4625, "IpAddress", ip, "TargetUserName", user)
	}
	got := h.run([]ev{
		f(0, "10.0.0.1", "a"), f(1, "10.0.0.1", "a"), f(2, "10.0.0.1", "b"),
		f(3, "10.0.0.2", "a"),
		f(4, "10.0.0.1", "c"), // third distinct user: 3 > 2 and ≤ 3
		f(5, "10.0.0.1", "d"), // new window after the alert: 1 user
	})
	expect(t, got, "Spray @4 {IpAddress=10.0.0.1} 3 [1 2 3 5]")
}

func TestMetrics(t *testing.T) {
	base := `
title: transfer
name: transfer
logsource: {category: proxy}
detection: {sel: {action: upload}, condition: sel}
`
	evs := []ev{
		at(0, "action", "upload", "src", "h1", "bytes", 100),
		at(1, "action", "upload", "src", "h1", "bytes", "300"), // numeric text counts
		at(2, "action", "upload", "src", "h1", "bytes", "n/a"), // not a number: ignored
		at(3, "action", "upload", "src", "h1", "bytes", 200),
		at(4, "action", "upload", "src", "h1", "bytes", 1000),
	}
	for _, c := range []struct{ typ, cond, want string }{
		{"value_sum", "gte: 600", "K @3 {src=h1} 600 [1 2 4]"},
		{"value_avg", "gt: 250", "K @4 {src=h1} 400 [1 2 4 5]"},
		{"value_median", "gte: 200", "K @1 {src=h1} 200 [1 2]"},
		{"value_percentile", "gte: 400, percentile: 75", "K @4 {src=h1} 475 [1 2 4 5]"},
		{"value_sum", "lt: 150.5", "K @0 {src=h1} 100 [1]"},
	} {
		h := load(t, base+`---
title: K
correlation:
    type: `+c.typ+`
    rules: [transfer]
    group-by: [src]
    timespan: 1m
    condition: {field: bytes, `+c.cond+`}
`, Options{Lateness: Unbounded})
		got := h.run(evs)
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("%s %s: got %q, want first %q", c.typ, c.cond, got, c.want)
		}
		if c.typ == "value_sum" && h.eng.Stats().NonNumeric != 1 {
			t.Errorf("non-numeric count %d", h.eng.Stats().NonNumeric)
		}
	}
}

func TestNoTimeLateAndEviction(t *testing.T) {
	var reports []string
	h := load(t, failedLogin+`---
title: Per IP
correlation:
    type: event_count
    rules: [failed_login]
    group-by: [IpAddress]
    timespan: 1h
    condition: {gte: 2}
`, Options{Lateness: 10 * time.Second, MaxKeys: 2, Report: func(s string) { reports = append(reports, s) }})
	f := func(sec float64, ip string) ev { return at(sec, "EventID", 4625, "IpAddress", ip) }
	noTime := at(0, "EventID", 4625, "IpAddress", "x")
	noTime.fields["@timestamp"] = "yesterday"
	out := h.feed("s", []ev{
		f(100, "a"), noTime, f(101, "b"),
		f(102, "c"),
		f(89, "b"),  // 13 s behind the newest: late, dropped
		f(95, "c"),  // 7 s behind: in time, evaluated before a@100
		f(130, "a"), // releases 95..102 in time order: c, a, b (evicts c), c (evicts a)
		f(131, "a"), // a starts over (evicting b) and completes
	})
	out = append(out, h.eng.Flush()...)
	// c never reaches 2: the cap evicted it in between; that is counted.
	expect(t, compact(out), "Per IP @131 {IpAddress=a} 2 [7 8]")
	st := h.eng.Stats()
	if st.NoTime != 1 || st.Late != 1 || st.Evicted != 3 || st.LiveKeysPeak != 2 {
		t.Errorf("stats %+v", st)
	}
	if len(reports) < 3 {
		t.Errorf("reports %q", reports)
	}
}

func TestBadReferencesAndCycles(t *testing.T) {
	docs := sigma.ParseFile("c.yml", []byte(failedLogin+`---
title: X
name: x
correlation: {type: event_count, rules: [y], group-by: [User], timespan: 1m, condition: {gte: 1}}
---
title: Y
name: y
correlation: {type: event_count, rules: [x], group-by: [User], timespan: 1m, condition: {gte: 1}}
---
title: Z
name: z
correlation: {type: temporal, rules: [x, failed_login], group-by: [User], timespan: 1m}
---
title: OK
correlation: {type: event_count, rules: [failed_login], group-by: [User], timespan: 1m, condition: {gte: 1}}
`))
	set := match.Load(docs, match.Options{})
	e, err := New(docs, set.Rules, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Correlations(); len(got) != 1 || got[0].Meta.Title != "OK" {
		t.Errorf("evaluated %d correlations", len(got))
	}
	for _, d := range docs[2:5] {
		if d.OK() {
			t.Errorf("%s loaded despite a cycle", d.Meta.Title)
		}
	}
}
