package attack

import "strings"

// index holds the lookup tables derived from a Domain's slices.
type index struct {
	tech, group, soft, camp, mitig, strat, comp, anal, tactic, dsrc map[string]int32 // by upper-case ATT&CK ID
	tacticShort                                                     map[string]int32
	names                                                           map[string][]nameRef // normalised name or alias
	out, in                                                         map[EdgeKind][][]int32
	subs                                                            [][]int32
}

// nameRef points at a named object of some kind.
type nameRef struct {
	Kind string // "technique", "group", "software", "campaign", "mitigation", "tactic"
	Pos  int32
}

func idMap[T any](items []T, meta func(*T) *Meta) map[string]int32 {
	m := make(map[string]int32, len(items))
	for i := range items {
		if id := meta(&items[i]).ID; id != "" {
			m[strings.ToUpper(id)] = int32(i)
		}
	}
	return m
}

// reindex rebuilds every derived table; call it after any change to the slices.
func (d *Domain) reindex() {
	x := &index{names: map[string][]nameRef{}}
	x.tech = idMap(d.Techniques, func(t *Technique) *Meta { return &t.Meta })
	x.group = idMap(d.Groups, func(t *Group) *Meta { return &t.Meta })
	x.soft = idMap(d.Software, func(t *Software) *Meta { return &t.Meta })
	x.camp = idMap(d.Campaigns, func(t *Campaign) *Meta { return &t.Meta })
	x.mitig = idMap(d.Mitigations, func(t *Mitigation) *Meta { return &t.Meta })
	x.strat = idMap(d.Strategies, func(t *DetectionStrategy) *Meta { return &t.Meta })
	x.comp = idMap(d.DataComponents, func(t *DataComponent) *Meta { return &t.Meta })
	x.anal = idMap(d.Analytics, func(t *Analytic) *Meta { return &t.Meta })
	x.dsrc = idMap(d.DataSources, func(t *DataSource) *Meta { return &t.Meta })
	x.tactic = idMap(d.Tactics, func(t *Tactic) *Meta { return &t.Meta })
	x.tacticShort = map[string]int32{}
	for i, t := range d.Tactics {
		x.tacticShort[t.Shortname] = int32(i)
		x.addName("tactic", int32(i), t.Name)
	}
	for i, t := range d.Techniques {
		x.addName("technique", int32(i), t.Name)
	}
	for i, g := range d.Groups {
		x.addName("group", int32(i), g.Name, g.Aliases...)
	}
	for i, s := range d.Software {
		x.addName("software", int32(i), s.Name, s.Aliases...)
	}
	for i, c := range d.Campaigns {
		x.addName("campaign", int32(i), c.Name, c.Aliases...)
	}
	for i, m := range d.Mitigations {
		x.addName("mitigation", int32(i), m.Name)
	}
	x.out, x.in = map[EdgeKind][][]int32{}, map[EdgeKind][][]int32{}
	for _, e := range d.Edges {
		from, to := d.kindLen(e.Kind)
		if x.out[e.Kind] == nil {
			x.out[e.Kind], x.in[e.Kind] = make([][]int32, from), make([][]int32, to)
		}
		x.out[e.Kind][e.From] = append(x.out[e.Kind][e.From], e.To)
		x.in[e.Kind][e.To] = append(x.in[e.Kind][e.To], e.From)
	}
	x.subs = make([][]int32, len(d.Techniques))
	for i, t := range d.Techniques {
		if t.Parent != None {
			x.subs[t.Parent] = append(x.subs[t.Parent], int32(i))
		}
	}
	d.idx = x
}

func (x *index) addName(kind string, pos int32, name string, aliases ...string) {
	seen := map[string]bool{}
	for _, n := range append([]string{name}, aliases...) {
		k := normalise(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		x.names[k] = append(x.names[k], nameRef{kind, pos})
	}
}

// kindLen returns the lengths of the slices an edge kind's ends index.
func (d *Domain) kindLen(k EdgeKind) (from, to int) {
	to = len(d.Techniques)
	switch k {
	case GroupUsesTechnique:
		from = len(d.Groups)
	case GroupUsesSoftware:
		from, to = len(d.Groups), len(d.Software)
	case CampaignUsesTechnique:
		from = len(d.Campaigns)
	case CampaignUsesSoftware:
		from, to = len(d.Campaigns), len(d.Software)
	case CampaignAttributedTo:
		from, to = len(d.Campaigns), len(d.Groups)
	case SoftwareUsesTechnique:
		from = len(d.Software)
	case MitigationMitigates:
		from = len(d.Mitigations)
	case StrategyDetects:
		from = len(d.Strategies)
	case ComponentDetects:
		from = len(d.DataComponents)
	}
	return from, to
}

// Out lists the To ends of edges of kind k leaving from.
func (d *Domain) Out(k EdgeKind, from int32) []int32 {
	if s := d.idx.out[k]; int(from) < len(s) {
		return s[from]
	}
	return nil
}

// In lists the From ends of edges of kind k arriving at to.
func (d *Domain) In(k EdgeKind, to int32) []int32 {
	if s := d.idx.in[k]; int(to) < len(s) {
		return s[to]
	}
	return nil
}

// Subtechniques lists a technique's sub-techniques (revoked ones included).
func (d *Domain) Subtechniques(t int32) []int32 { return d.idx.subs[t] }
