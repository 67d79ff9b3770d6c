// Command evtxdump reads EVTX files with package evtx and prints each record's
// canonical fields as a JSON line, or with -q only the per-file counts. It
// exists to inspect the reader and to measure its throughput and peak memory
// over a whole corpus in one process (see docs/evtx.md); it is not shipped.
//
//	go run ./internal/evtx/internal/evtxdump -q ../shared/corpora
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vigil-sec/vigil/internal/evtx"
)

func main() {
	quiet := flag.Bool("q", false, "print per-file counts only")
	errs := flag.Bool("e", false, "print each skipped record/chunk error")
	flag.Parse()
	var files []string
	for _, root := range flag.Args() {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".evtx") {
				files = append(files, p)
			}
			return nil
		})
	}
	out := json.NewEncoder(os.Stdout)
	start := time.Now()
	total, skipped := 0, 0
	for _, f := range files {
		st, err := dump(f, out, *quiet, *errs)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		total += st.Records
		skipped += st.RecordsSkipped
		if *quiet {
			fmt.Printf("%s\trecords=%d skipped=%d chunks=%d empty=%d chunks_skipped=%d crc_mismatch=%d %v\n",
				f, st.Records, st.RecordsSkipped, st.Chunks, st.ChunksEmpty, st.ChunksSkipped, st.ChecksumMismatches, st.Reasons)
		}
	}
	el := time.Since(start)
	fmt.Fprintf(os.Stderr, "%d files, %d records, %d skipped, %v, %.0f records/s\n",
		len(files), total, skipped, el.Round(time.Millisecond), float64(total)/el.Seconds())
}

func dump(path string, out *json.Encoder, quiet, showErrs bool) (evtx.Stats, error) {
	r, err := evtx.Open(path)
	if err != nil {
		return evtx.Stats{}, err
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if showErrs {
				fmt.Fprintln(os.Stderr, err)
			}
			continue
		}
		if !quiet {
			out.Encode(rec.Fields)
		}
	}
	return r.Stats(), nil
}
