package evtx

import "encoding/binary"

// nextRecord decodes the record at r.pos. ok is false when the chunk has no
// more records. A damaged record gives an *Error and the scan resumes at the
// next record magic, so one bad record costs only itself.
func (r *Reader) nextRecord() (rec Record, err error, ok bool) {
	b, pos := r.buf, r.pos
	if pos+recordHeaderLen > r.end {
		return Record{}, nil, false
	}
	if string(b[pos:pos+4]) != recordMagic {
		if allZero(b[pos:r.end]) {
			return Record{}, nil, false // unused tail of the chunk
		}
		reason := "bad record magic"
		if allZero(b[pos : pos+4]) {
			reason = "zeroed gap in chunk"
		}
		return Record{}, r.skipRecord(pos, reason), true
	}
	size, ok := r.recordSize(pos)
	if !ok {
		return Record{}, r.skipRecord(pos, "bad record size"), true
	}
	le := binary.LittleEndian
	r.pos = pos + size
	rec = Record{
		ID:     le.Uint64(b[pos+8:]),
		Offset: r.chunkOffset(pos),
		Chunk:  r.chunk,
		Time:   filetime(le.Uint64(b[pos+16:])),
	}
	r.dec.reuse = !r.KeepTree // the tree is dropped after Flatten
	root, derr := r.dec.record(pos+recordHeaderLen, pos+size-4)
	if derr != nil {
		r.stats.RecordsSkipped++
		r.stats.note("BinXML decode error")
		return Record{}, r.fail(pos, "record %d: %v", rec.ID, derr), true
	}
	if r.Flat {
		rec.Flat = r.flat.FlattenFlat(root)
	} else {
		rec.Fields = r.flat.Flatten(root)
	}
	if r.KeepTree {
		rec.Tree = root
	}
	r.stats.Records++
	return rec, nil, true
}

// recordSize returns the size of the record at pos. The size field is
// trusted when its trailing copy agrees or when the next record (or the
// unused tail) starts right after it. When the field is broken (zero-size
// records exist in real logs) the size is recovered from the next record
// magic, provided the trailing copy before it matches the distance.
func (r *Reader) recordSize(pos int) (int, bool) {
	le := binary.LittleEndian
	b := r.buf
	size := int(le.Uint32(b[pos+4:]))
	if size >= recordHeaderLen+4 && pos+size <= r.end {
		if int(le.Uint32(b[pos+size-4:])) == size {
			return size, true
		}
		// A wrong trailing copy alone is tolerated when the next record, or a
		// zeroed hole, starts right after: the size field is then right.
		next := pos + size
		if next+4 > r.end || string(b[next:next+4]) == recordMagic || allZero(b[next:next+4]) {
			r.stats.note("record size copy mismatch")
			return size, true
		}
	}
	// Size field broken (zero-size records exist in real logs): take the
	// distance to the next valid record when the trailing copy there agrees
	// or was zeroed too. Decoding still has to succeed for the record to count.
	next := r.nextMagic(pos + 1)
	if tail := int(le.Uint32(b[next-4:])); next < r.end && next-pos >= recordHeaderLen+4 && (tail == next-pos || tail == 0) {
		r.stats.note("record size field repaired")
		return next - pos, true
	}
	return 0, false
}

// nextMagic finds the next record magic at or after p whose size field is
// consistent, or returns r.end.
func (r *Reader) nextMagic(p int) int {
	le := binary.LittleEndian
	for ; p+recordHeaderLen <= r.end; p++ {
		if string(r.buf[p:p+4]) != recordMagic {
			continue
		}
		size := int(le.Uint32(r.buf[p+4:]))
		if size >= recordHeaderLen+4 && p+size <= r.end && int(le.Uint32(r.buf[p+size-4:])) == size {
			return p
		}
	}
	return r.end
}

// skipRecord reports the damaged bytes at pos and moves to the next record
// magic whose size field is consistent, or to the end of the record area.
func (r *Reader) skipRecord(pos int, reason string) error {
	r.stats.RecordsSkipped++
	r.stats.note(reason)
	next := r.nextMagic(pos + 1)
	r.pos = next
	return r.fail(pos, "%s; skipped %d bytes to the next record", reason, next-pos)
}
