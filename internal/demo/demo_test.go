package demo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// readEvents decodes every line of the embedded dataset.
func readEvents(t *testing.T) []map[string]any {
	t.Helper()
	rc, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var out []map[string]any
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil || m == nil {
			t.Fatalf("line %d is not a JSON object: %v", n, err)
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDatasetShape(t *testing.T) {
	evs := readEvents(t)
	if n := len(evs); n < 3000 || n > 6000 {
		t.Errorf("%d events, want 3000-6000", n)
	}
	if len(dataset) > 400<<10 {
		t.Errorf("data/demo.jsonl.gz is %d bytes, keep it under 400 KB", len(dataset))
	}
	day0 := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	var prev time.Time
	for i, e := range evs {
		line := i + 1
		ch, _ := e["Channel"].(string)
		comp, _ := e["Computer"].(string)
		id, ok := e["EventID"].(json.Number)
		if ch == "" || comp == "" || !ok {
			t.Fatalf("line %d lacks Channel, Computer or a numeric EventID: %v", line, e)
		}
		if _, err := id.Int64(); err != nil {
			t.Fatalf("line %d: EventID %v is not an integer", line, id)
		}
		tc, _ := e["TimeCreated"].(string)
		ts, err := time.Parse("2006-01-02T15:04:05.000Z07:00", tc)
		if err != nil {
			t.Fatalf("line %d: TimeCreated %q is not RFC 3339 with milliseconds: %v", line, tc, err)
		}
		if ts.Before(day0) || !ts.Before(day0.Add(24*time.Hour)) {
			t.Errorf("line %d: %s is not on 2026-03-10", line, tc)
		}
		if ts.Before(prev) {
			t.Errorf("line %d: %s is earlier than the line before", line, tc)
		}
		prev = ts
		if e["Provider_Name"] == nil || e["EventRecordID"] == nil {
			t.Errorf("line %d lacks Provider_Name or EventRecordID", line)
		}
	}
}

func TestTruthPointsAtEvents(t *testing.T) {
	evs := readEvents(t)
	tr, err := LoadTruth()
	if err != nil {
		t.Fatal(err)
	}
	if tr.Events != len(evs) {
		t.Errorf("truth says %d events, dataset has %d", tr.Events, len(evs))
	}
	n := 0
	for _, s := range tr.Steps {
		if len(s.Events) == 0 || len(s.Techniques) == 0 {
			t.Errorf("step %s has no events or no techniques", s.ID)
		}
		for _, se := range s.Events {
			n++
			if se.Line < 1 || se.Line > len(evs) {
				t.Fatalf("step %s: line %d out of range", s.ID, se.Line)
			}
			e := evs[se.Line-1]
			id, _ := e["EventID"].(json.Number).Int64()
			rec, _ := e["EventRecordID"].(json.Number).Int64()
			if e["Computer"] != se.Computer || e["Channel"] != se.Channel || int(id) != se.EventID || int(rec) != se.EventRecordID || e["TimeCreated"] != se.TimeCreated {
				t.Errorf("step %s line %d: truth %+v does not describe %v", s.ID, se.Line, se, e)
			}
		}
	}
	if n != tr.AttackEvents {
		t.Errorf("truth lists %d step events but says attack_events = %d", n, tr.AttackEvents)
	}
}

// TestGeneratorDeterministic regenerates the dataset in a temporary
// directory and compares it byte for byte with the committed files.
func TestGeneratorDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the generator")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	dir := t.TempDir()
	out, truth := filepath.Join(dir, "demo.jsonl.gz"), filepath.Join(dir, "truth.json")
	cmd := exec.Command(gobin, "run", "./gen", "-out", out, "-truth", truth)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, b)
	}
	for _, f := range []struct{ got, want string }{{out, "data/demo.jsonl.gz"}, {truth, "data/truth.json"}} {
		got, err := os.ReadFile(f.got)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(f.want)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from a fresh run of the generator: run go generate ./internal/demo and commit", f.want)
		}
	}
}
