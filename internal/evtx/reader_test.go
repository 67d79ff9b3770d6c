package evtx

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestIsEVTX(t *testing.T) {
	for in, want := range map[string]bool{"ElfFile\x00rest": true, "ElfFile": false, "ElfChnk\x00": false, "": false} {
		if got := IsEVTX([]byte(in)); got != want {
			t.Errorf("IsEVTX(%q) = %v", in, got)
		}
	}
}

func TestNotEVTX(t *testing.T) {
	_, err := NewReader(strings.NewReader("{\"EventID\": 1}"), 14, "x.json")
	var e *Error
	if !errors.As(err, &e) || e.Chunk != -1 || !strings.Contains(err.Error(), "x.json") {
		t.Fatalf("err = %v, want *Error naming the file", err)
	}
}

// TestDamagedChunks needs no corpus: a header followed by a chunk with a bad
// magic, a truncated chunk and an unused (zero) chunk. The bad chunk is
// reported with its file offset, the zero one is not damage, and reading
// ends with io.EOF.
func TestDamagedChunks(t *testing.T) {
	hdr := fuzzHeader()
	hdr[42] = 3 // the header claims three chunks
	bad := bytes.Repeat([]byte{0xAB}, chunkSize)
	zero := make([]byte, chunkSize)
	trunc := append([]byte(chunkMagic), make([]byte, 100)...)
	file := bytes.Join([][]byte{hdr, bad, zero, trunc}, nil)
	r, err := NewReader(bytes.NewReader(file), int64(len(file)), "d.evtx")
	if err != nil {
		t.Fatal(err)
	}
	var errs []*Error
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Next: %v", err)
		}
		errs = append(errs, e)
	}
	if len(errs) != 2 || errs[0].Chunk != 0 || errs[0].Offset != fileHeaderSize || errs[1].Chunk != 2 {
		t.Fatalf("errors = %v", errs)
	}
	st := r.Stats()
	if st.ChunksSkipped != 2 || st.ChunksEmpty != 1 || st.Reasons["bad chunk magic"] != 1 || st.Reasons["truncated chunk"] != 1 {
		t.Errorf("stats = %+v", st)
	}
}
