package event

import (
	"encoding/json"
	"strings"
	"testing"
)

func decode(t *testing.T, s string) Map {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return Map(m)
}

func TestGet(t *testing.T) {
	m := decode(t, `{"a":{"b":{"c":"deep"}},"x.y":"literal","x":{"y":"nested"},"n":4688,"p":{"q.r":"dotkey"},"arr":[{"t":"A"},{"t":"B"},3]}`)
	cases := []struct {
		field, want string
		ok          bool
	}{
		{"a.b.c", "deep", true},
		{"x.y", "literal", true},
		{"n", "4688", true},
		{"p.q.r", "dotkey", true},
		{"arr.t", "", true},
		{"a.b.zz", "", false},
		{"missing", "", false},
	}
	for _, c := range cases {
		v, ok := m.Get(c.field)
		got, _ := v.Text()
		if ok != c.ok || got != c.want {
			t.Errorf("Get(%q) = %q,%v want %q,%v", c.field, got, ok, c.want, c.ok)
		}
	}
	if v, _ := m.Get("arr.t"); v.Len() != 2 || v.Index(1).Raw() != "B" {
		t.Errorf("arr.t = %v", v.Raw())
	}
	if v, _ := m.Get("n"); v.Kind() != Number {
		t.Errorf("n kind %v", v.Kind())
	}
	if f, ok := Of("12.5").Float(); !ok || f != 12.5 {
		t.Errorf("Float of numeric string = %v %v", f, ok)
	}
}

func TestWalk(t *testing.T) {
	m := decode(t, `{"a":{"b":["x",{"c":"y"}]},"d":"z","e":null}`)
	seen := map[string]bool{}
	m.Walk(func(v Value) bool {
		if s, ok := v.Text(); ok {
			seen[s] = true
		}
		return true
	})
	for _, s := range []string{"x", "y", "z"} {
		if !seen[s] {
			t.Errorf("Walk missed %q", s)
		}
	}
	n := 0
	if m.Walk(func(Value) bool { n++; return false }) || n != 1 {
		t.Errorf("Walk did not stop early (n=%d)", n)
	}
}

// Every kind Kind() calls a number must also have a text and a float form,
// or an EVTX-decoded uint64 would compare differently from a JSON number.
func TestNumberKindsAgree(t *testing.T) {
	for _, v := range []any{int(7), int32(7), int64(7), uint32(7), uint64(7), float32(7), float64(7), json.Number("7")} {
		x := Of(v)
		s, ok := x.Text()
		f, fok := x.Float()
		if x.Kind() != Number || !ok || s != "7" || !fok || f != 7 {
			t.Errorf("%T: kind %v text %q/%v float %v/%v", v, x.Kind(), s, ok, f, fok)
		}
	}
}
