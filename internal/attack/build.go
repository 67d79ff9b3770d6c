package attack

import (
	"fmt"
	"sort"
	"strings"
)

// buildDomain turns one bundle's objects into a Domain.
func buildDomain(objs []rawObject) (*Domain, error) {
	d := &Domain{}
	b := builder{d: d, pos: map[string]int32{}}
	if err := b.header(objs); err != nil {
		return nil, err
	}
	b.objects(objs)
	b.tactics(objs)
	b.techniqueTactics(objs)
	b.relationships(objs)
	b.softRefs(objs)
	d.Model = detectionModel(d)
	d.reindex()
	return d, nil
}

type builder struct {
	d       *Domain
	sources []string
	pos     map[string]int32 // STIX id → index in its kind's slice
	kind    map[string]string
}

// header reads the collection object and decides the domain.
func (b *builder) header(objs []rawObject) error {
	d := b.d
	for i := range objs {
		o := &objs[i]
		switch o.Type {
		case "x-mitre-collection":
			d.Title, d.Version, d.SpecVersion, d.Modified = o.Name, o.Version, o.AttackSpec, o.Modified
		case "x-mitre-matrix":
			for _, r := range o.ExtRefs {
				if dom, ok := ShortDomain(r.ExternalID); ok && d.Name == "" {
					d.Name = dom
				}
			}
		}
	}
	if d.Name == "" {
		d.Name = majorityDomain(objs)
	}
	if d.Name == "" {
		return &FormatError{Offset: -1, Reason: "not an ATT&CK bundle: no x-mitre-matrix and no object names an ATT&CK domain"}
	}
	if d.Version == "" {
		return &FormatError{Offset: -1, Reason: "not an ATT&CK release bundle: no x-mitre-collection object with x_mitre_version"}
	}
	if d.MajorVersion() < 17 {
		return &FormatError{Offset: -1, Reason: fmt.Sprintf("ATT&CK %s is too old: vigil reads releases 17.0 and newer", d.Version)}
	}
	b.sources = attackSources(d.Name)
	return nil
}

func majorityDomain(objs []rawObject) string {
	count := map[string]int{}
	for _, o := range objs {
		if o.Type == "attack-pattern" {
			for _, dom := range o.Domains {
				count[dom]++
			}
		}
	}
	best, n := "", 0
	for _, dom := range []string{Enterprise, Mobile, ICS} {
		if count[dom] > n {
			best, n = dom, count[dom]
		}
	}
	return best
}

func (b *builder) meta(o *rawObject) Meta {
	m := Meta{STIXID: o.ID, Name: o.Name, Description: FirstParagraph(o.Description),
		Modified: o.Modified, Revoked: o.Revoked, Deprecated: o.Deprecated, RevokedBy: None}
	for _, src := range b.sources {
		for _, r := range o.ExtRefs {
			if r.SourceName == src && r.ExternalID != "" && m.ID == "" {
				m.ID, m.URL = r.ExternalID, r.URL
			}
		}
	}
	return m
}

