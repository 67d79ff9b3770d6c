package sink

import (
	"slices"

	"github.com/vigil-sec/vigil/internal/alert"
)

// Every alert of a rule starts with the same rule and ATT&CK objects,
// about 40% of a line, and a busy rule fires thousands of times. heads
// keeps the encoded head of the last alert of each rule ID and reuses it
// for an alert whose rule and ATT&CK fields equal those it was encoded
// from (compared field by field; strings shared with the rule compare at
// once), so a head is never stale.
type heads struct {
	byID map[string]*head
}

type head struct {
	rule   alert.Rule
	attack alert.Attack
	bytes  []byte
}

// maxHeads bounds the cache; past it, it starts over.
const maxHeads = 8192

// append appends a's head to dst, from the cache when it can.
func (hs *heads) append(dst []byte, a *alert.Alert) []byte {
	if h, ok := hs.byID[a.Rule.ID]; ok && sameRule(&h.rule, &a.Rule) && sameAttack(&h.attack, &a.Attack) {
		return append(dst, h.bytes...)
	}
	start := len(dst)
	dst = appendHead(dst, a)
	if hs.byID == nil || len(hs.byID) >= maxHeads {
		hs.byID = map[string]*head{}
	}
	hs.byID[a.Rule.ID] = &head{rule: a.Rule, attack: a.Attack, bytes: slices.Clone(dst[start:])}
	return dst
}

func sameRule(x, y *alert.Rule) bool {
	return x.ID == y.ID && x.Title == y.Title && x.Level == y.Level && x.Status == y.Status &&
		x.Author == y.Author && x.Path == y.Path && sameStrings(x.Tags, y.Tags)
}

func sameAttack(x, y *alert.Attack) bool {
	return sameStrings(x.Techniques, y.Techniques) && sameStrings(x.Tactics, y.Tactics) &&
		sameStrings(x.Notes, y.Notes) && sameStrings(x.EarlierIDs, y.EarlierIDs)
}

// sameStrings is slices.Equal that also tells nil from empty: the two
// encode differently (null and []).
func sameStrings(x, y []string) bool {
	return (x == nil) == (y == nil) && slices.Equal(x, y)
}
