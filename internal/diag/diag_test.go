package diag

import (
	"bytes"
	"testing"
)

func TestSortAndCap(t *testing.T) {
	l := List{
		{Severity: Warning, Code: "W1", Range: Range{File: "b", Start: Pos{1, 1}}},
		{Severity: Error, Code: "E2", Range: Range{File: "a", Start: Pos{9, 1}}},
		{Severity: Warning, Code: "W3", Range: Range{File: "a", Start: Pos{2, 5}}},
		{Severity: Error, Code: "E4", Range: Range{File: "a", Start: Pos{2, 1}}},
	}
	l.Sort()
	want := []string{"E4", "W3", "E2", "W1"}
	for i, c := range want {
		if l[i].Code != c {
			t.Fatalf("sorted[%d] = %s, want %s", i, l[i].Code, c)
		}
	}
	c := l.Cap(2)
	if len(c) != 3 || c[0].Code != "E4" || c[1].Code != "E2" || c[2].Code != "DIAG001" {
		t.Fatalf("Cap kept %+v", c)
	}
	if !c.HasErrors() {
		t.Fatal("errors lost by Cap")
	}
	if e, w := l.Count(); e != 2 || w != 2 {
		t.Fatalf("Count = %d,%d", e, w)
	}
}

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	Write(&b, List{{Severity: Error, Code: "SIG1", Summary: "bad", Detail: "fix it",
		Range: Range{File: "r.yml", Start: Pos{3, 4}}, RuleID: "id1", Title: "T"}})
	want := "r.yml:3:4: error SIG1: bad [rule id1 \"T\"]\n    fix it\n"
	if b.String() != want {
		t.Fatalf("got %q want %q", b.String(), want)
	}
}
