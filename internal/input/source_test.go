package input

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readAll(t *testing.T, s Source) (recs []Record, skips []error) {
	t.Helper()
	for {
		r, err := s.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if Skipped(err) {
			skips = append(skips, err)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
}

func write(t *testing.T, dir, name string, data []byte) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDetectByContent(t *testing.T) {
	dir := t.TempDir()
	var gz bytes.Buffer
	z := gzip.NewWriter(&gz)
	z.Write([]byte("{\"a\":1}\n{\"a\":2}\n"))
	z.Close()
	nested := `{"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Sysmon"}},"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"h"},"EventData":{"Image":"C:\\x.exe"}}}`
	cases := []struct {
		name, file string
		data       []byte
		format     string
		records    int
		skips      int
	}{
		{"jsonl named .log", "events.log", []byte("{\"a\":1}\n\n{\"a\":2}\nnot json\n"), FormatJSONLines, 2, 1},
		{"gzip jsonl without .gz", "events.bin", gz.Bytes(), FormatJSONLines, 2, 0},
		{"json array with BOM", "events.json", []byte("\xef\xbb\xbf [ {\"a\":1}, 5, {\"b\":2} ]"), FormatJSONArray, 2, 1},
		{"truncated array", "cut.json", []byte(`[{"a":1},{"b":`), FormatJSONArray, 1, 1},
		{"evtx_dump nested", "nested.json", []byte(nested + "\n"), FormatJSONLines, 1, 0},
		{"empty file", "empty.jsonl", nil, FormatJSONLines, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(write(t, dir, c.file, c.data), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if s.Format() != c.format {
				t.Errorf("format %s, want %s", s.Format(), c.format)
			}
			recs, skips := readAll(t, s)
			if len(recs) != c.records || len(skips) != c.skips {
				t.Errorf("%d records %d skips (%v), want %d/%d", len(recs), len(skips), skips, c.records, c.skips)
			}
			for _, sk := range skips {
				if !strings.Contains(sk.Error(), c.file) {
					t.Errorf("skip %q does not name the file", sk)
				}
			}
			if c.name == "evtx_dump nested" && (recs[0].Event["Image"] != `C:\x.exe` || recs[0].Event["Provider_Name"] != "Microsoft-Windows-Sysmon") {
				t.Errorf("nested event not flattened: %v", recs[0].Event)
			}
		})
	}
	for _, bad := range [][]byte{[]byte("\x00\x01garbage"), []byte("name,value\nx,1\n")} {
		if _, err := Open(write(t, dir, "bad.bin", bad), nil); err == nil {
			t.Errorf("%q opened as events", bad)
		} else if _, ok := err.(*UnknownFormatError); !ok || !strings.Contains(err.Error(), "bad.bin") {
			t.Errorf("error %v", err)
		}
	}
}

func TestStdinAndExpand(t *testing.T) {
	s, err := Open("-", strings.NewReader("{\"x\":1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if recs, _ := readAll(t, s); len(recs) != 1 {
		t.Fatalf("stdin: %d records", len(recs))
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "b", "c"), 0o755)
	write(t, dir, "b/c/z.jsonl", nil)
	write(t, dir, "a.jsonl", nil)
	files, errs := Expand([]string{dir, "-", filepath.Join(dir, "missing")})
	if len(files) != 3 || !strings.HasSuffix(files[0], "a.jsonl") || !strings.HasSuffix(files[1], "z.jsonl") || files[2] != "-" || len(errs) != 1 {
		t.Errorf("files %v errs %v", files, errs)
	}
}

func TestPrettyPrintedObjectsAndResync(t *testing.T) {
	src := "{\n  \"a\": 1,\n  \"s\": \"br}ace\\\" {\"\n}\n{\n  \"b\": {\n    \"c\": [1, 2]\n  }\n}\n{\n  \"broken\": \n{\"after\": true}\n[1]\n{\"tail\": \n"
	j := NewJSONLines("p.json", strings.NewReader(src))
	var got []string
	for {
		r, err := j.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *LineError
		if errors.As(err, &le) {
			got = append(got, fmt.Sprintf("bad@%d", le.Line))
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("ok@%d", r.Line))
	}
	want := "ok@1,ok@5,bad@10,ok@12,bad@13,bad@14"
	if strings.Join(got, ",") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func FuzzJSONLines(f *testing.F) {
	f.Add([]byte("{\"a\":1}\n{\n \"b\": [1,{\"c\":\"}\"}]\n}\nxx\n"))
	f.Add([]byte("{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"x\"},\"EventData\":{\"Data\":[{\"#attributes\":{\"Name\":\"a\"},\"#text\":\"b\"}]}}}\n"))
	f.Add([]byte("[{\"a\":1},2,{\"b\":\n"))
	f.Add([]byte("\x1f\x8b\x08\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := detect("fuzz", bytes.NewReader(data), nil, nil, Options{})
		if err != nil {
			return
		}
		for i := 0; i < 10000; i++ {
			_, err := s.Next()
			if errors.Is(err, io.EOF) || (err != nil && !Skipped(err)) {
				return
			}
		}
		t.Fatal("reader did not end within 10000 calls")
	})
}
