// Package input reads events from files. Everything is streamed through a
// bufio.Reader, never loaded whole, and a bad record is reported with its
// path and position and skipped, so one corrupt record does not stop a
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

// MaxLine bounds one JSON record (a line, or a pretty-printed object over
// several lines); longer records are skipped as bad, and reading one costs
// at most this much memory (the rest of the line is drained unread). Event
// log records are kilobytes; 16 MiB leaves room for the odd huge script
// block while keeping a parallel scan's memory bounded.
const MaxLine = 16 << 20

// Record is one decoded event with its origin. Event holds vigil's
// canonical field names (Windows events in any of their three shapes come
// out the same); Raw is the record as the source wrote it, for output.
type Record struct {
	Line     int    // JSON: 1-based line the record starts on; JSON array: 1-based element
	RecordID uint64 // EVTX: the record's EventRecordID
	Offset   int64  // EVTX: file offset of the record
	Raw      []byte // the original JSON (nil for EVTX: marshal Event)
	Event    event.Map
	// View is set instead of Event when Options.Flat decoded the record
	// straight from its bytes; it and Raw are then valid until the next Next.
	View *event.Flat
	// Unchecked: NextRaw did not check that Raw's object closes; decode
	// it with DecodeRecord.
	Unchecked bool
}

// Ev returns the record's event, however it was decoded.
func (r *Record) Ev() event.Event {
	if r.View != nil {
		return r.View
	}
	return r.Event
}

// Map returns the record's event as a Map (built from View when needed).
func (r *Record) Map() event.Map {
	if r.View != nil {
		return r.View.Map()
	}
	return r.Event
}

// Options tune how sources decode records.
type Options struct {
	// Flat decodes flat JSON objects straight from their bytes into
	// Record.View (see FlatDecoder); such records, their Raw bytes and View
	// are only valid until the next call of Next.
	Flat bool
}

// LineError is a record that could not be read as a JSON object.
type LineError struct {
	Path   string
	Line   int
	Reason string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Reason) }

// JSONLines reads a stream of JSON objects: one per line (NDJSON), or
// pretty-printed objects spanning several lines, one after another (as
// evtx_dump writes them). A line that does not start an object is a bad
// record; an object that never closes is reported and reading resumes at the
// next line that starts with '{'.
type JSONLines struct {
	path  string
	br    *bufio.Reader
	line  int    // lines consumed so far
	buf   []byte // the record being assembled
	carry []byte // a line read past the end of a broken record, to retry
	flat  *FlatDecoder
	long  []byte // assembles lines longer than the read buffer
	// rawOnly makes Next return the assembled bytes undecoded (NextRaw).
	rawOnly bool
}

