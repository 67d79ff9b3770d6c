package attack

// TechniqueReport is `vigil attack technique --format json`.
type TechniqueReport struct {
	Release
	ID            string          `json:"id"`
	Name          string          `json:"name"`
	URL           string          `json:"url"`
	Description   string          `json:"description"`
	Tactics       []TacticRef     `json:"tactics"`
	Platforms     []string        `json:"platforms"`
	IsSub         bool            `json:"is_subtechnique"`
	Parent        *ObjectRef      `json:"parent"`
	Subtechniques []ObjectRef     `json:"subtechniques"`
	Deprecated    bool            `json:"deprecated"`
	ResolvedFrom  *ObjectRef      `json:"resolved_from"` // the revoked technique the query named
	Detection     DetectionReport `json:"detection"`
	Groups        []ObjectRef     `json:"groups"`
	Campaigns     []ObjectRef     `json:"campaigns"`
	Software      []ObjectRef     `json:"software"`
	Mitigations   []ObjectRef     `json:"mitigations"`
}

// DetectionReport is how a technique can be detected, in the domain's model.
type DetectionReport struct {
	Model          string            `json:"model"`
	Strategies     []StrategyReport  `json:"strategies"`
	DataComponents []ComponentReport `json:"data_components"`
}

// StrategyReport is a v18+ detection strategy with its analytics.
type StrategyReport struct {
	ID        string           `json:"id"`
	Name      string           `json:"name"`
	Analytics []AnalyticReport `json:"analytics"`
}

// AnalyticReport is one platform's analytic and the log sources it reads.
type AnalyticReport struct {
	ID         string            `json:"id"`
	Platforms  []string          `json:"platforms"`
	LogSources []LogSourceReport `json:"log_sources"`
}

// LogSourceReport is a data component as logged by one source.
type LogSourceReport struct {
	DataComponent ObjectRef `json:"data_component"`
	Name          string    `json:"name"`
	Channel       string    `json:"channel"`
}

// ComponentReport is a data component that sees the technique.
type ComponentReport struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	DataSource *ObjectRef `json:"data_source,omitempty"`
}

// TechniqueReport describes technique ref, following a revocation to its replacement.
func (r Ref) TechniqueReport() TechniqueReport {
	d, t := r.Domain, r.Pos
	var from *ObjectRef
	if live := d.live(t); live != t {
		from = &ObjectRef{ID: d.Techniques[t].ID, Name: d.Techniques[t].Name}
		t = live
	}
	tech := &d.Techniques[t]
	rep := TechniqueReport{Release: d.release(), ID: tech.ID, Name: tech.Name, URL: tech.URL,
		Description: tech.Description, Tactics: d.tacticRefs(tech.Tactics), Platforms: nonNil(tech.Platforms),
		IsSub: tech.IsSub, Deprecated: tech.Deprecated || tech.Revoked, ResolvedFrom: from}
	if tech.Parent != None {
		p := d.techRef(tech.Parent)
		rep.Parent = &p
	}
	techMeta := func(p int32) *Meta { return &d.Techniques[p].Meta }
	rep.Subtechniques = refs(d.Subtechniques(t), techMeta, d.techRef)
	rep.Detection = d.detection(t)
	rep.Groups = d.groupRefs(d.In(GroupUsesTechnique, t))
	rep.Campaigns = refs(d.In(CampaignUsesTechnique, t), func(p int32) *Meta { return &d.Campaigns[p].Meta },
		func(p int32) ObjectRef { return ObjectRef{ID: d.Campaigns[p].ID, Name: d.Campaigns[p].Name} })
	rep.Software = refs(d.In(SoftwareUsesTechnique, t), func(p int32) *Meta { return &d.Software[p].Meta }, d.softRef)
	rep.Mitigations = refs(d.In(MitigationMitigates, t), func(p int32) *Meta { return &d.Mitigations[p].Meta },
		func(p int32) ObjectRef { return ObjectRef{ID: d.Mitigations[p].ID, Name: d.Mitigations[p].Name} })
	return rep
}

func (d *Domain) detection(t int32) DetectionReport {
	rep := DetectionReport{Model: d.Model, Strategies: []StrategyReport{}, DataComponents: []ComponentReport{}}
	comps := map[int32]bool{}
	addComp := func(c int32) {
		if c == None || comps[c] || !d.DataComponents[c].Active() {
			return
		}
		comps[c] = true
		dc := d.DataComponents[c]
		cr := ComponentReport{ID: dc.ID, Name: dc.Name}
		if dc.DataSource != None {
			ds := d.DataSources[dc.DataSource]
			cr.DataSource = &ObjectRef{ID: ds.ID, Name: ds.Name}
		}
		rep.DataComponents = append(rep.DataComponents, cr)
	}
	for _, s := range d.In(StrategyDetects, t) {
		st := d.Strategies[s]
		if !st.Active() {
			continue
		}
		sr := StrategyReport{ID: st.ID, Name: st.Name, Analytics: []AnalyticReport{}}
		for _, a := range st.Analytics {
			an := d.Analytics[a]
			if !an.Active() {
				continue
			}
			ar := AnalyticReport{ID: an.ID, Platforms: nonNil(an.Platforms), LogSources: []LogSourceReport{}}
			for _, ls := range an.LogSources {
				var dc ObjectRef
				if ls.Component != None {
					dc = ObjectRef{ID: d.DataComponents[ls.Component].ID, Name: d.DataComponents[ls.Component].Name}
				}
				addComp(ls.Component)
				ar.LogSources = append(ar.LogSources, LogSourceReport{DataComponent: dc, Name: ls.Name, Channel: ls.Channel})
			}
			sr.Analytics = append(sr.Analytics, ar)
		}
		rep.Strategies = append(rep.Strategies, sr)
	}
	for _, c := range d.In(ComponentDetects, t) {
		addComp(c)
	}
	return rep
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
