package attack

// GroupReport is `vigil attack group --format json`.
type GroupReport struct {
	Release
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	Aliases         []string         `json:"aliases"`
	URL             string           `json:"url"`
	Description     string           `json:"description"`
	Modified        string           `json:"modified"`
	ResolvedFrom    *ObjectRef       `json:"resolved_from"`
	IncludeSoftware bool             `json:"include_software"`
	Techniques      []GroupTechnique `json:"techniques"`
	Campaigns       []CampaignRef    `json:"campaigns"`
	Software        []ObjectRef      `json:"software"`
}

// GroupTechnique is one technique with every path by which the group uses it.
type GroupTechnique struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Tactics    []string        `json:"tactics"`
	Provenance []ProvenanceRef `json:"provenance"`
}

// ProvenanceRef is "direct", or the campaign or software that brings a technique.
type ProvenanceRef struct {
	Kind string `json:"kind"`
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// CampaignRef is a campaign with its active period.
type CampaignRef struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	FirstSeen string `json:"first_seen"`
	LastSeen  string `json:"last_seen"`
}

// GroupReport describes group ref, following a revocation to its replacement.
func (r Ref) GroupReport(withSoftware bool) GroupReport {
	d, g := r.Domain, r.Pos
	var from *ObjectRef
	for hops := 0; hops < 16 && d.Groups[g].Revoked && d.Groups[g].RevokedBy != None; hops++ {
		if from == nil {
			from = &ObjectRef{ID: d.Groups[g].ID, Name: d.Groups[g].Name}
		}
		g = d.Groups[g].RevokedBy
	}
	grp := &d.Groups[g]
	rep := GroupReport{Release: d.release(), ID: grp.ID, Name: grp.Name, Aliases: nonNil(grp.Aliases), URL: grp.URL,
		Description: grp.Description, Modified: grp.Modified, ResolvedFrom: from, IncludeSoftware: withSoftware,
		Techniques: []GroupTechnique{}, Campaigns: []CampaignRef{}, Software: []ObjectRef{}}
	for _, u := range d.GroupTechniques(g, withSoftware) {
		t := &d.Techniques[u.Technique]
		gt := GroupTechnique{ID: t.ID, Name: t.Name, Tactics: nonNil(t.Tactics)}
		for _, p := range u.Via {
			pr := ProvenanceRef{Kind: p.Kind}
			switch p.Kind {
			case "campaign":
				pr.ID, pr.Name = d.Campaigns[p.Ref].ID, d.Campaigns[p.Ref].Name
			case "software":
				pr.ID, pr.Name = d.Software[p.Ref].ID, d.Software[p.Ref].Name
			}
			gt.Provenance = append(gt.Provenance, pr)
		}
		rep.Techniques = append(rep.Techniques, gt)
	}
	for _, c := range d.GroupCampaigns(g) {
		cp := d.Campaigns[c]
		rep.Campaigns = append(rep.Campaigns, CampaignRef{cp.ID, cp.Name, cp.FirstSeen, cp.LastSeen})
	}
	for _, s := range d.GroupSoftware(g) {
		rep.Software = append(rep.Software, d.softRef(s))
	}
	return rep
}
