package evtx

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/vigil-sec/vigil/internal/winevent"
)

// Reader streams the records of one EVTX file. It holds one 64 KiB chunk
// buffer and the names decoded from that chunk, nothing more, so memory stays
// flat whatever the file size. It is not safe for concurrent use.
type Reader struct {
	ra     io.ReaderAt
	closer io.Closer
	path   string
	size   int64

	buf     []byte // the current chunk; len is the bytes actually read
	chunk   int    // current chunk number, -1 before the first
	last    int    // the last chunk to read (SeekChunk), else MaxInt
	inChunk bool   // records of the current chunk remain
	pos     int    // next record offset in buf
	end     int    // end of the record area in buf
	dec     decoder
	flat    winevent.Flattener
	stats   Stats
	// headerChunks is the chunk count the file header claims. Space after
	// those chunks may hold stale bytes from an older, larger log, so a
	// chunk there without the chunk magic is slack, not damage.
	headerChunks int
	// KeepTree makes Next also return the record's element tree
	// (Record.Tree), for renderers and tests that need the XML shape.
	KeepTree bool
	// Flat makes Next give each record as Record.Flat, not Record.Fields.
	Flat bool
}

// Open opens an EVTX file for streaming. It fails only when the file cannot
// be opened or is not EVTX at all (no ElfFile magic); any later damage is
// reported record by record from Next.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := NewReader(f, st.Size(), path)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closer = f
	return r, nil
}

// NewReader reads EVTX from ra, which holds size bytes; name is used in
// errors. Reads go through ReadAt one chunk at a time.
func NewReader(ra io.ReaderAt, size int64, name string) (*Reader, error) {
	r := &Reader{ra: ra, path: name, size: size, chunk: -1, last: math.MaxInt, buf: make([]byte, chunkSize)}
	hdr := r.buf[:fileHeaderSize]
	n, err := ra.ReadAt(hdr, 0)
	if n < len(fileMagic) || !IsEVTX(hdr[:n]) {
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, &Error{Path: name, Chunk: -1, Reason: "reading file header: " + err.Error()}
		}
		return nil, &Error{Path: name, Chunk: -1, Reason: "not an EVTX file (no ElfFile magic)"}
	}
	h := parseFileHeader(hdr[:n])
	r.headerChunks = int(h.chunkCount)
	if !h.crcOK {
		// A log that was not closed cleanly has a stale header; the chunks
		// are found by file size, so this costs nothing but a note.
		r.stats.ChecksumMismatches++
		r.stats.note("file header checksum mismatch")
	}
	return r, nil
}

// Close closes the file opened by Open.
func (r *Reader) Close() error {
	if r.closer == nil {
		return nil
	}
	return r.closer.Close()
}

// Stats returns the counts so far (a copy).
func (r *Reader) Stats() Stats { return r.stats.clone() }

// Next returns the next record. At the end it returns io.EOF. Any other
// error is an *Error about one skipped record or chunk; the caller keeps
// calling Next to read the rest.
func (r *Reader) Next() (Record, error) {
	for {
		if !r.inChunk {
			if err := r.nextChunk(); err != nil {
				return Record{}, err
			}
			continue
		}
		rec, err, ok := r.nextRecord()
		if !ok {
			r.inChunk = false
			continue
		}
		return rec, err
	}
}

// chunkOffset is the file offset of a position in the current chunk.
func (r *Reader) chunkOffset(pos int) int64 {
	return fileHeaderSize + int64(r.chunk)*chunkSize + int64(pos)
}

func (r *Reader) fail(pos int, format string, args ...any) *Error {
	return &Error{Path: r.path, Chunk: r.chunk, Offset: r.chunkOffset(pos), Reason: fmt.Sprintf(format, args...)}
}