// objects fills the per-kind slices in a stable order (ATT&CK ID, then STIX id).
func (b *builder) objects(objs []rawObject) {
	sorted := make([]*rawObject, 0, len(objs))
	for i := range objs {
		sorted = append(sorted, &objs[i])
	}
	ids := make(map[*rawObject]string, len(objs))
	for _, o := range sorted {
		ids[o] = b.meta(o).ID
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		a, c := sorted[i], sorted[j]
		if ids[a] != ids[c] {
			return ids[a] < ids[c]
		}
		return a.ID < c.ID
	})
	d := b.d
	b.kind = map[string]string{}
	for _, o := range sorted {
		m := b.meta(o)
		var n int
		switch o.Type {
		case "attack-pattern":
			n = len(d.Techniques)
			d.Techniques = append(d.Techniques, Technique{Meta: m, Platforms: o.Platforms, IsSub: o.IsSub, Parent: None})
		case "intrusion-set":
			n = len(d.Groups)
			d.Groups = append(d.Groups, Group{Meta: m, Aliases: o.Aliases})
		case "campaign":
			n = len(d.Campaigns)
			d.Campaigns = append(d.Campaigns, Campaign{Meta: m, Aliases: o.Aliases, FirstSeen: o.FirstSeen, LastSeen: o.LastSeen})
		case "malware", "tool":
			n = len(d.Software)
			d.Software = append(d.Software, Software{Meta: m, Type: o.Type, Aliases: o.MitreAliases, Platforms: o.Platforms})
		case "course-of-action":
			n = len(d.Mitigations)
			d.Mitigations = append(d.Mitigations, Mitigation{Meta: m})
		case "x-mitre-data-source":
			n = len(d.DataSources)
			d.DataSources = append(d.DataSources, DataSource{Meta: m, Platforms: o.Platforms})
		case "x-mitre-data-component":
			n = len(d.DataComponents)
			d.DataComponents = append(d.DataComponents, DataComponent{Meta: m, DataSource: None, LogSources: o.LogSources})
		case "x-mitre-detection-strategy":
			n = len(d.Strategies)
			d.Strategies = append(d.Strategies, DetectionStrategy{Meta: m})
		case "x-mitre-analytic":
			n = len(d.Analytics)
			d.Analytics = append(d.Analytics, Analytic{Meta: m, Platforms: o.Platforms})
		default:
			continue
		}
		b.pos[o.ID] = int32(n)
		b.kind[o.ID] = o.Type
	}
}

// tactics orders tactics as the active matrices list them; tactics no active
// matrix names follow, so they stay resolvable.
func (b *builder) tactics(objs []rawObject) {
	byID := map[string]*rawObject{}
	var matrices []*rawObject
	for i := range objs {
		o := &objs[i]
		switch o.Type {
		case "x-mitre-tactic":
			byID[o.ID] = o
		case "x-mitre-matrix":
			matrices = append(matrices, o)
		}
	}
	sort.SliceStable(matrices, func(i, j int) bool {
		return !(matrices[i].Revoked || matrices[i].Deprecated) && (matrices[j].Revoked || matrices[j].Deprecated)
	})
	seen := map[string]bool{}
	add := func(o *rawObject) {
		if o == nil || seen[o.ID] {
			return
		}
		seen[o.ID] = true
		b.d.Tactics = append(b.d.Tactics, Tactic{Meta: b.meta(o), Shortname: o.Shortname})
	}
	for _, m := range matrices {
		if m.Revoked || m.Deprecated {
			continue
		}
		for _, ref := range m.TacticRefs {
			add(byID[ref])
		}
	}
	var rest []*rawObject
	for _, o := range byID {
		if !seen[o.ID] {
			rest = append(rest, o)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].ID < rest[j].ID })
	for _, o := range rest {
		add(o)
	}
}

func (b *builder) techniqueTactics(objs []rawObject) {
	for i := range objs {
		o := &objs[i]
		if o.Type != "attack-pattern" {
			continue
		}
		var phases []string
		for _, k := range o.KillChain {
			if strings.HasPrefix(k.KillChainName, "mitre-") {
				phases = append(phases, k.PhaseName)
			}
		}
		b.d.Techniques[b.pos[o.ID]].Tactics = b.d.orderTactics(phases)
	}
}

// orderTactics sorts and dedupes shortnames by matrix order; unknown ones go last.
func (d *Domain) orderTactics(names []string) []string {
	rank := func(s string) int {
		for i := range d.Tactics {
			if d.Tactics[i].Shortname == s {
				return i
			}
		}
		return len(d.Tactics)
	}
	var out []string // nil when empty, as a snapshot decodes it
	for _, n := range names {
		dup := false
		for _, o := range out {
			dup = dup || o == n
		}
		if !dup {
			out = append(out, n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

func detectionModel(d *Domain) string {
	for _, e := range d.Edges {
		if e.Kind == StrategyDetects {
			return ModelDetectionStrategies
		}
	}
	for _, e := range d.Edges {
		if e.Kind == ComponentDetects {
			return ModelDataComponents
		}
	}
	if len(d.Strategies) > 0 {
		return ModelDetectionStrategies
	}
	return ""
}