// NewJSONLines reads r, naming it path in errors.
func NewJSONLines(path string, r io.Reader) *JSONLines {
	return &JSONLines{path: path, br: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next record, a *LineError for a bad record (call Next
// again to carry on), or io.EOF at the end. Other errors are I/O errors.
func (j *JSONLines) Next() (Record, error) {
	for {
		line, tooLong, err := j.nextLine()
		if err != nil && (len(line) == 0 || !errors.Is(err, io.EOF)) {
			return Record{}, err
		}
		start := j.line
		trimmed := bytes.TrimSpace(line)
		switch {
		case tooLong:
			return Record{}, &LineError{j.path, start, fmt.Sprintf("line longer than %d bytes (%d MiB): skipped", MaxLine, MaxLine>>20)}
		case len(trimmed) == 0:
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			continue
		case trimmed[0] != '{':
			return Record{}, &LineError{j.path, start, "not a JSON object: starts with " + quoteStart(trimmed)}
		}
		rec, rerr := j.object(trimmed, start, errors.Is(err, io.EOF))
		return rec, rerr
	}
}

// object completes a record that starts with first (a line beginning with
// '{'), reading further lines while the value is still open.
func (j *JSONLines) object(first []byte, start int, atEOF bool) (Record, error) {
	var sc valueScanner
	if j.flat != nil && !j.rawOnly && first[len(first)-1] == '}' {
		// One line holding a whole flat object (the common NDJSON case):
		// the decoder's own syntax check stands in for the bracket scan.
		j.buf = append(j.buf[:0], first...)
		if ev, ok := j.flat.Decode(j.buf); ok {
			return Record{Line: start, Raw: j.buf, View: ev}, nil
		}
	}
	if j.rawOnly && !atEOF && first[len(first)-1] == '}' && j.nextStartsObject(&first) {
		// The record ends with this line whether or not its object closes
		// (as below, a line that starts an object ends an open one), so
		// the bracket scan can wait: DecodeRecord decodes the line
		// anyway, and needs the scan only when decoding fails.
		return Record{Line: start, Raw: first, Unchecked: true}, nil
	}
	done := sc.feed(first)
	if done && j.rawOnly {
		// The whole record on one line: its bytes as read serve, valid
		// until the next call like j.buf's.
		return Record{Line: start, Raw: first}, nil
	}
	j.buf = append(j.buf[:0], first...)
	for !done && !atEOF {
		line, tooLong, err := j.nextLine()
		if err != nil && (len(line) == 0 || !errors.Is(err, io.EOF)) {
			if errors.Is(err, io.EOF) {
				break
			}
			return Record{}, err
		}
		atEOF = errors.Is(err, io.EOF)
		if bytes.HasPrefix(line, []byte("{")) || tooLong || len(j.buf)+len(line) > MaxLine {
			// A new object begins before this one closed: report the broken
			// one and let the next call start from this line.
			j.carry, j.line = append(j.carry[:0], line...), j.line-1
			return Record{}, &LineError{j.path, start, notClosed}
		}
		j.buf = append(append(j.buf, '\n'), line...)
		done = sc.feed(line)
	}
	if !done {
		return Record{}, &LineError{j.path, start, "JSON object does not close before the end of the file"}
	}
	if j.rawOnly {
		return Record{Line: start, Raw: j.buf}, nil
	}
	return DecodeJSON(j.path, start, j.buf, j.flat)
}

// NextRaw is Next without decoding: the record's bytes (valid until the
// next call) and the line it starts on, for DecodeRecord elsewhere (a
// parallel scan decodes in its workers). Errors are those of Next for
// records that cannot be assembled, except that a one-line record
// followed by a line that starts an object comes back Unchecked: whether
// its object closes (or the error Next gives when it does not) is left to
// DecodeRecord.
func (j *JSONLines) NextRaw() (Record, error) {
	j.rawOnly = true
	defer func() { j.rawOnly = false }()
	return j.Next()
}

// nextStartsObject reports whether the next line begins with '{', without
// reading it. Peeking may refill the read buffer that *line points into,
// so a line in it is first copied to j.buf.
func (j *JSONLines) nextStartsObject(line *[]byte) bool {
	if j.carry != nil { // the next line is a carried one, not the stream's
		return false
	}
	if j.br.Buffered() == 0 {
		j.buf = append(j.buf[:0], *line...)
		*line = j.buf
	}
	b, err := j.br.Peek(1)
	return err == nil && b[0] == '{'
}

// notClosed is Next's reason for a record whose object does not close
// before a line that starts another.
const notClosed = "JSON object does not close before the next one starts"

// DecodeRecord decodes a record from NextRaw as Next would have: an
// Unchecked one is first made sure to close. (Trying DecodeJSON first and
// scanning only after it fails reads simpler but cost 2–4% of a scan.)
func DecodeRecord(path string, rec Record, flat *FlatDecoder) (Record, error) {
	if rec.Unchecked {
		if flat != nil {
			if ev, ok := flat.Decode(rec.Raw); ok { // a flat object closes
				return Record{Line: rec.Line, Raw: rec.Raw, View: ev}, nil
			}
		}
		var sc valueScanner
		if !sc.feed(rec.Raw) {
			return Record{}, &LineError{path, rec.Line, notClosed}
		}
		flat = nil // it declined these very bytes
	}
	return DecodeJSON(path, rec.Line, rec.Raw, flat)
}

// DecodeJSON decodes one assembled JSON record read from path at line, as
// Next does: with flat (non-nil) a flat object is decoded straight from raw
// into Record.View (valid while raw and flat are unchanged); otherwise, and
// for any other object, encoding/json decodes it into Record.Event.
func DecodeJSON(path string, line int, raw []byte, flat *FlatDecoder) (Record, error) {
	if flat != nil {
		trimmed := bytes.TrimSpace(raw)
		if ev, ok := flat.Decode(trimmed); ok {
			return Record{Line: line, Raw: trimmed, View: ev}, nil
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return Record{}, &LineError{path, line, "not a JSON object: " + err.Error()}
	}
	if dec.More() {
		return Record{}, &LineError{path, line, "more than one JSON value on the line"}
	}
	return Record{Line: line, Raw: append([]byte(nil), bytes.TrimSpace(raw)...), Event: winevent.Normalise(m)}, nil
}

// nextLine returns the carried-over line, or reads the next one.
func (j *JSONLines) nextLine() ([]byte, bool, error) {
	j.line++
	if j.carry != nil {
		l := j.carry
		j.carry = nil
		return l, false, nil
	}
	return j.readLine()
}

// readLine returns one line without its newline, however long, up to
// MaxLine; past that it drains the line and reports tooLong. A line that
// fits the read buffer is returned in place (valid until the next read);
// a longer one is assembled in j.long.
func (j *JSONLines) readLine() (line []byte, tooLong bool, err error) {
	chunk, err := j.br.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return bytes.TrimRight(chunk, "\r\n"), false, err
	}
	out := append(j.long[:0], chunk...)
	for {
		chunk, err = j.br.ReadSlice('\n')
		switch {
		case tooLong:
		case len(out)+len(chunk) > MaxLine:
			tooLong, out = true, out[:0]
		default:
			if len(out)+len(chunk) > cap(out) { // double (append grows big slices by 1.25)
				out = append(make([]byte, 0, min(max(2*cap(out), len(out)+len(chunk)), MaxLine)), out...)
			}
			out = append(out, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if cap(out) <= 1<<20 {
			j.long = out // keep a modest buffer for the next long line
		} else {
			j.long = nil
		}
		return bytes.TrimRight(out, "\r\n"), tooLong, err
	}
}

func quoteStart(b []byte) string {
	if len(b) > 16 {
		b = b[:16]
	}
	return fmt.Sprintf("%q", b)
}
