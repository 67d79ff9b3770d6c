package evtx

import (
	"errors"
	"io"
)

// nextChunk loads the next chunk into buf. It returns io.EOF after the last
// one and an *Error for a chunk it skips; on nil, records can be read (or the
// chunk was unused and inChunk stays false).
func (r *Reader) nextChunk() error {
	if r.chunk >= r.last {
		return io.EOF // SeekChunk's one chunk is done
	}
	r.chunk++
	off := r.chunkOffset(0)
	if off >= r.size {
		return io.EOF
	}
	buf := r.buf[:chunkSize]
	n, err := r.ra.ReadAt(buf, off)
	if err != nil && !errors.Is(err, io.EOF) {
		r.stats.ChunksSkipped++
		r.stats.note("chunk read error")
		return r.fail(0, "reading chunk: %v", err)
	}
	buf = buf[:n]
	if n < chunkHeaderSize {
		if allZero(buf) {
			r.stats.ChunksEmpty++
			return nil
		}
		r.stats.ChunksSkipped++
		r.stats.note("truncated chunk")
		return r.fail(0, "truncated chunk: %d bytes, header needs %d", n, chunkHeaderSize)
	}
	if string(buf[:len(chunkMagic)]) != chunkMagic {
		if allZero(buf[:chunkHeaderSize]) || r.chunk >= r.headerChunks {
			r.stats.ChunksEmpty++ // preallocated or slack, never written as a chunk
			return nil
		}
		r.stats.ChunksSkipped++
		r.stats.note("bad chunk magic")
		return r.fail(0, "bad chunk magic % x, chunk skipped", buf[:len(chunkMagic)])
	}
	h := parseChunkHeader(buf)
	if !headerCRCOK(buf, h) {
		r.stats.ChecksumMismatches++
		r.stats.note("chunk header checksum mismatch")
	}
	if !dataCRCOK(buf, h) {
		r.stats.ChecksumMismatches++
		r.stats.note("chunk data checksum mismatch")
	}
	// Records end at the free-space offset; if that is out of range, read
	// to the end of the chunk and let the zero-fill check stop the scan.
	r.end = int(h.freeOff)
	if r.end < chunkHeaderSize || r.end > n {
		r.end = n
	}
	r.buf = buf
	r.pos = chunkHeaderSize
	r.inChunk = true
	r.stats.Chunks++
	r.dec.reset(buf)
	return nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
