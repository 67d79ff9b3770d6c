package attack

import "testing"

func embeddedKB(t testing.TB) *KB {
	t.Helper()
	kb, err := Load(Sources{})
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

func TestEmbeddedIsV19View(t *testing.T) {
	kb := embeddedKB(t)
	ent := kb.Domain(Enterprise)
	if ent == nil || ent.Version != "18.1" || ent.Overlay == "" || kb.Domain(Mobile) == nil || kb.Domain(ICS) == nil {
		t.Fatalf("embedded domains: %+v", kb.Domains)
	}
	var cols []string
	for _, c := range ent.TacticsReport().Tactics {
		cols = append(cols, c.Shortname)
	}
	if len(cols) != 15 || cols[6] != "stealth" || cols[7] != "defense-impairment" {
		t.Errorf("v19 columns: %v", cols)
	}
	ref, err := kb.Find("technique", "T1685", "")
	if err != nil {
		t.Fatal(err)
	}
	rep := ref.TechniqueReport()
	if rep.Name != "Disable or Modify Tools" || len(rep.Tactics) != 1 || rep.Tactics[0].ID != "TA0112" {
		t.Errorf("T1685: %s %v", rep.Name, rep.Tactics)
	}
	if len(rep.Groups) < 20 || len(rep.Subtechniques) < 5 || len(rep.Detection.Strategies) == 0 {
		t.Errorf("T1685 inherits relationships of T1562.001: %d groups, %d subs, %d strategies",
			len(rep.Groups), len(rep.Subtechniques), len(rep.Detection.Strategies))
	}
}

func TestV19TagResolution(t *testing.T) {
	kb := embeddedKB(t)
	cases := []struct {
		tag, kind, tech, tactic string
		note                    bool
	}{
		{"attack.stealth", "tactic", "", "TA0005", false},
		{"attack.defense-impairment", "tactic", "", "TA0112", false},
		{"attack.defense-evasion", "tactic", "", "TA0005", true},
		{"attack.defense_evasion", "tactic", "", "TA0005", true},
		{"attack.t1685", "technique", "T1685", "TA0112", false},
		{"attack.t1562.001", "technique", "T1685", "TA0112", true},
		{"attack.t1070.001", "technique", "T1685.005", "TA0112", true},
		{"attack.T1059.001", "technique", "T1059.001", "TA0002", false},
		{"attack.t1027", "technique", "T1027", "TA0005", false},
		{"attack.g0016", "group", "", "", false},
		{"attack.s0154", "software", "", "", false},
		{"attack.t9999", "unknown", "", "", false},
		{"cve.2021-44228", "other", "", "", false},
	}
	for _, c := range cases {
		r := kb.ResolveTag(c.tag)
		if r.Kind != c.kind {
			t.Errorf("%s: kind %s, want %s", c.tag, r.Kind, c.kind)
			continue
		}
		if c.tech != "" && (r.Technique == nil || r.Technique.ID != c.tech) {
			t.Errorf("%s: technique %v, want %s", c.tag, r.Technique, c.tech)
		}
		if c.tactic != "" && (len(r.Tactics) == 0 || r.Tactics[0].ID != c.tactic) {
			t.Errorf("%s: tactics %v, want %s", c.tag, r.Tactics, c.tactic)
		}
		if c.note != (r.Note != "") {
			t.Errorf("%s: note %q", c.tag, r.Note)
		}
	}
}

// Every technique and tactic tag in SigmaHQ's v19-tagged rules must resolve.
func TestSigmaHQTagsResolve(t *testing.T) {
	shared := sharedDir(t)
	tags := sigmaTags(t, shared)
	if len(tags) < 300 {
		t.Fatalf("only %d distinct attack tags found", len(tags))
	}
	kb := embeddedKB(t)
	for tag := range tags {
		if r := kb.ResolveTag(tag); r.Kind == "unknown" {
			t.Errorf("%s does not resolve", tag)
		}
	}
}
