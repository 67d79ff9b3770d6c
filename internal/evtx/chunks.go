package evtx

import "math"

// A file's chunks are independent: each holds its own string and template
// tables, and its records refer to nothing outside it. So they can be
// decoded on several goroutines, each with a Reader of its own (Clone)
// positioned at one chunk at a time (SeekChunk), and the records put back
// in file order by chunk number.

// ChunkSlots returns how many chunks the file's size has room for: the
// chunk numbers SeekChunk takes are 0 to ChunkSlots()-1.
func (r *Reader) ChunkSlots() int {
	if r.size <= fileHeaderSize {
		return 0
	}
	return int((r.size - fileHeaderSize + chunkSize - 1) / chunkSize)
}

// Clone returns a Reader of the same file, with its own buffer, decoder
// and statistics, for another goroutine (the file's ReadAt must allow
// concurrent calls, as *os.File's does). Closing it does not close the file.
func (r *Reader) Clone() *Reader {
	return &Reader{ra: r.ra, path: r.path, size: r.size, chunk: -1, last: math.MaxInt,
		buf: make([]byte, chunkSize), headerChunks: r.headerChunks, KeepTree: r.KeepTree, Flat: r.Flat}
}

// SeekChunk makes Next return the records of chunk i alone, then io.EOF:
// exactly what reading the whole file would have returned for that chunk.
func (r *Reader) SeekChunk(i int) {
	r.chunk, r.last, r.inChunk = i-1, i, false
}

// Add adds the counts of o to s.
func (s *Stats) Add(o Stats) {
	s.Records += o.Records
	s.RecordsSkipped += o.RecordsSkipped
	s.Chunks += o.Chunks
	s.ChunksEmpty += o.ChunksEmpty
	s.ChunksSkipped += o.ChunksSkipped
	s.ChecksumMismatches += o.ChecksumMismatches
	for k, n := range o.Reasons {
		if s.Reasons == nil {
			s.Reasons = make(map[string]int)
		}
		s.Reasons[k] += n
	}
}
