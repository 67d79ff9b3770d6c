package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"strings"
	"testing"
)

// bytewiseScanner is the value scanner stepping one byte at a time, as
// the reference for the one that passes over string bodies.
type bytewiseScanner struct {
	depth                      int
	inString, escaped, started bool
}

func (s *bytewiseScanner) feed(line []byte) bool {
	for _, c := range line {
		if s.inString {
			if s.escaped {
				s.escaped = false
			} else if c == '\\' {
				s.escaped = true
			} else if c == '"' {
				s.inString = false
			}
			continue
		}
		if c == '"' {
			s.inString = true
		} else if c == '{' || c == '[' {
			s.depth, s.started = s.depth+1, true
		} else if c == '}' || c == ']' {
			if s.depth--; s.started && s.depth <= 0 {
				return true
			}
		}
	}
	return false
}

// checkScanners feeds the lines of data to both scanners, as object does
// (until one closes), and fails on the first disagreement.
func checkScanners(t *testing.T, data []byte) {
	var fast valueScanner
	var slow bytewiseScanner
	for i, line := range bytes.Split(data, []byte("\n")) {
		got, want := fast.feed(line), slow.feed(line)
		if got != want {
			t.Fatalf("%q: line %d closes %v, want %v", data, i+1, got, want)
		}
		if want {
			return
		}
		if fast.depth != slow.depth || fast.inString != slow.inString || fast.escaped != slow.escaped || fast.started != slow.started {
			t.Fatalf("%q: after line %d state %+v, want %+v", data, i+1, fast, slow)
		}
	}
}

func TestValueScannerAgreesWithBytewise(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	pieces := []string{`"`, `\`, `\\`, `\"`, `{`, `}`, `[`, `]`, "\n", ` `, `a`, `C:\\Windows`, `é`, "\x01", `:`, `,`, `"abcdefghijklmnop"`}
	for round := 0; round < 50000; round++ {
		var b strings.Builder
		b.WriteString("{")
		for n := rng.Intn(30); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		checkScanners(t, []byte(b.String()))
	}
}

// TestNextRawAgreesWithNext: the parallel scan's reader (NextRaw, which
// only finds where records end) must cut a file into the same records,
// with the same errors, as Next.
func TestNextRawAgreesWithNext(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	lines := []string{`{"a":"b"}`, `{"a":{"b":1}`, `}`, `{"a":"x}`, `"c"}`, `{"k":"C:\\x\"}"}`, ``, `  {"a":[1,2]}  `, `{`, `"a": 1`, `x`}
	for round := 0; round < 3000; round++ {
		var b strings.Builder
		for n := rng.Intn(8); n > 0; n-- {
			b.WriteString(lines[rng.Intn(len(lines))])
			b.WriteString("\n")
		}
		checkNextRaw(t, []byte(b.String()))
	}
}

// checkNextRaw compares NextRaw then DecodeRecord with Next over data,
// reading it through the usual buffer and through the smallest one, where
// peeking at the next line refills the buffer under most lines.
func checkNextRaw(t *testing.T, data []byte) {
	checkNextRawBuffer(t, data, 64<<10)
	checkNextRawBuffer(t, data, 16)
}

func checkNextRawBuffer(t *testing.T, data []byte, size int) {
	read := func(raw bool) []string {
		j := NewJSONLines("t", bytes.NewReader(data))
		j.br = bufio.NewReaderSize(bytes.NewReader(data), size)
		j.flat = &FlatDecoder{}
		var out []string
		for i := 0; i < 1000; i++ {
			var rec Record
			var err error
			if raw {
				rec, err = j.NextRaw()
			} else {
				rec, err = j.Next()
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				out = append(out, "error: "+err.Error())
				if !Skipped(err) {
					break
				}
				continue
			}
			if raw { // what a worker then makes of it
				if rec, err = DecodeRecord("t", rec, &FlatDecoder{}); err != nil {
					out = append(out, "error: "+err.Error())
					continue
				}
			}
			out = append(out, fmt.Sprintf("%d %s", rec.Line, rec.Raw))
		}
		return out
	}
	if got, want := read(true), read(false); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%q (buffer %d):\nNextRaw then DecodeRecord:\n%s\nNext:\n%s", data, size, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func FuzzValueScanner(f *testing.F) {
	f.Add([]byte("{\"a\":\"b\\\"}\"}\n"))
	f.Add([]byte("{\"a\":{\"b\":1}\n}\n{\"c\":\"x}\n\"d\"}\n"))
	f.Add([]byte("{\"k\":\"C:\\\\Windows\\\\System32\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScanners(t, data)
		checkNextRaw(t, data)
	})
}
