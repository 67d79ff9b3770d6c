package alert

import (
	"reflect"
	"testing"
)

func TestAttackFromTags(t *testing.T) {
	got := AttackFromTags([]string{"attack.execution", "attack.t1059.001", "attack.T1105", "attack.g0016", "attack.s0002",
		"attack.stealth", "cve.2021-44228", "detection.threat-hunting", "attack.defense-impairment"})
	want := Attack{Techniques: []string{"T1059.001", "T1105"}, Tactics: []string{"execution", "stealth", "defense-impairment"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v want %+v", got, want)
	}
	if e := AttackFromTags(nil); e.Techniques == nil || e.Tactics == nil {
		t.Error("empty lists must encode as [] not null")
	}
}

func TestTimestamp(t *testing.T) {
	m := map[string]any{"UtcTime": "2024-01-02 03:04:05.000", "time": nil}
	if got := Timestamp(func(f string) (any, bool) { v, ok := m[f]; return v, ok }); got != "2024-01-02 03:04:05.000" {
		t.Errorf("Timestamp = %v", got)
	}
}
