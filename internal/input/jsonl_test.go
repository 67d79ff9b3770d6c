package input

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestJSONLines(t *testing.T) {
	long := `{"k":"` + strings.Repeat("x", 200_000) + `"}`
	src := "{\"a\":1}\n\n  not json\n" + long + "\r\n[1,2]\n{\"b\":\"c\"} {\"d\":1}\n{\"last\":true}"
	j := NewJSONLines("f.jsonl", strings.NewReader(src))
	var got []string
	for {
		r, err := j.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *LineError
		if errors.As(err, &le) {
			got = append(got, le.Error()[:strings.Index(le.Error(), ": ")+2]+"bad")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Repeat("ok", 1)+string(rune('0'+r.Line)))
	}
	want := []string{"ok1", "f.jsonl:3: bad", "ok4", "f.jsonl:5: bad", "f.jsonl:6: bad", "ok7"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("got %v want %v", got, want)
	}
}
