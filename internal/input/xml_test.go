package input

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/evtx"
	"github.com/vigil-sec/vigil/internal/winevent"
)

// Event Viewer's "Save as XML": a root, pretty-printed, a namespace.
const savedXML = `<?xml version="1.0" encoding="UTF-8"?>
<Events>
  <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
    <System>
      <Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/>
      <EventID>1</EventID>
      <TimeCreated SystemTime="2026-03-10T09:41:12.3456789Z"/>
      <EventRecordID>4711</EventRecordID>
      <Execution ProcessID="2300" ThreadID="3160"/>
      <Channel>Microsoft-Windows-Sysmon/Operational</Channel>
      <Computer>WS03.medsure.local</Computer>
    </System>
    <EventData>
      <Data Name="Image">C:\Windows\System32\cmd.exe</Data>
      <Data Name="CommandLine">cmd.exe /c "echo a &amp; b" </Data>
      <Data Name="User">MEDSURE\eve</Data>
      <Data Name="Empty"></Data>
    </EventData>
  </Event>
  <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4624</EventID><Channel>Security</Channel><Computer>DC01</Computer></System><EventData><Data Name="TargetUserName">eve</Data><Data Name="LogonType">3</Data></EventData><RenderingInfo Culture="en-US"><Message>An account was successfully logged on.</Message><Level>Information</Level></RenderingInfo></Event>
</Events>
`

func TestXMLEvents(t *testing.T) {
	s, err := Open(write(t, t.TempDir(), "export.xml", []byte(savedXML)), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, skips := readAll(t, s)
	if s.Format() != FormatXML || len(recs) != 2 || len(skips) != 0 {
		t.Fatalf("format %s, %d records, skips %v", s.Format(), len(recs), skips)
	}
	want := map[string]string{"EventID": "1", "Channel": "Microsoft-Windows-Sysmon/Operational", "Computer": "WS03.medsure.local",
		"Provider_Name": "Microsoft-Windows-Sysmon", "TimeCreated": "2026-03-10T09:41:12.3456789Z", "Execution_ProcessID": "2300",
		"EventRecordID": "4711", "Image": `C:\Windows\System32\cmd.exe`, "CommandLine": `cmd.exe /c "echo a & b"`, "User": `MEDSURE\eve`, "Empty": ""}
	for k, v := range want {
		if got := winevent.Text(recs[0].Event[k]); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if recs[0].Line != 3 || recs[1].Line != 20 {
		t.Errorf("lines %d, %d; want 3, 20", recs[0].Line, recs[1].Line)
	}
	e := recs[1].Event
	if winevent.Text(e["EventID"]) != "4624" || e["TargetUserName"] != "eve" || e["Message"] != "An account was successfully logged on." {
		t.Errorf("second event %v", e)
	}
}

// wevtutil /f:xml writes <Event> elements back to back, with no root; a
// syntax error ends the file after the events before it, saying where.
func TestXMLStreamAndErrors(t *testing.T) {
	ev := `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>7</EventID><Channel>System</Channel></System></Event>`
	cases := []struct {
		name, data string
		records    int
		skip       string
	}{
		{"no root", ev + ev + ev, 3, ""},
		{"broken after two", ev + ev + "<Event><System><EventID>8</Even", 2, "line 1"},
		// Non-strict parsing (needed for the entities exports carry) lets a
		// stray end tag close the open element; the error comes at the next.
		{"mismatched end tag", ev + "<Event><System><EventID>9</EventID></Channel></System></Event>", 2, "unexpected end element"},
		{"event without system", "<Events><Event><EventData/></Event>" + ev + "</Events>", 1, "without <System>"},
		{"no event at all", "<Events><Eventual/></Events>", 0, "without any <Event>"},
		{"runaway event", "<Event><System>" + strings.Repeat("<Data>x</Data>", 20000) + "</System></Event>", 0, "larger than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(write(t, t.TempDir(), "x.xml", []byte(c.data)), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			recs, skips := readAll(t, s)
			if len(recs) != c.records {
				t.Errorf("%d records, want %d", len(recs), c.records)
			}
			if c.skip == "" && len(skips) != 0 || c.skip != "" && (len(skips) != 1 || !strings.Contains(skips[0].Error(), c.skip)) {
				t.Errorf("skips %v, want one containing %q", skips, c.skip)
			}
		})
	}
	if _, err := Open(write(t, t.TempDir(), "u16.xml", []byte("\xff\xfe<\x00E\x00")), nil); err == nil || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("UTF-16: %v", err)
	}
	if _, err := Open(write(t, t.TempDir(), "page.html", []byte("<html><body>hi</body></html>")), nil); err == nil || !strings.Contains(err.Error(), "no <Event> element") {
		t.Errorf("HTML: %v", err)
	}
}

