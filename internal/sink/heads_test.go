package sink

import (
	"bytes"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
)

// TestHeadsNeverStale writes alerts that share a rule ID but differ in one
// rule or ATT&CK field (a nil tag list against an empty one included): each
// line must be what encodeAlert alone writes for it.
func TestHeadsNeverStale(t *testing.T) {
	variants := []func(a *alert.Alert){
		func(a *alert.Alert) {},
		func(a *alert.Alert) { a.Rule.Title = "Another title" },
		func(a *alert.Alert) { a.Rule.Level = "critical" },
		func(a *alert.Alert) { a.Rule.Status = "stable" },
		func(a *alert.Alert) { a.Rule.Author = "someone else" },
		func(a *alert.Alert) { a.Rule.Path = "other.yml" },
		func(a *alert.Alert) { a.Rule.Tags = nil },
		func(a *alert.Alert) { a.Rule.Tags = []string{} },
		func(a *alert.Alert) { a.Rule.Tags = []string{"attack.t1105"} },
		func(a *alert.Alert) { a.Attack.Techniques = []string{"T1105"} },
		func(a *alert.Alert) { a.Attack.Tactics = nil },
		func(a *alert.Alert) { a.Attack.Notes = []string{"renamed"} },
		func(a *alert.Alert) { a.Attack.EarlierIDs = []string{"T1076"} },
	}
	var b bytes.Buffer
	s := newJSONL(&b)
	for round := 0; round < 2; round++ { // the second round meets cached heads
		for i, v := range variants {
			a := evtxAlert()
			v(a)
			want, err := encodeAlert(nil, a)
			if err != nil {
				t.Fatal(err)
			}
			b.Reset()
			if err := s.Write(a); err != nil {
				t.Fatal(err)
			}
			s.bw.Flush()
			if b.String() != string(want) {
				t.Fatalf("round %d, variant %d: wrote\n%s\nwant\n%s", round, i, b.String(), want)
			}
		}
	}
}
