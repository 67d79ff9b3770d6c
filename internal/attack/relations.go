package attack

import "sort"

// relationships turns relationship objects into edges, parents and revocations.
func (b *builder) relationships(objs []rawObject) {
	d := b.d
	for i := range objs {
		o := &objs[i]
		if o.Type != "relationship" || o.Revoked || o.Deprecated {
			continue
		}
		src, okS := b.pos[o.SourceRef]
		dst, okT := b.pos[o.TargetRef]
		if !okS || !okT {
			continue // points outside this bundle
		}
		sk, tk := b.kind[o.SourceRef], b.kind[o.TargetRef]
		switch o.RelType {
		case "subtechnique-of":
			if sk == "attack-pattern" && tk == "attack-pattern" {
				d.Techniques[src].Parent = dst
			}
		case "revoked-by":
			if sk == tk {
				b.setRevokedBy(sk, src, dst)
			}
		default:
			if k := edgeKind(o.RelType, sk, tk); k != 0 {
				d.Edges = append(d.Edges, Edge{Kind: k, From: src, To: dst})
			}
		}
	}
	d.Edges = sortEdges(d.Edges)
}

func (b *builder) setRevokedBy(kind string, src, dst int32) {
	d := b.d
	switch kind {
	case "attack-pattern":
		d.Techniques[src].RevokedBy = dst
	case "intrusion-set":
		d.Groups[src].RevokedBy = dst
	case "malware", "tool":
		d.Software[src].RevokedBy = dst
	case "campaign":
		d.Campaigns[src].RevokedBy = dst
	case "course-of-action":
		d.Mitigations[src].RevokedBy = dst
	}
}

func isSoftware(kind string) bool { return kind == "malware" || kind == "tool" }

func edgeKind(rel, src, dst string) EdgeKind {
	switch {
	case rel == "uses" && src == "intrusion-set" && dst == "attack-pattern":
		return GroupUsesTechnique
	case rel == "uses" && src == "intrusion-set" && isSoftware(dst):
		return GroupUsesSoftware
	case rel == "uses" && src == "campaign" && dst == "attack-pattern":
		return CampaignUsesTechnique
	case rel == "uses" && src == "campaign" && isSoftware(dst):
		return CampaignUsesSoftware
	case rel == "attributed-to" && src == "campaign" && dst == "intrusion-set":
		return CampaignAttributedTo
	case rel == "uses" && isSoftware(src) && dst == "attack-pattern":
		return SoftwareUsesTechnique
	case rel == "mitigates" && src == "course-of-action" && dst == "attack-pattern":
		return MitigationMitigates
	case rel == "detects" && src == "x-mitre-detection-strategy" && dst == "attack-pattern":
		return StrategyDetects
	case rel == "detects" && src == "x-mitre-data-component" && dst == "attack-pattern":
		return ComponentDetects
	}
	return 0
}

// softRefs resolves references held in fields rather than relationship objects.
func (b *builder) softRefs(objs []rawObject) {
	d := b.d
	for i := range objs {
		o := &objs[i]
		switch o.Type {
		case "x-mitre-data-component":
			if p, ok := b.pos[o.DataSourceRef]; ok && o.DataSourceRef != "" {
				d.DataComponents[b.pos[o.ID]].DataSource = p
			}
		case "x-mitre-detection-strategy":
			s := &d.Strategies[b.pos[o.ID]]
			for _, ref := range o.AnalyticRefs {
				if p, ok := b.pos[ref]; ok {
					s.Analytics = append(s.Analytics, p)
				}
			}
		case "x-mitre-analytic":
			a := &d.Analytics[b.pos[o.ID]]
			for _, ls := range o.LogSourceRefs {
				c, ok := b.pos[ls.ComponentRef]
				if !ok {
					c = None
				}
				a.LogSources = append(a.LogSources, AnalyticLogSource{Component: c, LogSource: LogSource{Name: ls.Name, Channel: ls.Channel}})
			}
		}
	}
}

// sortEdges orders edges and drops duplicates, keeping snapshots byte-stable.
func sortEdges(es []Edge) []Edge {
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	out := es[:0]
	for i, e := range es {
		if i == 0 || e != es[i-1] {
			out = append(out, e)
		}
	}
	return out
}