// Every record of real EVTX files, rendered as XML the way Windows renders
// it, must read back as the same fields the EVTX reader gives.
func TestXMLTwinsOfEVTX(t *testing.T) {
	files := corpusEVTX(t)
	total := 0
	for _, f := range files {
		r, err := evtx.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		r.KeepTree = true
		var doc bytes.Buffer
		var want []map[string]any
		doc.WriteString("<Events>\n")
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				continue // damaged records are the EVTX reader's business
			}
			renderXML(&doc, rec.Tree)
			doc.WriteByte('\n')
			want = append(want, rec.Fields)
		}
		r.Close()
		doc.WriteString("</Events>\n")
		s := newXMLSource(f+".xml", &doc, func() {})
		got, skips := readAll(t, s)
		if len(got) != len(want) || len(skips) != 0 {
			t.Fatalf("%s: %d records from XML, %d from EVTX, skips %v", f, len(got), len(want), skips)
		}
		for i := range want {
			for k, v := range want[i] {
				if a, b := winevent.Text(got[i].Event[k]), xmlSafe(winevent.Text(v)); a != b {
					t.Fatalf("%s record %d: %s = %q from XML, %q from EVTX", filepath.Base(f), i, k, a, b)
				}
			}
			if len(got[i].Event) != len(want[i]) {
				for k := range got[i].Event {
					if _, ok := want[i][k]; !ok {
						t.Logf("extra field %s = %q", k, winevent.Text(got[i].Event[k]))
					}
				}
				t.Fatalf("%s record %d: %d fields from XML, %d from EVTX", filepath.Base(f), i, len(got[i].Event), len(want[i]))
			}
		}
		total += len(want)
	}
	t.Logf("%d records from %d files compared", total, len(files))
	if total < 5000 {
		t.Errorf("only %d records compared", total)
	}
}

// renderXML writes an element as Windows' XML rendering would: an array
// substitution in a <Data> becomes one <Data> per item.
func renderXML(w *bytes.Buffer, e *winevent.Element) {
	if list, ok := e.Value.([]any); ok && e.Name == "Data" && len(e.Children) == 0 {
		for _, v := range list {
			renderXML(w, &winevent.Element{Name: "Data", Attrs: e.Attrs, Value: v})
		}
		return
	}
	w.WriteString("<" + e.Name)
	for _, a := range e.Attrs {
		w.WriteString(" " + a.Name + `="`)
		xml.EscapeText(w, []byte(winevent.Text(a.Value)))
		w.WriteString(`"`)
	}
	w.WriteString(">")
	if e.Value != nil {
		xml.EscapeText(w, []byte(winevent.Text(e.Value)))
	}
	for _, c := range e.Children {
		renderXML(w, c)
	}
	w.WriteString("</" + e.Name + ">")
}

// xmlSafe is what survives XML: characters XML 1.0 cannot carry (control
// bytes such as the \x03 of a 4739 MinPasswordAge) become U+FFFD, as the
// renderer writes them.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, s)
}

func FuzzXMLEvents(f *testing.F) {
	f.Add([]byte(savedXML))
	f.Add([]byte(`<Event><System><EventID>7</EventID></System><EventData><Data>a</Data><Data>b</Data></EventData></Event><Event>`))
	f.Add([]byte(`<Events><Event><System/><UserData><X xmlns:a="u"><Y>&amp;&nbsp;</Y></X></UserData></Event></Events>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s := newXMLSource("fuzz.xml", bytes.NewReader(b), func() {})
		for i := 0; i < 10000; i++ {
			rec, err := s.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil && !Skipped(err) {
				t.Fatalf("error that is not a skipped record: %v", err)
			}
			if err == nil && rec.Event == nil {
				t.Fatal("record without an event")
			}
		}
		t.Fatal("source never ended")
	})
}

// corpusEVTX lists the benign and attack-sample EVTX files of the shared
// corpora (skipping the test when they are absent).
func corpusEVTX(t *testing.T) []string {
	t.Helper()
	dir := filepath.Dir(sharedEVTX(t, "benign/sysmon.evtx"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.evtx"))
	attack, _ := filepath.Glob(filepath.Join(dir, "..", "..", "evtx-attack-samples", "*", "*.evtx"))
	return append(files, attack...)
}
