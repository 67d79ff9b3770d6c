package sink

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
)

// writeJSONL writes the alerts as JSON lines and decodes each line into a
// generic map, so field names are checked as written on the wire (the
// documented schema, docs/scan.md) rather than through alert.Alert's tags.
func writeJSONL(t *testing.T, alerts ...*alert.Alert) ([]map[string]any, string) {
	t.Helper()
	var b bytes.Buffer
	s, _ := New("jsonl", &b)
	for _, a := range alerts {
		if err := s.Write(a); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	out := b.String()
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("output does not end with a newline: %q", out)
	}
	var objs []map[string]any
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d does not parse: %v\n%s", i+1, err, line)
		}
		objs = append(objs, m)
	}
	if len(objs) != len(alerts) {
		t.Fatalf("%d lines for %d alerts", len(objs), len(alerts))
	}
	return objs, out
}

// keys returns the sorted key set of a decoded object.
func keys(v any) []string {
	m, _ := v.(map[string]any)
	return slices.Sorted(maps.Keys(m))
}

func TestJSONLSchema(t *testing.T) {
	corr := evtxAlert()
	corr.Event = nil // correlation alerts carry no single event
	corr.Correlation = map[string]any{"type": "event_count", "group": map[string]string{"User": "bob"}, "value": 5}
	corr.Attack.Notes = []string{"T1562.001 was revoked; replaced by T1685 Disable or Modify Tools"}

	objs, _ := writeJSONL(t, evtxAlert(), jsonAlert(), corr)

	for _, tc := range []struct {
		name string
		got  any
		want any
	}{
		// Top level: host and correlation only when set; timestamp and event
		// always present (null when missing), as documented.
		{"evtx keys", keys(objs[0]), []string{"attack", "event", "host", "rule", "source", "timestamp"}},
		{"json keys", keys(objs[1]), []string{"attack", "event", "rule", "source", "timestamp"}},
		{"correlation keys", keys(objs[2]), []string{"attack", "correlation", "event", "host", "rule", "source", "timestamp"}},

		{"rule keys", keys(objs[0]["rule"]), []string{"author", "id", "level", "path", "status", "tags", "title"}},
		{"rule", objs[0]["rule"], map[string]any{"id": "5f8b1e2a-0000-4000-8000-000000000001",
			"title": "Suspicious PowerShell Download", "level": "high", "status": "test",
			"author": "Florian Roth (Nextron Systems)", "tags": []any{"attack.execution", "attack.t1059.001"},
			"path": "rules/ps_download.yml"}},
		// The Detection Rule License needs the author on every alert.
		{"json author", objs[1]["rule"].(map[string]any)["author"], "someone"},

		{"attack", objs[0]["attack"], map[string]any{"techniques": []any{"T1059.001", "T1105"},
			"tactics": []any{"execution", "command-and-control"}}},
		// Empty technique lists stay [] (not null) so `jq '.attack.techniques[]'` works.
		{"attack empty", objs[1]["attack"], map[string]any{"techniques": []any{}, "tactics": []any{}}},
		{"attack notes", objs[2]["attack"].(map[string]any)["notes"],
			[]any{"T1562.001 was revoked; replaced by T1685 Disable or Modify Tools"}},

		{"timestamp", objs[0]["timestamp"], "2026-03-10T09:41:12.345Z"},
		{"timestamp null", objs[1]["timestamp"], nil},
		{"host", objs[0]["host"], "CLAIMS-WS03.medsure.local"},

		// EVTX: record and offset, no line; JSON: line only.
		{"source evtx", objs[0]["source"], map[string]any{"path": "logs/a.evtx", "record": 4711.0, "offset": 69632.0}},
		{"source json", objs[1]["source"], map[string]any{"path": "events.jsonl", "line": 12.0}},

		{"event", objs[0]["event"], map[string]any{"EventID": 4104.0, "ScriptBlockText": "iwr http://x/a.ps1"}},
		{"event backslashes", objs[1]["event"], map[string]any{"Image": `C:\Windows\System32\whoami.exe`}},
		{"event null", objs[2]["event"], nil},
		{"correlation", objs[2]["correlation"], map[string]any{"type": "event_count",
			"group": map[string]any{"User": "bob"}, "value": 5.0}},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s:\n got  %#v\n want %#v", tc.name, tc.got, tc.want)
		}
	}
}

// TestJSONLOneLinePerAlert: the format is line oriented, so nothing in an
// alert may produce a raw newline, and HTML-sensitive characters are kept
// literal (the encoder's HTML escaping is off) so grep finds command lines.
func TestJSONLOneLinePerAlert(t *testing.T) {
	a := evtxAlert()
	a.Rule.Title = "line one\nline two\r\u2028"
	a.Host = "<host>&co"
	// Pretty-printed source JSON (evtx_dump style) must be compacted.
	a.Event = json.RawMessage("{\n  \"CommandLine\": \"cmd /c a && b > c\",\n  \"n\": [1,\n 2]\n}")
	objs, out := writeJSONL(t, a)
	if strings.Count(out, "\n") != 1 {
		t.Fatalf("one alert gave %d newlines:\n%s", strings.Count(out, "\n"), out)
	}
	for _, want := range []string{`"host":"<host>&co"`, `"CommandLine":"cmd /c a && b > c"`, `"n":[1,2]`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if got := objs[0]["rule"].(map[string]any)["title"]; got != "line one\nline two\r\u2028" {
		t.Errorf("title round trip: %q", got)
	}
}

// TestJSONLBadEvent: an event that is not valid JSON is refused by Write and
// leaves no half line behind, so the file stays parseable.
func TestJSONLBadEvent(t *testing.T) {
	var b bytes.Buffer
	s, _ := New("jsonl", &b)
	bad := evtxAlert()
	bad.Event = json.RawMessage(`{"EventID":`)
	if err := s.Write(bad); err == nil {
		t.Error("Write accepted an invalid event")
	}
	if err := s.Write(jsonAlert()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil || strings.Count(b.String(), "\n") != 1 {
		t.Errorf("output after a refused alert is not exactly one valid line (%v):\n%s", err, b.String())
	}
}

// An event compacted by the scan (AppendCompact, EventCompact) is written
// as the sink would have written it uncompacted.
func TestJSONLCompactedEvent(t *testing.T) {
	line := func(a *alert.Alert) string {
		var b bytes.Buffer
		s, _ := New("jsonl", &b)
		if err := s.Write(a); err != nil {
			t.Fatal(err)
		}
		s.Close()
		return b.String()
	}
	spaced := jsonAlert()
	spaced.Event = json.RawMessage("{ \"Image\" : \"C:\\\\x.exe\" ,\n \"n\": [1, 2] }")
	compacted := jsonAlert()
	ev, err := AppendCompact(nil, spaced.Event)
	if err != nil {
		t.Fatal(err)
	}
	if string(ev) != `{"Image":"C:\\x.exe","n":[1,2]}` {
		t.Fatalf("AppendCompact = %s", ev)
	}
	compacted.Event, compacted.EventCompact = ev, true
	if got, want := line(compacted), line(spaced); got != want {
		t.Errorf("compacted event written as\n%s\nwant\n%s", got, want)
	}
	if _, err := AppendCompact(nil, json.RawMessage(`{"a":`)); err == nil {
		t.Error("AppendCompact accepted invalid JSON")
	}
}
