package match

import (
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// checkClauses fails when a rule matched ev but one of its anchor clauses
// holds nowhere in it: a prefilter demanding that clause would have lost
// the match. The conformance suite calls it on every matching event.
func checkClauses(t *testing.T, r *Rule, ev event.Event, i int) {
	t.Helper()
	clauses, ok := r.AnchorClauses()
	if !ok {
		return
	}
	if len(clauses) > MaxClauses {
		t.Errorf("%d clauses, more than MaxClauses", len(clauses))
	}
	for k, c := range clauses {
		if !clauseHolds(ev, c) {
			t.Errorf("event %d matched, but anchor clause %d %+v holds nowhere in it", i, k, c)
		}
	}
}

func clauseHolds(ev event.Event, clause []Anchor) bool {
	for _, a := range clause {
		if anchorHolds(ev, a) {
			return true
		}
	}
	return false
}

// anchorHolds is Anchor's contract, written plainly.
func anchorHolds(ev event.Event, a Anchor) bool {
	texts := func(v event.Value, f func(string) bool) bool {
		if v.Kind() == event.Array {
			for i := 0; i < v.Len(); i++ {
				if s, ok := v.Index(i).Text(); ok && f(s) {
					return true
				}
			}
			return false
		}
		s, ok := v.Text()
		return ok && f(s)
	}
	contains := func(s string) bool {
		f := string(Fold(nil, s))
		switch a.At {
		case AtStart:
			return strings.HasPrefix(f, a.Needle)
		case AtEnd:
			return strings.HasSuffix(f, a.Needle)
		}
		return strings.Contains(f, a.Needle)
	}
	if a.Keyword {
		found := false
		ev.Walk(func(v event.Value) bool {
			if s, ok := v.Text(); ok && v.Kind() == event.String && contains(s) {
				found = true
			}
			return !found
		})
		return found
	}
	v, ok := ev.Get(a.Field)
	if !ok {
		return false
	}
	if a.Number {
		return texts(v, func(s string) bool { return s == a.Needle || !CanonicalInt(s) })
	}
	return texts(v, contains)
}

func TestAnchorClauses(t *testing.T) {
	cases := []struct {
		name, detection string
		want            [][]Anchor // nil: no clauses (always evaluate)
	}{
		{"and of two fields gives two clauses", `
    img: {Image|endswith: '\reg.exe'}
    cli: {CommandLine|contains: ' query '}
    condition: img and cli`,
			[][]Anchor{{{Field: "Image", Needle: `\REG.EXE`, At: AtEnd}}, {{Field: "CommandLine", Needle: " QUERY "}}}},
		{"contains|all gives one clause per value", `
    sel: {CommandLine|contains|all: ['alpha', 'bravo', 'charlie', 'delta']}
    condition: sel`,
			[][]Anchor{{{Field: "CommandLine", Needle: "CHARLIE"}}, {{Field: "CommandLine", Needle: "ALPHA"}}, {{Field: "CommandLine", Needle: "BRAVO"}}}},
		{"or pairs the operands' clauses", `
    a: {Image|endswith: '\aaa.exe', CommandLine|contains: 'xyz'}
    b: {Image|endswith: '\bbbb.exe'}
    condition: a or b`,
			[][]Anchor{{{Field: "Image", Needle: `\AAA.EXE`, At: AtEnd}, {Field: "Image", Needle: `\BBBB.EXE`, At: AtEnd}}, {{Field: "CommandLine", Needle: "XYZ"}, {Field: "Image", Needle: `\BBBB.EXE`, At: AtEnd}}}},
		{"short needles make no extra clause", `
    a: {Image|endswith: '\aaa.exe', CommandLine|contains: '-e'}
    condition: a`,
			[][]Anchor{{{Field: "Image", Needle: `\AAA.EXE`, At: AtEnd}}}},
		{"a not leaves the other operand", `
    a: {Image|endswith: '\aaa.exe'}
    f: {CommandLine|contains: 'xyz'}
    condition: a and not f`,
			[][]Anchor{{{Field: "Image", Needle: `\AAA.EXE`, At: AtEnd}}}},
		{"regular expressions anchor on rare punctuation", `
    sel:
      - CommandLine|re: '\w+` + "`" + `(?:\w+|-|.)` + "`" + `[\w+|\s]'
      - CommandLine|re: '"(?:\{\d\})+"\s*-f'
      - CommandLine|re: '(?i)\$\{` + "`" + `?e` + "`" + `?n` + "`" + `?v'
    condition: sel`,
			[][]Anchor{{{Field: "CommandLine", Needle: "`"}, {Field: "CommandLine", Needle: "{"}, {Field: "CommandLine", Needle: "${"}}}},
		{"a short common literal is no anchor", `
    sel: {CommandLine|re: 'ab.*cd'}
    condition: sel`,
			nil},
		{"an or with an unknown operand is unknown", `
    a: {Image|endswith: '\aaa.exe'}
    f: {CommandLine|contains: 'xyz'}
    condition: a or not f`,
			nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "title: t\nlogsource: {product: windows}\ndetection:" + c.detection + "\n"
			set := Load(sigma.ParseFile("t.yml", []byte(src)), Options{})
			if len(set.Rules) != 1 {
				t.Fatalf("rule did not load")
			}
			got, ok := set.Rules[0].AnchorClauses()
			if ok != (c.want != nil) {
				t.Fatalf("ok = %v, clauses %+v", ok, got)
			}
			if !equalClauses(got, c.want) {
				t.Errorf("clauses\n got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func equalClauses(a, b [][]Anchor) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}
