// Package input reads events from files. JSON lines are streamed through a
// bufio.Reader, never loaded whole, and a bad line is reported with its
// path and line number and skipped, so one corrupt record does not stop a
// scan.
package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/winevent"
)

// MaxLine bounds one JSON line; longer lines are skipped as bad.
const MaxLine = 64 << 20

// Record is one decoded event with its origin. Event holds vigil's
// canonical field names (Windows events in any of their three shapes come
// out the same); Raw is the record as the source wrote it, for output.
type Record struct {
	Line     int    // JSON lines: 1-based line; JSON array: 1-based element
	RecordID uint64 // EVTX: the record's EventRecordID
	Offset   int64  // EVTX: file offset of the record
	Raw      []byte // the original JSON (nil for EVTX: marshal Event)
	Event    event.Map
}

// LineError is a line that could not be read as a JSON object.
type LineError struct {
	Path   string
	Line   int
	Reason string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Reason) }

// JSONLines reads one JSON object per line. Blank lines are skipped.
type JSONLines struct {
	path string
	br   *bufio.Reader
	line int
	buf  []byte
}

// NewJSONLines reads r, naming it path in errors.
func NewJSONLines(path string, r io.Reader) *JSONLines {
	return &JSONLines{path: path, br: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next record, a *LineError for a bad line (call Next
// again to carry on), or io.EOF at the end. Other errors are I/O errors.
func (j *JSONLines) Next() (Record, error) {
	for {
		line, tooLong, err := j.readLine()
		if err != nil && (len(line) == 0 || !errors.Is(err, io.EOF)) {
			return Record{}, err
		}
		j.line++
		if tooLong {
			return Record{}, &LineError{j.path, j.line, fmt.Sprintf("line longer than %d bytes", MaxLine)}
		}
		trimmed := bytes.TrimSpace(line)
		if len(trimmed) == 0 {
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.UseNumber()
		var m map[string]any
		if derr := dec.Decode(&m); derr != nil {
			return Record{}, &LineError{j.path, j.line, "not a JSON object: " + derr.Error()}
		}
		if dec.More() {
			return Record{}, &LineError{j.path, j.line, "more than one JSON value on the line"}
		}
		if m == nil {
			return Record{}, &LineError{j.path, j.line, "not a JSON object: null"}
		}
		return Record{Line: j.line, Raw: append([]byte(nil), trimmed...), Event: winevent.Normalise(m)}, nil
	}
}

// readLine returns one line without its newline, however long, up to
// MaxLine; past that it drains the line and reports tooLong.
func (j *JSONLines) readLine() (line []byte, tooLong bool, err error) {
	j.buf = j.buf[:0]
	for {
		chunk, err := j.br.ReadSlice('\n')
		if len(j.buf)+len(chunk) > MaxLine {
			tooLong = true
		} else {
			j.buf = append(j.buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(j.buf, []byte("\n")), tooLong, err
	}
}
