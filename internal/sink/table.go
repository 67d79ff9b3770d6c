package sink

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vigil-sec/vigil/internal/alert"
)

// tableSink streams fixed-width rows so alerts appear as they are found,
// however many there are.
type tableSink struct {
	bw     *bufio.Writer
	header bool
}

func newTable(w io.Writer) *tableSink { return &tableSink{bw: bufio.NewWriter(w)} }

const rowFormat = "%-19s  %-8s  %-48s  %-22s  %-22s  %s\n"

func (s *tableSink) Write(a *alert.Alert) error {
	if !s.header {
		s.header = true
		fmt.Fprintf(s.bw, rowFormat, "TIME", "LEVEL", "RULE", "HOST", "ATT&CK", "SOURCE")
	}
	ts := "-"
	if a.Timestamp != nil {
		ts = *a.Timestamp
		if t, err := time.Parse(time.RFC3339Nano, ts); err == nil {
			ts = t.Format("2006-01-02 15:04:05")
		}
	}
	src := clean(a.Source.Path)
	switch {
	case a.Source.Line > 0:
		src = fmt.Sprintf("%s:%d", src, a.Source.Line)
	case a.Source.Record > 0:
		src = fmt.Sprintf("%s#%d", src, a.Source.Record)
	}
	_, err := fmt.Fprintf(s.bw, rowFormat, clip(ts, 19), clip(a.Rule.Level, 8), clip(a.Rule.Title, 48),
		clip(a.Host, 22), clip(strings.Join(a.Attack.Techniques, ","), 22), src)
	return err
}

func (s *tableSink) Close() error { return s.bw.Flush() }

// clip shortens s to n runes, marking the cut with "…".
func clip(s string, n int) string {
	if s == "" {
		return "-"
	}
	s = clean(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// clean shows control characters (newline, tab, ESC, C1 codes) and bidi
// overrides as U+FFFD:
// hosts, titles and paths can come from logs an attacker wrote, and at a
// terminal a raw newline forges a row and an escape sequence can erase or
// rewrite earlier alerts.
func clean(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

// unsafeRune: control characters, and the bidirectional formatting
// characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F) that make a
// terminal show "evil\u202Eexe.txt" as "eviltxt.exe".
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F
}
