package evtx

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

// TestCorpusReads reads every EVTX under the shared corpora: no panic, no
// endless loop, only *Error values, and every file yields records.
func TestCorpusReads(t *testing.T) {
	root := corpora(t)
	files := evtxFiles(t, root)
	total, skipped := 0, 0
	for _, f := range files {
		recs, errs, st := readAll(t, f)
		if len(recs) == 0 {
			t.Errorf("%s: no records read (%d errors)", rel(root, f), len(errs))
		}
		if st.Records != len(recs) || st.RecordsSkipped > len(errs) {
			t.Errorf("%s: stats %+v disagree with %d records / %d errors", rel(root, f), st, len(recs), len(errs))
		}
		for _, r := range recs {
			if _, ok := r.Fields["EventID"]; !ok {
				t.Errorf("%s: record %d at offset %d has no EventID", rel(root, f), r.ID, r.Offset)
				break
			}
		}
		total += len(recs)
		skipped += st.RecordsSkipped
	}
	t.Logf("%d files, %d records, %d skipped", len(files), total, skipped)
}

// edgeMinimum is what a correct reader must at least recover from the
// damaged files, as the benign-evtx README states.
var edgeMinimum = map[string]int{
	"Application_no_crc32.evtx":              17,
	"sample_with_a_bad_chunk_magic.evtx":     270,
	"sample-with-zero-data-size-event.evtx":  335,
	"sample-with-irregular-bool-values.evtx": 3028,
	"security_bad_string_cache.evtx":         2261,
	"MSExchange_Management_wec.evtx":         1,
	"issue_201.evtx":                         1,
}

// TestBenignCounts checks record counts against benign-evtx/index.csv
// (counted by python-evtx): equal for intact files, and at least the
// README's readable count for the damaged ones, where this reader recovers
// more than python-evtx (e.g. the zero-size record).
func TestBenignCounts(t *testing.T) {
	dir := filepath.Join(corpora(t), "benign-evtx")
	f, err := os.Open(filepath.Join(dir, "index.csv"))
	if err != nil {
		t.Skipf("no index.csv: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		want, err := strconv.Atoi(row[1])
		if err != nil {
			t.Fatalf("index.csv: %v", err)
		}
		recs, _, st := readAll(t, filepath.Join(dir, row[0]))
		got := len(recs)
		if min, edge := edgeMinimum[filepath.Base(row[0])]; edge {
			if got < min {
				t.Errorf("%s: %d records, want at least %d", row[0], got, min)
			}
		} else if got != want {
			t.Errorf("%s: %d records, index.csv says %d", row[0], got, want)
		}
		t.Logf("%-90s index %5d  read %5d  skipped %d  %v", row[0], want, got, st.RecordsSkipped, st.Reasons)
	}
}

// TestBrokenStringCache: security_bad_string_cache.evtx differs from
// security.evtx only in the chunk string cache, which this reader never
// uses (names are reached by their BinXML offsets), so both must read the
// same, record for record.
func TestBrokenStringCache(t *testing.T) {
	dir := filepath.Join(corpora(t), "benign-evtx")
	good, _, _ := readAll(t, filepath.Join(dir, "benign", "security.evtx"))
	bad, errs, _ := readAll(t, filepath.Join(dir, "parser-edge-cases", "security_bad_string_cache.evtx"))
	if len(errs) != 0 {
		t.Errorf("broken string cache: %d errors, first %v", len(errs), errs[0])
	}
	if len(good) != len(bad) || len(good) == 0 {
		t.Fatalf("security.evtx %d records, security_bad_string_cache.evtx %d", len(good), len(bad))
	}
	for i := range good {
		if good[i].ID != bad[i].ID || !reflect.DeepEqual(good[i].Fields, bad[i].Fields) {
			t.Fatalf("record %d differs:\n%v\n%v", good[i].ID, good[i].Fields, bad[i].Fields)
		}
	}
}
