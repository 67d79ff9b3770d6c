package evtx

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"testing"
)

// fuzzHeader is a valid 4 KiB file header claiming one chunk, so the fuzzer
// spends its effort on the chunk and the BinXML inside it.
func fuzzHeader() []byte {
	h := make([]byte, fileHeaderSize)
	copy(h, fileMagic)
	le := binary.LittleEndian
	le.PutUint64(h[24:], 1)   // next record id
	le.PutUint32(h[32:], 128) // header size
	le.PutUint16(h[36:], 1)   // minor version
	le.PutUint16(h[38:], 3)   // major version
	le.PutUint16(h[40:], fileHeaderSize)
	le.PutUint16(h[42:], 1) // chunk count
	le.PutUint32(h[124:], crc32.ChecksumIEEE(h[:120]))
	return h
}

// FuzzEVTX feeds each input as the first chunk of a file. The seeds in
// testdata/fuzz/FuzzEVTX are the first kilobytes of chunk 0 of benign
// samples (header, string/template tables, the first records), so mutations
// land in real BinXML. The reader must never panic, must terminate, and
// must report every problem as an *Error.
func FuzzEVTX(f *testing.F) {
	hdr := fuzzHeader()
	f.Add([]byte(chunkMagic))
	f.Fuzz(func(t *testing.T, chunk []byte) {
		file := append(append([]byte{}, hdr...), chunk...)
		r, err := NewReader(bytes.NewReader(file), int64(len(file)), "fuzz.evtx")
		if err != nil {
			t.Fatalf("valid header rejected: %v", err)
		}
		for i := 0; ; i++ {
			if i > 2*chunkSize {
				t.Fatal("Next does not terminate")
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("Next returned %T %v, want *Error", err, err)
				}
				continue
			}
			if rec.Fields == nil {
				t.Fatal("record without fields")
			}
		}
		if st := r.Stats(); st.Records < 0 || st.Chunks > 1 {
			t.Fatalf("bad stats %+v", st)
		}
	})
}
