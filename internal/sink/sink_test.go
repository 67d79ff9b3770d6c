package sink

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
)

// Shared fixtures for the format tests. Each builder returns a fresh alert
// so a test can mutate it without leaking into others.

func strp(s string) *string { return &s }

// evtxAlert is a typical single-event alert from an EVTX record.
func evtxAlert() *alert.Alert {
	return &alert.Alert{
		Rule: alert.Rule{ID: "5f8b1e2a-0000-4000-8000-000000000001", Title: "Suspicious PowerShell Download",
			Level: "high", Status: "test", Author: "Florian Roth (Nextron Systems)",
			Tags: []string{"attack.execution", "attack.t1059.001"}, Path: "rules/ps_download.yml"},
		Attack:    alert.Attack{Techniques: []string{"T1059.001", "T1105"}, Tactics: []string{"execution", "command-and-control"}},
		Timestamp: strp("2026-03-10T09:41:12.345Z"),
		Host:      "CLAIMS-WS03.medsure.local",
		Source:    alert.Source{Path: "logs/a.evtx", Record: 4711, Offset: 69632},
		Event:     json.RawMessage(`{"EventID":4104,"ScriptBlockText":"iwr http://x/a.ps1"}`),
	}
}

// jsonAlert comes from a JSON-lines input: a line, no record, no host, no time.
func jsonAlert() *alert.Alert {
	return &alert.Alert{
		Rule:   alert.Rule{ID: "r2", Title: "Whoami", Level: "low", Status: "stable", Author: "someone", Tags: []string{}, Path: "r2.yml"},
		Attack: alert.Attack{Techniques: []string{}, Tactics: []string{}},
		Source: alert.Source{Path: "events.jsonl", Line: 12},
		Event:  json.RawMessage(`{"Image":"C:\\Windows\\System32\\whoami.exe"}`),
	}
}

// failWriter accepts ok bytes, then fails every write: a full disk or a
// closed pipe part way through the output.
type failWriter struct {
	ok  int
	buf bytes.Buffer
}

var errDisk = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.ok <= 0 {
		return 0, errDisk
	}
	if len(p) > w.ok {
		n := w.ok
		w.buf.Write(p[:n])
		w.ok = 0
		return n, errDisk
	}
	w.ok -= len(p)
	return w.buf.Write(p)
}

func TestNewFormats(t *testing.T) {
	if got, want := Formats(), []string{"table", "jsonl", "csv"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Formats() = %v, want %v", got, want)
	}
	// Every advertised format must be constructible: the CLI offers exactly
	// this list and ignores New's error (cli/scan.go).
	for _, f := range Formats() {
		s, err := New(f, &bytes.Buffer{})
		if err != nil || s == nil {
			t.Errorf("New(%q) = %v, %v", f, s, err)
		}
	}
	for _, f := range []string{"", "json", "JSONL", "xml", "table "} {
		if s, err := New(f, &bytes.Buffer{}); err == nil || s != nil {
			t.Errorf("New(%q) = %v, %v; want an error", f, s, err)
		}
	}
}

// TestWriterErrors: an output that fails (full disk, closed pipe) must be
// reported by Write or at the latest by Close, never dropped, whatever the
// format and however much was written before the failure.
func TestWriterErrors(t *testing.T) {
	big := evtxAlert()
	// Larger than every sink's buffer, so Write itself has to hit the writer.
	pad := string(bytes.Repeat([]byte("x"), 100<<10))
	big.Event = json.RawMessage(`{"pad":"` + pad + `"}`)
	big.Source.Path = "logs/" + pad + ".evtx" // the table's only unclipped column
	for _, format := range Formats() {
		for _, tc := range []struct {
			name   string
			ok     int
			alerts []*alert.Alert
			// writeErr: the failure is large enough that Write must see it.
			writeErr bool
		}{
			{"fails at once, small alert", 0, []*alert.Alert{evtxAlert()}, false},
			{"fails at once, big alert", 0, []*alert.Alert{big}, true},
			{"fails after some bytes", 300, []*alert.Alert{evtxAlert(), jsonAlert(), evtxAlert()}, false},
			{"fails inside a big alert", 1000, []*alert.Alert{evtxAlert(), big}, true},
		} {
			t.Run(format+"/"+tc.name, func(t *testing.T) {
				w := &failWriter{ok: tc.ok}
				s, _ := New(format, w)
				var werr error
				for _, a := range tc.alerts {
					if err := s.Write(a); err != nil && werr == nil {
						werr = err
					}
				}
				if tc.writeErr && !errors.Is(werr, errDisk) {
					t.Errorf("Write error = %v, want %v", werr, errDisk)
				}
				if err := s.Close(); !errors.Is(err, errDisk) {
					t.Errorf("Close error = %v, want %v (Write said %v)", err, errDisk, werr)
				}
			})
		}
	}
}

// TestEmptyOutput: what a scan without alerts leaves behind. CSV keeps its
// header so a spreadsheet import still has columns; JSONL is empty (zero
// lines = zero alerts); the table prints nothing rather than a lone header.
func TestEmptyOutput(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		{"jsonl", ""},
		{"csv", "timestamp,level,rule_title,rule_id,rule_author,techniques,tactics,host,source_path,source_line,source_record,event,correlation\n"},
		{"table", ""},
	} {
		var b bytes.Buffer
		s, _ := New(tc.format, &b)
		if err := s.Close(); err != nil {
			t.Fatalf("%s: Close: %v", tc.format, err)
		}
		// A second Close must not repeat the header.
		if err := s.Close(); err != nil {
			t.Fatalf("%s: second Close: %v", tc.format, err)
		}
		if b.String() != tc.want {
			t.Errorf("%s: empty output %q, want %q", tc.format, b.String(), tc.want)
		}
	}
}

// TestCloseFlushes: Close delivers everything in order, including output
// well past the sinks' internal buffers.
func TestCloseFlushes(t *testing.T) {
	const n = 3000
	for _, format := range Formats() {
		var b bytes.Buffer
		s, _ := New(format, &b)
		for i := 0; i < n; i++ {
			a := jsonAlert()
			a.Source.Line = i + 1
			if err := s.Write(a); err != nil {
				t.Fatalf("%s: Write %d: %v", format, i, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatalf("%s: Close: %v", format, err)
		}
		lines := bytes.Split(bytes.TrimSuffix(b.Bytes(), []byte("\n")), []byte("\n"))
		want := n
		if format != "jsonl" {
			want++ // header
		}
		if len(lines) != want {
			t.Fatalf("%s: %d lines after Close, want %d", format, len(lines), want)
		}
		// The last alert written is the last line: nothing reordered or lost.
		if last := string(lines[len(lines)-1]); !bytes.Contains(lines[len(lines)-1], []byte("3000")) {
			t.Errorf("%s: last line %q does not carry line 3000", format, last)
		}
	}
}
