package alert

import (
	"github.com/vigil-sec/vigil/internal/attack"
	"reflect"
	"testing"
)

func TestAttackFromKB(t *testing.T) {
	kb, err := attack.Load(attack.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	got := AttackFromKB(kb, []string{"attack.execution", "attack.t1059.001", "attack.T1105", "attack.g0016", "attack.s0002",
		"attack.defense_evasion", "cve.2021-44228", "detection.threat-hunting", "attack.defense-impairment", "attack.t1562.001"})
	want := Attack{Techniques: []string{"T1059.001", "T1105", "T1685"}, Tactics: []string{"execution", "stealth", "defense-impairment"},
		Notes:      []string{"tactic defense-evasion was renamed stealth in ATT&CK 19.0", "T1562.001 was revoked; replaced by T1685 Disable or Modify Tools"},
		EarlierIDs: []string{"T1086", "T1054", "T1089", "T1562", "T1562.001", "T1562.006"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if e := AttackFromKB(kb, nil); e.Techniques == nil || e.Tactics == nil {
		t.Error("empty lists must encode as [] not null")
	}
	// Without tactic tags, the techniques' tactics are used.
	if e := AttackFromKB(kb, []string{"attack.t1003.001"}); !reflect.DeepEqual(e.Tactics, []string{"credential-access"}) {
		t.Errorf("tactics from technique: %v", e.Tactics)
	}
}
