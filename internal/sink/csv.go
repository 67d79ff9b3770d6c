package sink

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/vigil-sec/vigil/internal/alert"
)

// csvHeader is the column order. The event is a JSON column; correlation
// (JSON, correlation alerts only) was added after it, so it comes last.
var csvHeader = [...]string{"timestamp", "level", "rule_title", "rule_id", "rule_author", "techniques", "tactics",
	"host", "source_path", "source_line", "source_record", "event", "correlation"}

type csvSink struct {
	w      *csv.Writer
	header bool
}

func newCSV(w io.Writer) *csvSink { return &csvSink{w: csv.NewWriter(w)} }

func (s *csvSink) Write(a *alert.Alert) error {
	if !s.header {
		s.header = true
		if err := s.w.Write(csvHeader[:]); err != nil {
			return err
		}
	}
	ts := ""
	if a.Timestamp != nil {
		ts = *a.Timestamp
	}
	line, rec := "", ""
	if a.Source.Line > 0 {
		line = strconv.Itoa(a.Source.Line)
	}
	if a.Source.Record > 0 {
		rec = strconv.FormatUint(a.Source.Record, 10)
	}
	corr := ""
	if a.Correlation != nil {
		b, err := json.Marshal(a.Correlation)
		if err != nil {
			return err
		}
		corr = string(b)
	}
	return s.w.Write([]string{ts, a.Rule.Level, a.Rule.Title, a.Rule.ID, a.Rule.Author,
		strings.Join(a.Attack.Techniques, " "), strings.Join(a.Attack.Tactics, " "), a.Host,
		a.Source.Path, line, rec, string(a.Event), corr})
}

func (s *csvSink) Close() error {
	if !s.header { // an empty result still gets its header
		s.header = true
		s.w.Write(csvHeader[:])
	}
	s.w.Flush()
	return s.w.Error()
}
