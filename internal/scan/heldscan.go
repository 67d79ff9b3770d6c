package scan

import "github.com/vigil-sec/vigil/internal/input"

// scanHeld is the one-worker scan of a regular file: batches of records
// matched kind by kind (held.go), their alerts written in input order. A
// pipe is scanned record by record instead, so that its alerts are not
// held back until a batch fills.
func (r *Runner) scanHeld(name string, src input.RawJSON) error {
	if r.held == nil { // kept for the next file: a directory of small files
		r.held = &held{size: heldBatch}
		if r.batch > 0 {
			r.held.size = r.batch
		}
	}
	h := r.held
	r.events = &h.events
	defer func() { r.events = nil }()
	path, skipped := src.Path(), 0
	for eof := false; !eof; {
		eof = h.read(src)
		if cap(h.results) < len(h.errs) {
			h.results = make([]result, len(h.errs))
		}
		h.results = h.results[:len(h.errs)]
		clear(h.results)
		for k := range h.buckets {
			recs := h.buckets[k].recs
			for j := range recs {
				if rec, ok := h.decode(path, &recs[j]); ok {
					r.evaluate(r.Router, name, &rec, &h.results[recs[j].i])
				}
			}
		}
		for i := range h.errs {
			if err := h.errs[i]; err != nil {
				if r.recordError(name, err, &skipped) {
					eof = true
					break
				}
				continue
			}
			if err := r.commit(&h.results[i]); err != nil {
				return err
			}
		}
		clear(h.results) // the alerts are written: let them go
		h.events = h.events[:0]
	}
	r.skippedTail(name, skipped)
	return nil
}
