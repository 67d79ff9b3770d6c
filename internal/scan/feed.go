package scan

import (
	"errors"
	"io"

	"github.com/vigil-sec/vigil/internal/input"
)

// feed is scanParallel's reader: batches of up to batchSize undecoded
// records from next, their bytes copied into the batch, numbered in order,
// until next ends or quit closes.
func feed(next func() (input.Record, error), free, work chan *batch, quit chan struct{}) {
	defer close(work)
	seq := 0
	for eof := false; !eof; {
		var b *batch
		select {
		case b = <-free:
		case <-quit:
			return
		}
		b.seq, b.chunk, b.buf, b.items = seq, -1, b.buf[:0], b.items[:0]
		seq++
		for len(b.items) < batchSize {
			rec, err := next()
			if errors.Is(err, io.EOF) {
				eof = true
				break
			}
			if err != nil {
				b.items = append(b.items, item{err: err})
				if !input.Skipped(err) {
					eof = true
					break
				}
				continue
			}
			start := len(b.buf)
			b.buf = append(b.buf, rec.Raw...)
			b.items = append(b.items, item{line: rec.Line, start: start, end: len(b.buf), unchecked: rec.Unchecked})
		}
		work <- b
	}
}

// feedChunks is scanParallel's reader for a chunked source (EVTX): one
// empty batch per chunk, numbered by it; the worker that takes a batch
// decodes its chunk (fillChunk), so decoding runs on every worker, not
// on this goroutine alone.
func feedChunks(n int, free, work chan *batch, quit chan struct{}) {
	defer close(work)
	for seq := 0; seq < n; seq++ {
		var b *batch
		select {
		case b = <-free:
		case <-quit:
			return
		}
		b.seq, b.chunk, b.buf, b.items = seq, seq, b.buf[:0], b.items[:0]
		work <- b
	}
}

// fillChunk reads batch b's chunk into its items, records and errors in
// order. An error that ends the source (not a skipped record or chunk)
// ends the chunk too; the writer stops there, as a serial read would.
func fillChunk(b *batch, cr input.ChunkReader) {
	cr.Seek(b.chunk)
	for {
		rec, err := cr.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			b.items = append(b.items, item{err: err})
			if !input.Skipped(err) {
				return
			}
			continue
		}
		b.items = append(b.items, item{rec: rec, decoded: true})
	}
}
