package attack

import "sort"

// Provenance says how a group comes to use a technique.
type Provenance struct {
	Kind string // "direct", "campaign" or "software"
	Ref  int32  // campaign or software index; None for direct
}

// TechniqueUse is one technique in a group's technique set.
type TechniqueUse struct {
	Technique int32
	Via       []Provenance
}

// GroupTechniques returns the live techniques group g uses: directly, through
// campaigns attributed to it, and (when withSoftware) through the software it
// or its campaigns use. Sorted by technique ID; each carries every path.
func (d *Domain) GroupTechniques(g int32, withSoftware bool) []TechniqueUse {
	via := map[int32][]Provenance{}
	add := func(t int32, p Provenance) {
		if !d.Techniques[t].Active() {
			return
		}
		for _, q := range via[t] {
			if q == p {
				return
			}
		}
		via[t] = append(via[t], p)
	}
	for _, t := range d.Out(GroupUsesTechnique, g) {
		add(t, Provenance{"direct", None})
	}
	campaigns := d.GroupCampaigns(g)
	for _, c := range campaigns {
		for _, t := range d.Out(CampaignUsesTechnique, c) {
			add(t, Provenance{"campaign", c})
		}
	}
	if withSoftware {
		for _, s := range d.GroupSoftware(g) {
			for _, t := range d.Out(SoftwareUsesTechnique, s) {
				add(t, Provenance{"software", s})
			}
		}
	}
	out := make([]TechniqueUse, 0, len(via))
	for t, v := range via {
		sort.SliceStable(v, func(i, j int) bool { return provRank(v[i]) < provRank(v[j]) })
		out = append(out, TechniqueUse{t, v})
	}
	sort.Slice(out, func(i, j int) bool { return d.Techniques[out[i].Technique].ID < d.Techniques[out[j].Technique].ID })
	return out
}

func provRank(p Provenance) int {
	r := map[string]int{"direct": 0, "campaign": 1, "software": 2}[p.Kind]
	return r*1_000_000 + int(p.Ref)
}

// GroupCampaigns lists the live campaigns attributed to group g.
func (d *Domain) GroupCampaigns(g int32) []int32 {
	var out []int32
	for _, c := range d.In(CampaignAttributedTo, g) {
		if d.Campaigns[c].Active() {
			out = append(out, c)
		}
	}
	return out
}

// GroupSoftware lists the live software group g uses directly or through its campaigns.
func (d *Domain) GroupSoftware(g int32) []int32 {
	seen := map[int32]bool{}
	var out []int32
	add := func(s int32) {
		if !seen[s] && d.Software[s].Active() {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range d.Out(GroupUsesSoftware, g) {
		add(s)
	}
	for _, c := range d.GroupCampaigns(g) {
		for _, s := range d.Out(CampaignUsesSoftware, c) {
			add(s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return d.Software[out[i]].ID < d.Software[out[j]].ID })
	return out
}
