package sink

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigil-sec/vigil/internal/alert"
)

// Column starts in runes, from rowFormat: widths 19, 8, 48, 22, 22 with two
// spaces between. fmt pads by runes, so slicing by runes recovers columns
// even with non-ASCII text.
var tableCols = []struct {
	name       string
	start, end int // end -1: to the end of the line
}{
	{"TIME", 0, 19}, {"LEVEL", 21, 29}, {"RULE", 31, 79}, {"HOST", 81, 103}, {"ATT&CK", 105, 127}, {"SOURCE", 129, -1},
}

// writeTable returns the table lines split into trimmed cells.
func writeTable(t *testing.T, alerts ...*alert.Alert) [][]string {
	t.Helper()
	var b bytes.Buffer
	s, _ := New("table", &b)
	for _, a := range alerts {
		if err := s.Write(a); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(alerts)+1 {
		t.Fatalf("%d lines for %d alerts plus header:\n%s", len(lines), len(alerts), b.String())
	}
	var rows [][]string
	for _, l := range lines {
		r := []rune(l)
		var cells []string
		for i, c := range tableCols {
			end := c.end
			if end < 0 {
				end = len(r)
			}
			if len(r) < end {
				t.Fatalf("line shorter than its columns: %q", l)
			}
			// The gap before each column must be blank, or a cell overflowed.
			if i > 0 && strings.TrimSpace(string(r[c.start-2:c.start])) != "" {
				t.Fatalf("column %s not aligned in %q", c.name, l)
			}
			cells = append(cells, strings.TrimRight(string(r[c.start:end]), " "))
		}
		rows = append(rows, cells)
	}
	if got := strings.Join(rows[0], "|"); got != "TIME|LEVEL|RULE|HOST|ATT&CK|SOURCE" {
		t.Fatalf("header %q", got)
	}
	return rows[1:]
}

func TestTableRows(t *testing.T) {
	long := strings.Repeat("Very Long Rule Title ", 5) // 105 runes
	uni := strings.Repeat("日本語のルール名", 10)              // 80 runes, wider than its column
	noTime := jsonAlert()
	both := evtxAlert()
	both.Source.Line = 7 // a line number wins over a record
	odd := evtxAlert()
	odd.Timestamp = strp("10/03/2026 09:41:12 PM +01:00") // not RFC 3339: shown as given, clipped
	odd.Rule.Title, odd.Host = long, "ホスト名-ÜBERWACHUNG-SERVER-01.example"
	uniAlert := evtxAlert()
	uniAlert.Rule.Title, uniAlert.Rule.Level = uni, "informational"
	empty := &alert.Alert{} // every field empty: placeholders, no panic

	rows := writeTable(t, evtxAlert(), noTime, both, odd, uniAlert, empty)
	for i, want := range [][]string{
		{"2026-03-10 09:41:12", "high", "Suspicious PowerShell Download", "CLAIMS-WS03.medsure.l…", "T1059.001,T1105", "logs/a.evtx#4711"},
		{"-", "low", "Whoami", "-", "-", "events.jsonl:12"},
		{"2026-03-10 09:41:12", "high", "Suspicious PowerShell Download", "CLAIMS-WS03.medsure.l…", "T1059.001,T1105", "logs/a.evtx:7"},
		// Clipped cells end in "…" and are exactly the column width in runes.
		{"10/03/2026 09:41:1…", "high", "Very Long Rule Title Very Long Rule Title Very …", "ホスト名-ÜBERWACHUNG-SERV…", "T1059.001,T1105", "logs/a.evtx#4711"},
		{"2026-03-10 09:41:12", "informa…", uni[:len("日本語のルール名")*5] + "日本語のルール…", "CLAIMS-WS03.medsure.l…", "T1059.001,T1105", "logs/a.evtx#4711"},
		{"-", "-", "-", "-", "-", ""},
	} {
		for j, c := range tableCols {
			if rows[i][j] != want[j] {
				t.Errorf("row %d %s = %q, want %q", i, c.name, rows[i][j], want[j])
			}
		}
	}
	if n := utf8.RuneCountInString(rows[3][2]); n != 48 {
		t.Errorf("clipped title is %d runes, want 48", n)
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 5, "-"},
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"äöüß", 4, "äöüß"}, // 4 runes, 8 bytes: counted in runes, not bytes
		{"äöüßx", 4, "äöü…"},
		{"🚨🚨🚨", 2, "🚨…"},
	} {
		if got := clip(tc.in, tc.n); got != tc.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// TestTableControlChars: host names, titles and paths can come from logs an
// attacker wrote. At a terminal a raw newline would forge an extra row and an
// escape sequence could recolour, move the cursor or erase earlier alerts
// ("\x1b[1A\x1b[2K"), so control characters are shown as U+FFFD instead.
func TestTableControlChars(t *testing.T) {
	a := evtxAlert()
	a.Host = "ws\n2026-01-01 00:00:00  low"
	a.Rule.Title = "\x1b[1A\x1b[2KHidden\ttab"
	a.Rule.Level = "hi\u009bgh" // C1 CSI, an escape on some terminals
	a.Source = alert.Source{Path: "logs/\x1b]0;pwned\x07x.evtx", Record: 1}
	rows := writeTable(t, a) // fails on a forged line
	want := []string{"2026-03-10 09:41:12", "hi\ufffdgh", "\ufffd[1A\ufffd[2KHidden\ufffdtab", "ws\ufffd2026-01-01 00:00:0…",
		"T1059.001,T1105", "logs/\ufffd]0;pwned\ufffdx.evtx#1"}
	for j, c := range tableCols {
		if rows[0][j] != want[j] {
			t.Errorf("%s = %q, want %q", c.name, rows[0][j], want[j])
		}
		if strings.ContainsFunc(rows[0][j], func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
			t.Errorf("%s keeps a control character: %q", c.name, rows[0][j])
		}
	}
}

// Bidirectional overrides would let a path read differently from what it is
// ("evil\u202Etxt.exe" shows as "evilexe.txt"); they are shown as U+FFFD.
func TestTableBidiControls(t *testing.T) {
	a := evtxAlert()
	a.Source = alert.Source{Path: "C:\\evil\u202Etxt.exe", Record: 1}
	a.Host = "h\u2066o\u2069st\u200F"
	rows := writeTable(t, a)
	if got := rows[0][len(rows[0])-1]; got != "C:\\evil\ufffdtxt.exe#1" {
		t.Errorf("source = %q", got)
	}
	for _, cell := range rows[0] {
		if strings.ContainsAny(cell, "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F") {
			t.Errorf("bidi control kept: %q", cell)
		}
	}
}
