package evtx

import (
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkReadEVTX reads every benign EVTX sample (6,807 records, 5.7 MiB)
// per iteration and reports records/s; allocs/op are for the whole set.
// Records are maps (Record.Fields); BenchmarkReadEVTXFlat reads them as a
// scan does (Reader.Flat).
func BenchmarkReadEVTX(b *testing.B)     { benchRead(b, false) }
func BenchmarkReadEVTXFlat(b *testing.B) { benchRead(b, true) }

func benchRead(b *testing.B, flat bool) {
	files := evtxFiles(b, filepath.Join(corpora(b), "benign-evtx", "benign"))
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		for _, f := range files {
			r, err := Open(f)
			if err != nil {
				b.Fatal(err)
			}
			r.Flat = flat
			for {
				_, err := r.Next()
				if err == io.EOF {
					break
				}
				if err == nil {
					records++
				}
			}
			r.Close()
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
