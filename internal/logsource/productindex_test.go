package logsource

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
)

// opaque hides a Flat's type, so Product takes the search per condition.
type opaque struct{ *event.Flat }

// TestProductIndexAgreesWithSearch: the one-pass recogniser names the same
// product as searching every condition, on random flat events built from
// the built-in pipelines' own condition fields and values (any case,
// duplicated keys, numbers, arrays, empty and long keys).
func TestProductIndexAgreesWithSearch(t *testing.T) {
	builtin, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMapping(builtin, nil)
	if m.index == nil {
		t.Fatal("no index for the built-in pipelines")
	}
	var keys, vals []string
	for _, p := range m.products {
		for _, c := range p.Conditions {
			keys = append(keys, c.Field)
			vals = append(vals, c.Values...)
		}
	}
	keys = append(keys, "Computer", "EventRecordID", "channel", "Channel ", "", strings.Repeat("k", 70), "id", "e")
	vals = append(vals, "Security", "x", "", "1")
	rng := rand.New(rand.NewSource(7))
	recognised := map[string]int{}
	for round := 0; round < 200000; round++ {
		f := &event.Flat{}
		for n := rng.Intn(8); n > 0; n-- {
			v := vals[rng.Intn(len(vals))]
			if rng.Intn(3) == 0 {
				v = strings.ToUpper(v)
			}
			var val event.Value
			switch rng.Intn(6) {
			case 0:
				val = event.NumText("4624")
			case 1:
				val = event.Of([]any{v})
			default:
				val = event.Str(v)
			}
			f.Fields = append(f.Fields, event.Field{Key: keys[rng.Intn(len(keys))], Val: val})
		}
		got, want := m.Product(f), m.Product(opaque{f})
		if got != want {
			t.Fatalf("%v: index says %v, search says %v", f.Fields, name(got), name(want))
		}
		recognised[name(got)]++
	}
	t.Logf("products recognised: %v", recognised)
	if len(recognised) < 6 {
		t.Errorf("too few products recognised to tell anything: %v", recognised)
	}
}

func name(p *ProductRule) string {
	if p == nil {
		return "none"
	}
	return p.Product + " " + p.Range.String()
}
