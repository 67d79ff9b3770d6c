package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/vigil-sec/vigil/internal/evtx"
	"github.com/vigil-sec/vigil/internal/winevent"
)

type jsonLinesSource struct {
	*JSONLines
	close func()
}

func (s *jsonLinesSource) Format() string { return FormatJSONLines }
func (s *jsonLinesSource) Close() error   { s.close(); return nil }

// arraySource streams the elements of a top-level JSON array. A syntax
// error cannot be stepped over inside one JSON value, so it ends the file
// after reporting where; elements that are not objects are skipped.
type arraySource struct {
	path    string
	dec     *json.Decoder
	close   func()
	started bool
	index   int
	done    bool
}

func newArraySource(path string, r io.Reader, close func()) *arraySource {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return &arraySource{path: path, dec: dec, close: close}
}

func (s *arraySource) Format() string { return FormatJSONArray }
func (s *arraySource) Close() error   { s.close(); return nil }

func (s *arraySource) Next() (Record, error) {
	if s.done {
		return Record{}, io.EOF
	}
	if !s.started {
		s.started = true
		if _, err := s.dec.Token(); err != nil {
			s.done = true
			return Record{}, fmt.Errorf("%s: %w", s.path, err)
		}
	}
	if !s.dec.More() {
		s.done = true
		if _, err := s.dec.Token(); err != nil {
			return Record{}, &RecordError{s.path, fmt.Sprintf("byte %d", s.dec.InputOffset()), "JSON array is not closed: " + err.Error()}
		}
		return Record{}, io.EOF
	}
	s.index++
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		s.done = true
		return Record{}, &RecordError{s.path, fmt.Sprintf("element %d, byte %d", s.index, s.dec.InputOffset()),
			"malformed JSON ends the array here: " + err.Error()}
	}
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&m); err != nil || m == nil {
		return Record{}, &RecordError{s.path, fmt.Sprintf("element %d", s.index), "not a JSON object"}
	}
	return Record{Line: s.index, Raw: raw, Event: winevent.Normalise(m)}, nil
}

// evtxSource adapts the EVTX reader; damaged chunks and records come back
// as RecordErrors naming chunk and offset.
type evtxSource struct {
	r      *evtx.Reader
	path   string
	chunks []*evtx.Reader // ChunkReader's clones, whose counts Stats adds
}

func (s *evtxSource) Format() string { return FormatEVTX }
func (s *evtxSource) Close() error   { return s.r.Close() }

func (s *evtxSource) Stats() evtx.Stats {
	st := s.r.Stats()
	for _, c := range s.chunks {
		st.Add(c.Stats())
	}
	return st
}

func (s *evtxSource) Next() (Record, error) { return evtxRecord(s.r.Next()) }

// Chunks implements Chunked.
func (s *evtxSource) Chunks() int { return s.r.ChunkSlots() }

// ChunkReader implements Chunked. Call it before reading on other
// goroutines: it is not safe for concurrent use itself.
func (s *evtxSource) ChunkReader() ChunkReader {
	c := s.r.Clone()
	s.chunks = append(s.chunks, c)
	return evtxChunks{c}
}

type evtxChunks struct{ r *evtx.Reader }

func (c evtxChunks) Seek(chunk int)        { c.r.SeekChunk(chunk) }
func (c evtxChunks) Next() (Record, error) { return evtxRecord(c.r.Next()) }

// evtxRecord turns what evtx.Reader.Next returns into a Record or a
// RecordError naming the chunk and offset.
func evtxRecord(rec evtx.Record, err error) (Record, error) {
	var ee *evtx.Error
	if errors.As(err, &ee) {
		where := fmt.Sprintf("offset %d (0x%x)", ee.Offset, ee.Offset)
		if ee.Chunk >= 0 {
			where = fmt.Sprintf("chunk %d, offset %d (0x%x)", ee.Chunk, ee.Offset, ee.Offset)
		}
		return Record{}, &RecordError{ee.Path, where, ee.Reason}
	}
	if err != nil {
		return Record{}, err
	}
	return Record{RecordID: rec.ID, Offset: rec.Offset, View: rec.Flat}, nil
}
