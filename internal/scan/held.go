package scan

import (
	"errors"
	"io"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/input"
)

// In a file the kinds of event (Channel and EventID) are interleaved, so
// one event's automata and rules have left the cache by the time the next
// of its kind comes. The one-worker scan of a regular file therefore reads
// a batch of records, moves each into the bucket of its kind, and matches
// bucket by bucket: the records of a kind one after another, from
// adjacent memory. Alerts are still written in input order.

// heldBatch is how many records a batch holds (Runner.batch overrides
// it in tests). With bench records, 8,192 of them matched by kind scan the
// file 3–14% faster than record by record. 32,768 were 3–6% faster still,
// but peak memory was then no longer flat in the input's size (the
// collector's target is twice the live batch, which a 100k-event file
// never reaches: 197 against 262 MB for 1M events) and ~100 MB higher
// (docs/benchmarks.md).
const heldBatch = 8192

// heldBytes bounds a batch by the size of its records as well, so that a
// file of megabyte script blocks is not held 8,192 at a time.
const heldBytes = 16 << 20

// held is one batch.
type held struct {
	size    int      // records per batch
	buckets []bucket // in order of their kinds' first appearance
	ids     map[uint64]int32
	flats   []event.Flat // per record
	recs    []input.Record
	errs    []error
	results []result
	slab    slab
	bytes   int // the records' sizes
}

// bucket holds the records of one kind: their bytes and unescaped texts,
// and their fields, in chunks from the slab.
type bucket struct {
	buf    []byte
	fields []event.Field
	recs   []int32
}

func (h *held) reset() {
	if h.ids == nil {
		h.ids = map[uint64]int32{}
		h.flats = make([]event.Flat, h.size)
	}
	clear(h.ids)
	for i := range h.buckets {
		h.buckets[i] = bucket{recs: h.buckets[i].recs[:0]}
	}
	h.buckets = h.buckets[:0]
	h.slab.reset()
	clear(h.recs)
	h.recs, h.errs = h.recs[:0], h.errs[:0]
	h.bytes = 0
}

// read fills h with up to h.size records of src, or heldBytes of them;
// eof says src is done, or failed in a way that ends it.
func (h *held) read(src input.Source) (eof bool) {
	h.reset()
	for len(h.recs) < h.size && h.bytes < heldBytes {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			h.recs, h.errs = append(h.recs, input.Record{}), append(h.errs, err)
			if !input.Skipped(err) {
				return true
			}
			continue
		}
		i := int32(len(h.recs))
		k := h.bucket(kindOf(rec.Ev()))
		if v := rec.View; v != nil {
			// room for the bytes, and for texts unescaped from them
			if need := 2*len(rec.Raw) + 64; cap(k.buf)-len(k.buf) < need {
				k.buf = h.slab.bytes(need)
			}
			if cap(k.fields)-len(k.fields) < len(v.Fields) {
				k.fields = h.slab.fields(len(v.Fields))
			}
			start, first := len(k.buf), len(k.fields)
			k.buf = append(k.buf, rec.Raw...)
			cp := k.buf[start:len(k.buf):len(k.buf)]
			k.fields, k.buf = v.MoveTo(k.fields, rec.Raw, cp, k.buf)
			h.flats[i].Fields = k.fields[first:len(k.fields):len(k.fields)]
			rec.Raw, rec.View = cp, &h.flats[i]
		}
		k.recs = append(k.recs, i)
		h.bytes += len(rec.Raw)
		h.recs, h.errs = append(h.recs, rec), append(h.errs, nil)
	}
	return false
}

// bucket returns the bucket of kind, taking the next one for a new kind.
func (h *held) bucket(kind uint64) *bucket {
	id, ok := h.ids[kind]
	if !ok {
		id = int32(len(h.buckets))
		h.ids[kind] = id
		if len(h.buckets) < cap(h.buckets) {
			h.buckets = h.buckets[:id+1]
		} else {
			h.buckets = append(h.buckets, bucket{})
		}
	}
	return &h.buckets[id]
}
