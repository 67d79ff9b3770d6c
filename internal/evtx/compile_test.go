package evtx

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/vigil-sec/vigil/internal/winevent"
)

// readBoth reads a file twice, with compiled templates and decoding every
// record afresh, and fails unless records (fields and trees), errors and
// statistics are identical: compiling must change nothing but speed. A
// third read does not keep the trees, so that records share the compiled
// definitions' instances; their fields must be the same too, and so must a
// fourth read's, chunk by chunk.
func readBoth(t *testing.T, name string, data []byte) {
	t.Helper()
	type result struct {
		recs []Record
		errs []string
		st   Stats
	}
	read := func(interpret, keep bool) result {
		r, err := NewReader(bytes.NewReader(data), int64(len(data)), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r.KeepTree = keep
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
	compiled, interpreted := read(false, true), read(true, true)
	for _, rec := range compiled.recs { // the reader's Flattener, kept from record to record
		if want := winevent.Flatten(rec.Tree); !reflect.DeepEqual(rec.Fields, want) {
			t.Fatalf("%s: record %d: fields %v, flattened afresh %v", name, rec.ID, rec.Fields, want)
		}
	}
	if !reflect.DeepEqual(compiled, interpreted) {
		t.Fatalf("%s: compiled templates read differently from decoding each record", name)
	}
	reused := read(false, false)
	for i := range interpreted.recs {
		interpreted.recs[i].Tree = nil
	}
	if !reflect.DeepEqual(reused, interpreted) {
		t.Fatalf("%s: records sharing template instances read differently from decoding each record", name)
	}
	// A fourth read takes the chunks one at a time, last first, through a
	// clone (as scans with several workers do), and puts them back in order.
	r, err := NewReader(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	parts := make([]result, r.ChunkSlots())
	c := r.Clone()
	for k := len(parts) - 1; k >= 0; k-- {
		c.SeekChunk(k)
		for i := 0; i <= 4*len(data); i++ {
			rec, err := c.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				parts[k].errs = append(parts[k].errs, err.Error())
				continue
			}
			parts[k].recs = append(parts[k].recs, rec)
		}
	}
	chunked := result{st: r.Stats()}
	chunked.st.Add(c.Stats())
	for _, p := range parts {
		chunked.recs, chunked.errs = append(chunked.recs, p.recs...), append(chunked.errs, p.errs...)
	}
	if !reflect.DeepEqual(chunked, reused) {
		t.Fatalf("%s: chunk by chunk: %d records %d errors, whole file %d records %d errors", name, len(chunked.recs), len(chunked.errs), len(reused.recs), len(reused.errs))
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

// TestReusedInstanceOncePerRecord: a definition used twice in one record
// (nested in itself, or two substitutions beside each other) must not hand
// out the same elements twice, or the second use would overwrite the
// first; in the next record the spare is reset and handed out again.
func TestReusedInstanceOncePerRecord(t *testing.T) {
	c := &compiled{elems: []elemShape{{name: "Event", kids: 1}, {name: "System", attrs: 1, kidOff: 1}}, nKids: 1, nAttrs: 1}
	a := c.reusedInstance(1)
	a[0].Value = "first"
	a[0].Children = append(a[0].Children, &a[1])
	b := c.reusedInstance(1)
	if &a[0] == &b[0] || a[0].Value != "first" || len(a[0].Children) != 1 {
		t.Fatal("the record's second use of a definition got its first instance")
	}
	next := c.reusedInstance(2)
	if &next[0] != &a[0] {
		t.Error("the next record did not get the spare instance")
	}
	if next[0].Value != nil || len(next[0].Children) != 0 || next[1].Name != "System" || cap(next[1].Attrs) != 1 {
		t.Errorf("spare not reset: %+v", next)
	}
}

// TestFlatSameAsFields: read as event.Flat (Reader.Flat, what scans use),
// every corpus record holds the same fields and values as the map form.
func TestFlatSameAsFields(t *testing.T) {
	read := func(path string, flat bool) []Record {
		r, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		r.Flat = flat
		var recs []Record
		for {
			rec, err := r.Next()
			if err == io.EOF {
				return recs
			}
			if err == nil {
				recs = append(recs, rec)
			}
		}
	}
	n := 0
	for _, f := range evtxFiles(t, corpora(t)) {
		flat, maps := read(f, true), read(f, false)
		if len(flat) != len(maps) {
			t.Fatalf("%s: %d records flat, %d as maps", f, len(flat), len(maps))
		}
		for i := range flat {
			if flat[i].Fields != nil || flat[i].Flat == nil {
				t.Fatalf("%s: record %d: Flat not set instead of Fields", f, flat[i].ID)
			}
			if got := map[string]any(flat[i].Flat.Map()); !reflect.DeepEqual(got, maps[i].Fields) {
				t.Fatalf("%s: record %d: flat %v, map %v", f, flat[i].ID, got, maps[i].Fields)
			}
			n++
		}
	}
	if n < 10000 {
		t.Errorf("only %d records compared", n)
	}
}
