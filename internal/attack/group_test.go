package attack

import (
	"sort"
	"testing"
)

// groupTechniquesRaw computes a group's direct + campaign technique IDs from
// the generic JSON, independently of the model.
func groupTechniquesRaw(t *testing.T, name, gid string) (direct, viaCampaign map[string]bool) {
	raw := rawBundle(t, name)
	byID := map[string]map[string]any{}
	var group string
	for _, o := range raw {
		byID[o["id"].(string)] = o
		if o["type"] == "intrusion-set" && rawExtID(o) == gid {
			group = o["id"].(string)
		}
	}
	campaigns := map[string]bool{}
	for _, o := range raw {
		if o["type"] == "relationship" && o["relationship_type"] == "attributed-to" && o["target_ref"] == group && rawActive(byID[o["source_ref"].(string)]) {
			campaigns[o["source_ref"].(string)] = true
		}
	}
	direct, viaCampaign = map[string]bool{}, map[string]bool{}
	for _, o := range raw {
		if o["type"] != "relationship" || o["relationship_type"] != "uses" {
			continue
		}
		tgt := byID[o["target_ref"].(string)]
		if tgt == nil || tgt["type"] != "attack-pattern" || !rawActive(tgt) {
			continue
		}
		if o["source_ref"] == group {
			direct[rawExtID(tgt)] = true
		}
		if campaigns[o["source_ref"].(string)] {
			viaCampaign[rawExtID(tgt)] = true
		}
	}
	return direct, viaCampaign
}

func TestGroupTechniquesWithProvenance(t *testing.T) {
	const name = "enterprise-attack-18.1.json.gz"
	d := bundle(t, name)
	kb, _ := NewKB(d)
	for _, gid := range []string{"G0016", "G0032", "G0034", "G0096"} { // APT29, Lazarus, Sandworm, APT41
		direct, viaCampaign := groupTechniquesRaw(t, name, gid)
		ref, err := kb.Find("group", gid, "")
		if err != nil {
			t.Fatal(err)
		}
		rep := ref.GroupReport(false)
		got := map[string][]string{}
		for _, tu := range rep.Techniques {
			for _, p := range tu.Provenance {
				got[tu.ID] = append(got[tu.ID], p.Kind)
			}
		}
		want := map[string]bool{}
		for id := range direct {
			want[id] = true
		}
		for id := range viaCampaign {
			want[id] = true
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d techniques, independent count %d", gid, len(got), len(want))
		}
		for id := range want {
			kinds := got[id]
			if direct[id] && !containsStr(kinds, "direct") {
				t.Errorf("%s %s: missing direct provenance (got %v)", gid, id, kinds)
			}
			if viaCampaign[id] && !containsStr(kinds, "campaign") {
				t.Errorf("%s %s: missing campaign provenance (got %v)", gid, id, kinds)
			}
		}
		if len(viaCampaign) == 0 {
			t.Errorf("%s: expected campaign-attributed techniques in the data", gid)
		}
		withSoft := ref.GroupReport(true)
		if len(withSoft.Techniques) <= len(rep.Techniques) {
			t.Errorf("%s: software adds no techniques (%d vs %d)", gid, len(withSoft.Techniques), len(rep.Techniques))
		}
	}
}

func TestAPT29SolarWindsProvenance(t *testing.T) {
	d := bundle(t, "enterprise-attack-18.1.json.gz")
	kb, _ := NewKB(d)
	ref, err := kb.Find("group", "apt29", "")
	if err != nil {
		t.Fatal(err)
	}
	rep := ref.GroupReport(false)
	if rep.ID != "G0016" {
		t.Fatalf("apt29 resolved to %s", rep.ID)
	}
	var campaigns []string
	for _, c := range rep.Campaigns {
		campaigns = append(campaigns, c.ID+" "+c.Name)
	}
	sort.Strings(campaigns)
	found := false
	for _, tu := range rep.Techniques {
		for _, p := range tu.Provenance {
			found = found || (p.Kind == "campaign" && p.ID == "C0024")
		}
	}
	if !found {
		t.Errorf("no technique attributed through C0024 SolarWinds Compromise; campaigns: %v", campaigns)
	}
}

func containsStr(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
