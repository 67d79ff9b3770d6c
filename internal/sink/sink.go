// Package sink writes alerts out: JSON lines for machines, CSV for
// spreadsheets, a table for people at a terminal.
package sink

import (
	"fmt"
	"io"

	"github.com/vigil-sec/vigil/internal/alert"
)

// Sink receives alerts in scan order. Write returns once the alert is handed
// to the underlying writer, and keeps neither the alert nor anything it
// points to (a scan reuses that memory); Close flushes.
type Sink interface {
	Write(a *alert.Alert) error
	Close() error
}

// Formats lists the output formats New accepts.
func Formats() []string { return []string{"table", "jsonl", "csv"} }

// New returns a sink writing format to w.
func New(format string, w io.Writer) (Sink, error) {
	switch format {
	case "jsonl":
		return newJSONL(w), nil
	case "csv":
		return newCSV(w), nil
	case "table":
		return newTable(w), nil
	}
	return nil, fmt.Errorf("unknown output format %q", format)
}
