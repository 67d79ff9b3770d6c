package attack

import (
	"slices"
	"testing"
)

// Alerts from v19-tagged rules must still line up with data labelled in
// ATT&CK 18 IDs; EarlierIDs carries the bridge.
func TestEarlierIDs(t *testing.T) {
	kb := embeddedKB(t)
	cases := []struct {
		tag  string
		want []string
	}{
		{"attack.t1685.005", []string{"T1070.001"}},                                     // renumbered
		{"attack.t1070.001", []string{"T1070.001"}},                                     // old tag resolves forward, earlier ID kept
		{"attack.t1686.003", []string{"T1562.004"}},                                     // new sub: its parent's predecessor
		{"attack.t1685", []string{"T1054", "T1089", "T1562", "T1562.001", "T1562.006"}}, // merged, older revocations too
		{"attack.t1003.001", nil},                                                       // unchanged since 18.1
		{"attack.t1059.003", nil},                                                       // a bundle sub-technique does not borrow its parent's
	}
	for _, c := range cases {
		got := kb.ResolveTag(c.tag).EarlierIDs
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: earlier IDs %v, want %v", c.tag, got, c.want)
		}
	}
}
