package attack

import "testing"

// Every revoked technique in 18.1 with a revoked-by must resolve to its live replacement.
func TestRevokedIDLeadsToReplacement(t *testing.T) {
	const name = "enterprise-attack-18.1.json.gz"
	raw := rawBundle(t, name)
	byID := map[string]map[string]any{}
	for _, o := range raw {
		byID[o["id"].(string)] = o
	}
	kb, _ := NewKB(bundle(t, name))
	checked := 0
	for _, o := range raw {
		if o["type"] != "relationship" || o["relationship_type"] != "revoked-by" {
			continue
		}
		old, repl := byID[o["source_ref"].(string)], byID[o["target_ref"].(string)]
		if old["type"] != "attack-pattern" || !rawActive(repl) {
			continue
		}
		oldID, newID := rawExtID(old), rawExtID(repl)
		ref, err := kb.Find("technique", oldID, "")
		if err != nil {
			t.Fatalf("%s: %v", oldID, err)
		}
		rep := ref.TechniqueReport()
		if rep.ID != newID || rep.ResolvedFrom == nil || rep.ResolvedFrom.ID != oldID {
			t.Errorf("%s resolved to %s (from %v), want %s", oldID, rep.ID, rep.ResolvedFrom, newID)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d revoked techniques checked", checked)
	}
}

func TestNotFoundSuggests(t *testing.T) {
	kb, _ := NewKB(bundle(t, "enterprise-attack-18.1.json.gz"))
	cases := []struct{ kind, query, want string }{
		{"technique", "T1059.01", "T1059.001 PowerShell"},
		{"technique", "Powershel", "T1059.001 PowerShell"},
		{"group", "APT 2", "G0007 APT28"},
		{"technique", "T9999", ""},
	}
	for _, c := range cases {
		_, err := kb.Find(c.kind, c.query, "")
		nf, ok := err.(*NotFoundError)
		if !ok {
			t.Fatalf("%q: error %v, want NotFoundError", c.query, err)
		}
		if c.want == "" {
			continue
		}
		if !containsStr(nf.Suggestions, c.want) {
			t.Errorf("%q: suggestions %v lack %q", c.query, nf.Suggestions, c.want)
		}
	}
}

func TestFindByNameAliasAndURLForm(t *testing.T) {
	kb, _ := NewKB(bundle(t, "enterprise-attack-18.1.json.gz"))
	for q, want := range map[string]string{"powershell": "T1059.001", "t1059/001": "T1059.001", "Cozy Bear": "G0016", "NOBELIUM": "G0016", "cobalt strike": "S0154"} {
		kind := "technique"
		if want[0] == 'G' {
			kind = "group"
		} else if want[0] == 'S' {
			kind = "software"
		}
		ref, err := kb.Find(kind, q, "")
		if err != nil || ref.Meta().ID != want {
			t.Errorf("%q: %v %v, want %s", q, ref.Meta(), err, want)
		}
	}
}
