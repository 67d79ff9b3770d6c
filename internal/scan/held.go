package scan

import (
	"errors"
	"io"

	"github.com/vigil-sec/vigil/internal/input"
)

// In a file the kinds of event (Channel and EventID) are interleaved, so
// one event's automata and rules have left the cache by the time the next
// of its kind comes. The one-worker scan of a regular file therefore reads
// a batch of records undecoded, copies each into the bucket of its kind
// (rawKind), and decodes and matches them bucket by bucket: the records of
// a kind one after another, from adjacent memory, each decoded just before
// it is matched, so its fields are still in cache. Alerts are still
// written in input order.

// heldBatch is how many records a batch holds (Runner.batch overrides
// it in tests). With bench records, 16,384 undecoded records matched by
// kind scan the file ~6% faster than 8,192 decoded ones did (which were
// 3–14% faster than record by record), in less memory: a held record is
// its bytes only. 32,768 are 1–3% faster still, for ~17 MB more peak
// memory, flat in the input's size (docs/benchmarks.md).
const heldBatch = 32768

// heldBytes bounds a batch by the size of its records as well, so that a
// file of megabyte script blocks is not held 32,768 at a time.
const heldBytes = 32 << 20

// held is one batch.
type held struct {
	size    int      // records per batch
	buckets []bucket // in order of their kinds' first appearance
	ids     map[uint64]int32
	errs    []error // per record, in input order: the error reading or decoding it
	results []result
	slab    slab
	bytes   int // the records' sizes
	dec     input.FlatDecoder
	events  []byte // the compacted events of the batch's alerts (Runner.events)
}

// bucket holds the records of one kind: their bytes, in chunks from the
// slab, and what else decoding them needs, in the order they are matched.
type bucket struct {
	buf  []byte
	recs []heldRec
}

type heldRec struct {
	raw       []byte
	line      int
	i         int32 // its place in the batch
	unchecked bool  // input.Record.Unchecked
}

func (h *held) reset() {
	if h.ids == nil {
		h.ids = map[uint64]int32{}
	}
	clear(h.ids)
	for i := range h.buckets {
		clear(h.buckets[i].recs) // let go of the chunks
		h.buckets[i] = bucket{recs: h.buckets[i].recs[:0]}
	}
	h.buckets = h.buckets[:0]
	h.slab.reset()
	clear(h.errs)
	h.errs = h.errs[:0]
	h.bytes = 0
}

// read fills h with up to h.size records of src, or heldBytes of them;
// eof says src is done, or failed in a way that ends it.
func (h *held) read(src input.RawJSON) (eof bool) {
	h.reset()
	for len(h.errs) < h.size && h.bytes < heldBytes {
		rec, err := src.NextRaw()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			h.errs = append(h.errs, err)
			if !input.Skipped(err) {
				return true
			}
			continue
		}
		k := h.bucket(rawKind(rec.Raw))
		if cap(k.buf)-len(k.buf) < len(rec.Raw) {
			k.buf = h.slab.bytes(len(rec.Raw))
		}
		start := len(k.buf)
		k.buf = append(k.buf, rec.Raw...) // Raw is the reader's until the next call
		k.recs = append(k.recs, heldRec{raw: k.buf[start:len(k.buf):len(k.buf)], line: rec.Line, i: int32(len(h.errs)), unchecked: rec.Unchecked})
		h.bytes += len(rec.Raw)
		h.errs = append(h.errs, nil)
	}
	return false
}

// decode decodes a held record as JSONLines.Next would have (DecodeRecord),
// into h's decoder: the record is valid until the next call. A record that
// does not decode has its error noted in its place.
func (h *held) decode(path string, r *heldRec) (input.Record, bool) {
	rec, err := input.DecodeRecord(path, input.Record{Line: r.line, Raw: r.raw, Unchecked: r.unchecked}, &h.dec)
	if err != nil {
		h.errs[r.i] = err
		return rec, false
	}
	return rec, true
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
