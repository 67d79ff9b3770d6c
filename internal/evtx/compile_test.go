package evtx

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// readBoth reads a file twice, with compiled templates and decoding every
// record afresh, and fails unless records (fields and trees), errors and
// statistics are identical: compiling must change nothing but speed.
func readBoth(t *testing.T, name string, data []byte) {
	t.Helper()
	type result struct {
		recs []Record
		errs []string
		st   Stats
	}
	read := func(interpret bool) result {
		r, err := NewReader(bytes.NewReader(data), int64(len(data)), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r.KeepTree = true
		r.dec.interpretOnly = interpret
		var res result
		for i := 0; i <= 4*len(data); i++ {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				res.errs = append(res.errs, err.Error())
				continue
			}
			res.recs = append(res.recs, rec)
		}
		res.st = r.Stats()
		return res
	}
	compiled, interpreted := read(false), read(true)
	if !reflect.DeepEqual(compiled, interpreted) {
		t.Fatalf("%s: compiled templates read differently from decoding each record", name)
	}
}

func TestCompiledTemplatesSameAsDecoding(t *testing.T) {
	for _, f := range evtxFiles(t, corpora(t)) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		readBoth(t, f, data)
	}
}

// FuzzCompiledTemplates checks the same on mutated chunks, where damaged
// definitions, budgets and depth limits are hit. Seeds are the first 4 KiB
// of chunk 0 of some benign samples, so mutations land in real templates.
func FuzzCompiledTemplates(f *testing.F) {
	hdr := fuzzHeader()
	f.Add([]byte(chunkMagic))
	for i, path := range evtxFiles(f, filepath.Join(corpora(f), "benign-evtx", "benign")) {
		data, err := os.ReadFile(path)
		if i >= 4 || err != nil || len(data) < fileHeaderSize+4<<10 {
			continue
		}
		f.Add(data[fileHeaderSize : fileHeaderSize+4<<10])
	}
	f.Fuzz(func(t *testing.T, chunk []byte) {
		readBoth(t, "fuzz.evtx", append(append([]byte{}, hdr...), chunk...))
	})
}
