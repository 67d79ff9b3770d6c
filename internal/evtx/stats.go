package evtx

import "maps"

// Stats counts what a Reader has done so far.
type Stats struct {
	Records        int // records decoded and returned
	RecordsSkipped int // records that could not be decoded (each also returned as an *Error)
	Chunks         int // chunks with a valid magic whose records were read
	ChunksEmpty    int // never-used chunks (all-zero header): not damage
	ChunksSkipped  int // chunks not read at all (bad magic, truncated)
	// ChecksumMismatches counts file/chunk header and record-data CRC32s that
	// do not match. Such chunks are still read: every record is checked on
	// its own, and real logs (e.g. not cleanly closed) often have stale CRCs.
	ChecksumMismatches int
	// Reasons counts every skip and checksum mismatch by reason.
	Reasons map[string]int
}

func (s *Stats) note(reason string) {
	if s.Reasons == nil {
		s.Reasons = make(map[string]int)
	}
	s.Reasons[reason]++
}

func (s Stats) clone() Stats {
	s.Reasons = maps.Clone(s.Reasons)
	return s
}
