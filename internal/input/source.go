package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/vigil-sec/vigil/internal/evtx"
)

// Source yields the records of one file or stream.
type Source interface {
	// Next returns the next record; a *RecordError for a record that was
	// skipped (call Next again to carry on); io.EOF at the end; any other
	// error ends the source.
	Next() (Record, error)
	Close() error
	// Format names the detected format (FormatJSONLines, …).
	Format() string
}

// Formats vigil detects from content.
const (
	FormatJSONLines = "jsonl"
	FormatJSONArray = "json-array"
	FormatEVTX      = "evtx"
)

// RecordError is one record that could not be read; the source carries on.
type RecordError struct {
	Path   string
	Where  string // "line 12", "element 3", "chunk 2, offset 1234 (0x4d2)"
	Reason string
}

func (e *RecordError) Error() string { return e.Path + ": " + e.Where + ": " + e.Reason }

// Skipped reports whether err is a skipped record rather than a failure.
func Skipped(err error) bool {
	var re *RecordError
	var le *LineError
	return errors.As(err, &re) || errors.As(err, &le)
}

// UnknownFormatError says a file is not an event log vigil reads.
type UnknownFormatError struct {
	Path   string
	Reason string
}

func (e *UnknownFormatError) Error() string { return e.Path + ": " + e.Reason }

// Open opens path ("-" for stdin) and picks the reader from its content, not
// its name: EVTX by its file magic, gzip by its magic (then looked at again),
// a JSON array by a leading '[', JSON lines by a leading '{', Windows event
// XML by a leading '<' and an <Event> element, raw auditd records by a first
// line "type=… msg=audit(…".
func Open(path string, stdin io.Reader) (Source, error) {
	return OpenWith(path, stdin, Options{})
}

// OpenWith is Open with decoding options.
func OpenWith(path string, stdin io.Reader, opt Options) (Source, error) {
	if path == "-" {
		return detect("-", stdin, nil, nil, opt)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.IsDir() {
		f.Close()
		return nil, &UnknownFormatError{path, "is a directory"}
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	if evtx.IsEVTX(head[:n]) {
		f.Close()
		r, err := evtx.Open(path)
		if err != nil {
			return nil, err
		}
		r.Flat = true // matching reads a Flat faster than a map
		return &evtxSource{r: r, path: path}, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return detect(path, f, f, nil, opt)
}

// detect looks at the first bytes of r and returns the matching reader.
func detect(path string, r io.Reader, closer io.Closer, gz *gzip.Reader, opt Options) (Source, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	close := func() {
		if gz != nil {
			gz.Close()
		}
		if closer != nil {
			closer.Close()
		}
	}
	head, _ := br.Peek(8)
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b && gz == nil:
		z, err := gzip.NewReader(br)
		if err != nil {
			close()
			return nil, &UnknownFormatError{path, "bad gzip data: " + err.Error()}
		}
		return detect(path, z, closer, z, opt)
	case evtx.IsEVTX(head):
		close()
		return nil, &UnknownFormatError{path, "EVTX data in a stream or .gz: vigil reads EVTX from plain files; decompress it first"}
	}
	if len(head) >= 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff) {
		close() // PowerShell's > and Out-File write UTF-16 by default
		return nil, &UnknownFormatError{path, "UTF-16 text: convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8, or Out-File -Encoding utf8)"}
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3) // JSON decoders reject a byte-order mark
	}
	first, empty := firstNonSpace(br)
	switch {
	case empty || first == '{':
		jl := NewJSONLines(path, br)
		if opt.Flat {
			jl.flat = &FlatDecoder{}
		}
		return &jsonLinesSource{JSONLines: jl, close: close}, nil
	case first == '[':
		return newArraySource(path, br, close), nil
	case first == '<':
		if head, _ := br.Peek(4096); bytes.Contains(head, []byte("<Event")) {
			return newXMLSource(path, br, close), nil
		}
		close()
		return nil, &UnknownFormatError{path, "XML, but no <Event> element in its first 4 KiB: not a Windows event export"}
	case (first == 't' || first == 'n') && isAuditLine(firstLine(br)):
		return &auditdSource{lines: NewJSONLines(path, br), close: close}, nil
	}
	close()
	return nil, &UnknownFormatError{path, fmt.Sprintf("not an event log vigil reads (EVTX, JSON lines, a JSON array, Windows event XML or raw auditd lines); it starts with %q", printable(head))}
}

// firstLine peeks (without consuming) at the first non-blank line.
func firstLine(br *bufio.Reader) []byte {
	b, _ := br.Peek(4096)
	b = bytes.TrimLeft(b, " \t\r\n")
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return b
}

// firstNonSpace peeks (without consuming) past leading whitespace; empty
// is true when the stream holds nothing else.
func firstNonSpace(br *bufio.Reader) (c byte, empty bool) {
	b, _ := br.Peek(4096)
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c, false
		}
	}
	return 0, len(b) < 4096
}

func printable(b []byte) string {
	out := make([]rune, 0, len(b))
	for _, c := range b {
		if c < 32 || c > 126 {
			c = '.'
		}
		out = append(out, rune(c))
	}
	return string(out)
}

// FromReader detects the format of an already opened stream (JSON lines or
// a JSON array, plain or gzip'd) and reads it; name labels errors.
func FromReader(name string, r io.ReadCloser) (Source, error) {
	return detect(name, r, r, nil, Options{})
}

// RawJSON is implemented by JSON-lines sources, whose records can be read
// undecoded and decoded elsewhere (DecodeRecord).
// Chunked is a source whose records come in independent chunks (EVTX)
// that can be decoded on several goroutines: each takes a ChunkReader,
// all of them before any reads, and reads chunks 0 to Chunks()-1 through
// them; the records of the chunks in order are exactly what Next returns.
type Chunked interface {
	Source
	Chunks() int
	ChunkReader() ChunkReader
}

// ChunkReader reads one chunk at a time: after Seek(i), Next returns the
// records (and RecordErrors) of chunk i, then io.EOF.
type ChunkReader interface {
	Seek(chunk int)
	Next() (Record, error)
}

type RawJSON interface {
	NextRaw() (Record, error)
	Path() string
}

// Path names the source in errors.
func (j *JSONLines) Path() string { return j.path }
