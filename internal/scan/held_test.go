package scan

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/sink"
)

// TestHeldBatchesSameAsRecordByRecord: scanning a regular file in held
// batches, matched kind by kind, writes exactly the alerts, in the same
// order, and counts the same statistics as scanning the same bytes record
// by record (from a pipe), whatever the batch size.
func TestHeldBatchesSameAsRecordByRecord(t *testing.T) {
	_, base, plan, m := corpusPlan(t)
	// bench events, with odd records among them: broken lines, a nested
	// event, a pretty-printed one over several lines, duplicate keys,
	// escapes, a record of another product
	odd := []string{
		"not json",
		`{"Event":{"System":{"EventID":4688,"Channel":"Security"},"EventData":{"Data":[{"#attributes":{"Name":"NewProcessName"},"#text":"C:\\Windows\\System32\\whoami.exe"}]}}}`,
		"{\n  \"Channel\": \"Microsoft-Windows-Sysmon/Operational\",\n  \"EventID\": 1,\n  \"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\"\n}",
		`{"Channel":"Security","EventID":1102,"EventID":4624}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"vssadmin delete shadows \u002fall \/quiet","Image":"C:\\Windows\\System32\\vssadmin.exe"}`,
		`{"eventVersion":"1.08","eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy"}`,
		`{"a":`,
		// lines that end with '}' but do not close, before a line that
		// starts an object: NextRaw hands them on unchecked
		`{"Channel":"Security","EventID":4624,"a":{"b":1}`,
		`{"Channel":"Security","EventID":4624,"a":"x}`,
	}
	var file bytes.Buffer
	for i, line := range gzipLines(t, base)[:4000] {
		file.Write(line)
		file.WriteByte('\n')
		if i%97 == 0 {
			file.WriteString(odd[(i/97)%len(odd)] + "\n")
		}
	}
	path := filepath.Join(t.TempDir(), "mixed.jsonl")
	if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(batch int, pipe bool) (string, string) {
		var out strings.Builder
		sk, _ := sink.New("jsonl", &out)
		r := &Runner{Router: NewRouter(plan, m), Sink: sk, Workers: 1, batch: batch}
		var msgs []string
		r.Report = func(msg string) {
			msg = strings.Replace(msg, path+":", "F:", 1)
			msgs = append(msgs, strings.Replace(msg, "-:", "F:", 1))
		}
		p := path
		if pipe {
			p, r.Stdin = "-", bytes.NewReader(file.Bytes())
		}
		if err := r.ScanPath(p); err != nil {
			t.Fatal(err)
		}
		if err := sk.Close(); err != nil {
			t.Fatal(err)
		}
		out2 := strings.ReplaceAll(out.String(), `"`+path+`"`, `"F"`)
		out2 = strings.ReplaceAll(out2, `"-"`, `"F"`)
		r.Stats.FilesByFormat = nil
		return out2, fmt.Sprint(r.Stats, msgs)
	}
	want, wantStats := run(0, true)
	if !strings.Contains(want, "whoami") || !strings.Contains(wantStats, "skipped") {
		t.Fatalf("the input does not exercise what it should: %d bytes of alerts, %s", len(want), wantStats)
	}
	for _, batch := range []int{1, 7, 100, 0} {
		got, gotStats := run(batch, false)
		if got != want {
			at := 0
			for at < min(len(got), len(want)) && got[at] == want[at] {
				at++
			}
			from := max(at-200, 0)
			t.Errorf("batch %d: alerts differ from record by record (%d vs %d bytes) at byte %d:\n%.400s\n%.400s", batch, len(got), len(want), at, got[from:], want[from:])
		}
		if gotStats != wantStats {
			t.Errorf("batch %d: statistics differ:\n%s\n%s", batch, gotStats, wantStats)
		}
	}
}

// bigRecords is a source of n undecoded records of size bytes each.
type bigRecords struct {
	n, size int
	raw     []byte
}

func (b *bigRecords) NextRaw() (input.Record, error) {
	if b.n == 0 {
		return input.Record{}, io.EOF
	}
	b.n--
	if b.raw == nil {
		b.raw = make([]byte, b.size)
	}
	return input.Record{Raw: b.raw}, nil
}
func (b *bigRecords) Path() string { return "big.jsonl" }

// TestHeldBatchBoundedByBytes: a batch of big records holds heldBytes of
// them, not heldBatch, so memory stays bounded whatever the records' size.
func TestHeldBatchBoundedByBytes(t *testing.T) {
	src := &bigRecords{n: 10, size: heldBytes/3 + 1}
	h := held{size: heldBatch}
	var sizes []int
	for eof := false; !eof; {
		eof = h.read(src)
		sizes = append(sizes, len(h.errs))
	}
	if fmt.Sprint(sizes) != "[3 3 3 1]" {
		t.Errorf("batches of %v records, want [3 3 3 1]", sizes)
	}
}

// TestRawKind: records group by the Channel and EventID their text names,
// however the rest of the record differs, and apart when either differs
// or is missing.
func TestRawKind(t *testing.T) {
	base := rawKind([]byte(`{"EventID": 4624, "Channel": "Security", "Computer": "a"}`))
	same := []string{
		`{"EventID":4624,"Channel":"Security","Computer":"b","LogonType":"3"}`,
		`{"Channel": "Security", "EventID": 4624}`,
	}
	for _, s := range same {
		if rawKind([]byte(s)) != base {
			t.Errorf("%s: another kind than its Channel and EventID's", s)
		}
	}
	kinds := map[uint64]string{base: "base"}
	for _, s := range []string{
		`{"EventID": 4625, "Channel": "Security"}`,
		`{"EventID": 4624, "Channel": "System"}`,
		`{"EventID": 4624}`,
		`{"Channel": "Security"}`,
		`{"EventID": "Security"}`,
		`{}`,
		`{"EventID": 624, "Channel": "Security4"}`,
	} {
		k := rawKind([]byte(s))
		if other, ok := kinds[k]; ok {
			t.Errorf("%s: the kind of %s", s, other)
		}
		kinds[k] = s
	}
}
