package scan

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

const badInputRule = `title: failed logon
logsource: {product: windows, service: security}
detection: {sel: {EventID: 4625}, condition: sel}
`

const goodLine = `{"Channel":"Security","EventID":4625,"IpAddress":"10.0.0.1"}`

// badRunner returns a Runner over one simple rule, its sink, and the
// messages it reports.
func badRunner(t *testing.T, workers int) (*Runner, *captureSink, *[]string) {
	t.Helper()
	docs := sigma.ParseFile("r.yml", []byte(badInputRule))
	set := match.Load(docs, match.Options{})
	bt, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := logsource.NewMapping(bt, nil)
	sk := &captureSink{}
	var msgs []string
	r := &Runner{Router: NewRouter(NewPlan(set.Rules, Selection{}, m), m), Sink: sk, Workers: workers,
		Report: func(msg string) { msgs = append(msgs, msg) }}
	return r, sk, &msgs
}

// scanAll scans paths as the CLI does: expanded, unlistable paths counted.
func scanAll(t *testing.T, r *Runner, paths ...string) {
	t.Helper()
	files, errs := input.Expand(paths)
	for _, err := range errs {
		r.SkipPath(err)
	}
	for _, f := range files {
		if err := r.ScanPath(f); err != nil {
			t.Fatal(err)
		}
	}
}

func hasMsg(msgs []string, parts ...string) bool {
	for _, m := range msgs {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(m, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// A 100 MB line in a JSON-lines file is skipped with its path and line,
// the lines around it are scanned, and reading it costs about MaxLine of
// memory, not the line's size.
func TestHugeLineSkipped(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB file")
	}
	path := filepath.Join(t.TempDir(), "huge.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, goodLine)
	w.WriteString(`{"Channel":"Security","EventID":4625,"Blob":"`)
	chunk := strings.Repeat("A", 1<<20)
	for i := 0; i < 100; i++ {
		w.WriteString(chunk)
	}
	w.WriteString("\"}\n")
	fmt.Fprintln(w, goodLine)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, workers := range []int{1, 2} {
		r, sk, msgs := badRunner(t, workers)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		scanAll(t, r, path)
		runtime.ReadMemStats(&after)
		if r.Stats.Events != 2 || len(sk.lines) != 2 || r.Stats.RecordsSkipped != 1 {
			t.Errorf("workers %d: %d events, %d alerts, %d records skipped; want 2, 2, 1", workers, r.Stats.Events, len(sk.lines), r.Stats.RecordsSkipped)
		}
		if !hasMsg(*msgs, path+":2:", "line longer than") {
			t.Errorf("workers %d: no message naming %s:2: %q", workers, path, *msgs)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 4*input.MaxLine {
			t.Errorf("workers %d: reading the huge line allocated %d MiB; want at most %d MiB", workers, got>>20, 4*input.MaxLine>>20)
		}
	}
}

// Binary garbage, text, an empty file, a dangling link and a directory
// holding all of them with a good log: every bad input is named in a
// message and counted in the summary, and the good events are scanned.
func TestBadInputsCarryOn(t *testing.T) {
	dir := t.TempDir()
	garbage := make([]byte, 4096)
	seed := uint32(7)
	for i := range garbage {
		seed = seed*1664525 + 1013904223
		garbage[i] = byte(seed >> 24)
	}
	garbage[0] = 0x89 // not '{', '[', gzip or EVTX magic
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("a-good.jsonl", []byte(goodLine+"\n"+goodLine+"\n"))
	bin := write("b-garbage.bin", garbage)
	text := write("c-notes.txt", []byte("just some notes\nnot a log\n"))
	empty := write("d-empty.jsonl", nil)
	// a JSON-lines file whose middle line is binary garbage
	mixed := write("e-mixed.jsonl", append(append([]byte(goodLine+"\n{"), garbage[1:200]...), "\n"+goodLine+"\n"...))
	dangling := filepath.Join(dir, "f-dangling.jsonl")
	if err := os.Symlink(filepath.Join(dir, "does-not-exist"), dangling); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(dir, "g-link.jsonl")
	if err := os.Symlink(good, linked); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			// the directory
			r, sk, msgs := badRunner(t, workers)
			scanAll(t, r, dir)
			st := r.Stats
			if st.Events != 6 || len(sk.lines) != 6 {
				t.Errorf("%d events, %d alerts; want 6 and 6 (good, mixed, link)", st.Events, len(sk.lines))
			}
			if st.Files != 4 {
				t.Errorf("%d files read %v; want 4 (good, empty, mixed, link)", st.Files, st.FilesByFormat)
			}
			if len(st.FilesSkipped) != 3 {
				t.Errorf("files skipped %v; want the garbage, the text and the dangling link", st.FilesSkipped)
			}
			if st.RecordsSkipped != 1 {
				t.Errorf("%d records skipped; want 1 (the garbage line of %s)", st.RecordsSkipped, mixed)
			}
			for _, want := range [][]string{
				{bin, "not an event log"},
				{text, "not an event log"},
				{dangling, "no such file"},
				{mixed + ":2:"},
			} {
				if !hasMsg(*msgs, want...) {
					t.Errorf("no message with %q in %q", want, *msgs)
				}
			}
			for _, m := range *msgs {
				if strings.Contains(m, empty) {
					t.Errorf("the empty file is not an error: %q", m)
				}
			}
			// the same inputs named one by one, plus the directory as a file
			r, _, msgs = badRunner(t, workers)
			scanAll(t, r, good, bin, text, empty, mixed, dangling)
			if err := r.ScanPath(dir); err != nil {
				t.Fatal(err)
			}
			st = r.Stats
			if st.Events != 4 || len(st.FilesSkipped) != 4 || st.RecordsSkipped != 1 {
				t.Errorf("by name: %d events, skipped %v, %d records; want 4, 4 files (garbage, text, link, directory), 1", st.Events, st.FilesSkipped, st.RecordsSkipped)
			}
			if !hasMsg(*msgs, dangling) || !hasMsg(*msgs, dir, "is a directory") {
				t.Errorf("messages %q", *msgs)
			}
		})
	}
}
