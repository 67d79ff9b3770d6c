package evtx

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestStreamingMemory reads a 64 MiB file built from the chunks of a benign
// sample and checks that the live heap stays far below the file size: the
// reader must hold one chunk at a time, never the file.
func TestStreamingMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 64 MiB streaming test")
	}
	src, err := os.ReadFile(filepath.Join(corpora(t), "benign-evtx", "benign", "security.evtx"))
	if err != nil {
		t.Skip(err)
	}
	var chunks [][]byte
	for off := fileHeaderSize; off+chunkSize <= len(src); off += chunkSize {
		if string(src[off:off+8]) == chunkMagic {
			chunks = append(chunks, src[off:off+chunkSize])
		}
	}
	path := filepath.Join(t.TempDir(), "big.evtx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(src[:fileHeaderSize])
	const total = 1024 // chunks: 64 MiB
	for i := 0; i < total; i++ {
		f.Write(chunks[i%len(chunks)])
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	src, chunks = nil, nil
	runtime.GC()

	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var ms runtime.MemStats
	peak, n := uint64(0), 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if n++; n%5000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	t.Logf("%d records from a %d MiB file, peak heap in use %.1f MiB", n, total/16, float64(peak)/(1<<20))
	if peak > 24<<20 {
		t.Errorf("peak heap %d MiB while streaming a %d MiB file", peak>>20, total/16)
	}
	if st := r.Stats(); st.Chunks != total {
		t.Errorf("read %d chunks, wrote %d", st.Chunks, total)
	}
}
