package condition

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct{ in, want string }{
		{"sel", "sel"},
		{"a or b and c", "(a or (b and c))"},
		{"a and b or c", "((a and b) or c)"},
		{"not a and b", "(not a and b)"},
		{"not (a and b)", "not (a and b)"},
		{"not not a", "not not a"},
		{"a and not 1 of filter*", "(a and not 1 of filter*)"},
		{"1 of selection_1_* and all of them", "(1 of selection_1_* and all of them)"},
		{"any of sel*", "1 of sel*"},
		{"ALL OF them", "all of them"},
		{"(a or b) and (c or d)", "((a or b) and (c or d))"},
		{"sel-1 and sel.2", "(sel-1 and sel.2)"},
		{"a or b or c", "(a or b or c)"},
		{" \n a\tand\nb ", "(a and b)"},
		{"1 of *_sel", "1 of *_sel"},
	}
	for _, c := range cases {
		n, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := String(n); got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		in, msg string
		off     int
	}{
		{"", "empty", 0},
		{"sel | count() by x > 5", "pipe", 4},
		{"a and", "expected an identifier", 5},
		{"(a or b", "expected ')'", 7},
		{"a b", "unexpected \"b\"", 2},
		{"sel*", "only allowed after", 0},
		{"2 of sel*", "\"2 of\"", 0},
		{"1 sel", "expected \"of\"", 2},
		{"1 of (a)", "expected \"them\"", 5},
		{"a = b", "unexpected character", 2},
		{"a)", "unexpected \")\"", 1},
	}
	for _, c := range cases {
		_, err := Parse(c.in)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q) err = %v, want *Error", c.in, err)
			continue
		}
		if !strings.Contains(e.Msg, c.msg) || e.Offset != c.off {
			t.Errorf("Parse(%q) = %q at %d, want %q at %d", c.in, e.Msg, e.Offset, c.msg, c.off)
		}
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1)
	if _, err := Parse(deep); err == nil || !strings.Contains(err.Error(), "deeper") {
		t.Errorf("deep nesting: %v", err)
	}
	wide := "a" + strings.Repeat(" and not a", MaxNodes)
	if _, err := Parse(wide); err == nil {
		t.Error("no error for oversized condition")
	}
}

func TestMatchPattern(t *testing.T) {
	cases := []struct {
		p, n string
		want bool
	}{
		{"sel*", "selection", true},
		{"sel*", "sel", true},
		{"*sel", "my_sel", true},
		{"s*l*n", "selection", true},
		{"selection_1_*", "selection_1_a", true},
		{"selection_1_*", "selection_2_a", false},
		{"sel", "selection", false},
		{"*", "", true},
	}
	for _, c := range cases {
		if got := MatchPattern(c.p, c.n); got != c.want {
			t.Errorf("MatchPattern(%q,%q) = %v", c.p, c.n, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a and not (b or 1 of c*)", "all of them", "x | count() > 3", "((a))", "not not not a or b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("non-*Error error %T", err)
			}
			return
		}
		// A parsed tree re-parses to the same shape.
		again, err := Parse(String(n))
		if err != nil {
			t.Fatalf("reparse of %q (%q): %v", String(n), s, err)
		}
		if String(again) != String(n) {
			t.Fatalf("round trip %q -> %q", String(n), String(again))
		}
	})
}
