package attack

import "sort"

// The report types are vigil's stable JSON schema for ATT&CK lookups
// (documented in docs/attack.md). Add fields; never rename or remove them.

// ObjectRef names an object in reports.
type ObjectRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type,omitempty"`
}

// TacticRef names a tactic in reports.
type TacticRef struct {
	ID        string `json:"id"`
	Shortname string `json:"shortname"`
	Name      string `json:"name"`
}

// Release says which data answered a query.
type Release struct {
	Domain  string `json:"domain"`
	Version string `json:"attack_version"`
	View    string `json:"view,omitempty"`
}

func (d *Domain) release() Release { return Release{d.Name, d.Version, d.Overlay} }

// Tactic returns the tactic with the given shortname, if any.
func (d *Domain) Tactic(short string) (Tactic, bool) {
	if p, ok := d.idx.tacticShort[short]; ok {
		return d.Tactics[p], true
	}
	return Tactic{}, false
}

func (d *Domain) tacticRefs(shorts []string) []TacticRef {
	out := []TacticRef{}
	for _, s := range shorts {
		if t, ok := d.Tactic(s); ok {
			out = append(out, TacticRef{t.ID, t.Shortname, t.Name})
		} else {
			out = append(out, TacticRef{Shortname: s})
		}
	}
	return out
}

func (d *Domain) techRef(t int32) ObjectRef {
	return ObjectRef{ID: d.Techniques[t].ID, Name: d.Techniques[t].Name}
}

func (d *Domain) softRef(s int32) ObjectRef {
	return ObjectRef{ID: d.Software[s].ID, Name: d.Software[s].Name, Type: d.Software[s].Type}
}

// refs maps live objects to sorted ObjectRefs.
func refs(ps []int32, meta func(int32) *Meta, ref func(int32) ObjectRef) []ObjectRef {
	out := []ObjectRef{}
	seen := map[int32]bool{}
	for _, p := range ps {
		if !seen[p] && meta(p).Active() {
			seen[p] = true
			out = append(out, ref(p))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (d *Domain) groupRefs(ps []int32) []ObjectRef {
	return refs(ps, func(p int32) *Meta { return &d.Groups[p].Meta },
		func(p int32) ObjectRef { return ObjectRef{ID: d.Groups[p].ID, Name: d.Groups[p].Name} })
}
