package scan

import (
	"sync"

	"github.com/vigil-sec/vigil/internal/input"
)

// batchSize is how many records travel together between the reader, the
// workers and the writer.
const batchSize = 256

type batch struct {
	seq     int
	chunk   int    // the chunk the worker reads into items (chunked sources), or -1
	buf     []byte // the records' bytes, one after another
	items   []item
	results []result
}

// item is one record of a batch: its bytes in buf, a record the reader
// decoded from its chunk (rec, when decoded), or the error reading it.
type item struct {
	line       int
	start, end int
	rec        input.Record
	decoded    bool
	unchecked  bool // NextRaw's Record.Unchecked
	err        error
}

// scanParallel reads undecoded JSON records with next (JSONLines.NextRaw)
// on one goroutine, decodes and matches batches of them on r.Workers
// goroutines (each with its own Router clone and flat decoder), and counts
// and writes the results in input order on this one.
//
// With chunks (EVTX), next is not used: each worker decodes the chunks it
// takes itself (feed.go), one batch a chunk, so decoding runs in parallel
// too.
func (r *Runner) scanParallel(path, name string, next func() (input.Record, error), chunks input.Chunked) error {
	inflight := 4 * r.Workers
	// The batches in flight are reused: the writer hands each back once
	// its results are written, so the records' bytes and results are not
	// garbage for the collector to chase.
	free := make(chan *batch, inflight)
	for i := 0; i < inflight; i++ {
		free <- &batch{}
	}
	work := make(chan *batch, inflight)
	done := make(chan *batch, inflight)
	quit := make(chan struct{})
	var wg sync.WaitGroup

	var readers []input.ChunkReader
	if chunks != nil {
		for w := 0; w < r.Workers; w++ {
			readers = append(readers, chunks.ChunkReader())
		}
		go feedChunks(chunks.Chunks(), free, work, quit)
	} else {
		go feed(next, free, work, quit)
	}

	for w := 0; w < r.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			router := r.Router.Clone()
			var flat input.FlatDecoder
			for b := range work {
				if b.chunk >= 0 {
					fillChunk(b, readers[w])
				}
				if cap(b.results) < len(b.items) {
					b.results = make([]result, len(b.items))
				}
				b.results = b.results[:len(b.items)]
				clear(b.results)
				for i := range b.items {
					it := &b.items[i]
					if it.err != nil {
						continue
					}
					if it.decoded {
						r.evaluate(router, path, &it.rec, &b.results[i])
						it.rec = input.Record{} // let the event go once evaluated
						continue
					}
					rec, err := input.DecodeRecord(path, input.Record{Line: it.line, Raw: b.buf[it.start:it.end], Unchecked: it.unchecked}, &flat)
					if err != nil {
						it.err = err
						continue
					}
					r.evaluate(router, path, &rec, &b.results[i])
				}
				done <- b
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// writer: results in sequence order
	pending := map[int]*batch{}
	want, skipped := 0, 0
	var werr error
	stopped := false
	for b := range done {
		pending[b.seq] = b
		for {
			b, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			if !stopped && werr == nil {
				for i := range b.items {
					if err := b.items[i].err; err != nil {
						if r.recordError(name, err, &skipped) {
							stopped = true
							break
						}
						continue
					}
					if werr = r.commit(&b.results[i]); werr != nil {
						break
					}
				}
				if stopped || werr != nil {
					close(quit)
				}
			}
			clear(b.items) // drop the records' errors and events, and the alerts
			clear(b.results)
			free <- b
		}
	}
	if werr != nil {
		return werr
	}
	r.skippedTail(name, skipped)
	return nil
}
