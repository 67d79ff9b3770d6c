package attack

import (
	"sort"
	"strings"
)

// TacticsReport is `vigil attack tactics --format json`: columns in matrix order.
type TacticsReport struct {
	Release
	Tactics []TacticColumn `json:"tactics"`
}

// TacticColumn is a tactic with its count of live techniques and sub-techniques.
type TacticColumn struct {
	TacticRef
	Techniques    int `json:"techniques"`
	Subtechniques int `json:"subtechniques"`
}

// TacticsReport lists the domain's live tactics in matrix order.
func (d *Domain) TacticsReport() TacticsReport {
	rep := TacticsReport{Release: d.release(), Tactics: []TacticColumn{}}
	for _, t := range d.Tactics {
		if !t.Active() {
			continue
		}
		col := TacticColumn{TacticRef: TacticRef{t.ID, t.Shortname, t.Name}}
		for _, tech := range d.Techniques {
			if tech.Active() && contains(tech.Tactics, t.Shortname) {
				if tech.IsSub {
					col.Subtechniques++
				} else {
					col.Techniques++
				}
			}
		}
		rep.Tactics = append(rep.Tactics, col)
	}
	return rep
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// DomainStats counts a domain's objects; each count is live/total.
type DomainStats struct {
	Release
	SpecVersion string           `json:"spec_version"`
	Model       string           `json:"detection_model"`
	Counts      map[string]Count `json:"counts"`
}

// Count is live (not revoked, not deprecated) and total objects.
type Count struct {
	Active int `json:"active"`
	Total  int `json:"total"`
}

func count[T any](items []T, meta func(*T) *Meta) Count {
	c := Count{Total: len(items)}
	for i := range items {
		if meta(&items[i]).Active() {
			c.Active++
		}
	}
	return c
}

// Stats counts every object kind in d.
func (d *Domain) Stats() DomainStats {
	tech, sub := Count{}, Count{}
	for _, t := range d.Techniques {
		c := &tech
		if t.IsSub {
			c = &sub
		}
		c.Total++
		if t.Active() {
			c.Active++
		}
	}
	software := func(kind string) Count {
		c := Count{}
		for _, s := range d.Software {
			if s.Type == kind {
				c.Total++
				if s.Active() {
					c.Active++
				}
			}
		}
		return c
	}
	return DomainStats{Release: d.release(), SpecVersion: d.SpecVersion, Model: d.Model, Counts: map[string]Count{
		"tactics":              count(d.Tactics, func(t *Tactic) *Meta { return &t.Meta }),
		"techniques":           tech,
		"subtechniques":        sub,
		"groups":               count(d.Groups, func(t *Group) *Meta { return &t.Meta }),
		"campaigns":            count(d.Campaigns, func(t *Campaign) *Meta { return &t.Meta }),
		"malware":              software("malware"),
		"tools":                software("tool"),
		"mitigations":          count(d.Mitigations, func(t *Mitigation) *Meta { return &t.Meta }),
		"data_sources":         count(d.DataSources, func(t *DataSource) *Meta { return &t.Meta }),
		"data_components":      count(d.DataComponents, func(t *DataComponent) *Meta { return &t.Meta }),
		"detection_strategies": count(d.Strategies, func(t *DetectionStrategy) *Meta { return &t.Meta }),
		"analytics":            count(d.Analytics, func(t *Analytic) *Meta { return &t.Meta }),
	}}
}

// SearchHit is one object matching `vigil attack search`.
type SearchHit struct {
	Domain  string `json:"domain"`
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Name    string `json:"name"`
	Matched string `json:"matched"` // the ID, name or alias that matched
	Revoked bool   `json:"revoked,omitempty"`
}

// Search finds live objects whose ID, name or alias contains text (case- and
// punctuation-insensitive). Exact matches come first.
func (kb *KB) Search(text string) []SearchHit {
	q, qi := normalise(text), canonicalID(text)
	var hits []SearchHit
	type scored struct {
		h SearchHit
		s int
	}
	var all []scored
	for _, d := range kb.Domains {
		for key, refs := range d.idx.names {
			if q == "" || !strings.Contains(key, q) {
				continue
			}
			for _, r := range refs {
				m := d.meta(r.Kind, r.Pos)
				if !m.Active() {
					continue
				}
				s := 2
				if key == q {
					s = 1
				}
				all = append(all, scored{SearchHit{d.Name, r.Kind, m.ID, m.Name, key, false}, s})
			}
		}
		for _, kind := range []string{"technique", "group", "software", "campaign", "mitigation", "tactic"} {
			if p, ok := d.idByKind(kind)[qi]; ok {
				m := d.meta(kind, p)
				all = append(all, scored{SearchHit{d.Name, kind, m.ID, m.Name, m.ID, !m.Active()}, 0})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.s != b.s {
			return a.s < b.s
		}
		if a.h.Domain != b.h.Domain {
			return domainRank(a.h.Domain) < domainRank(b.h.Domain)
		}
		if a.h.Kind != b.h.Kind {
			return a.h.Kind < b.h.Kind
		}
		return a.h.ID < b.h.ID
	})
	seen := map[string]bool{}
	for _, a := range all {
		k := a.h.Domain + a.h.Kind + a.h.ID
		if !seen[k] {
			seen[k] = true
			hits = append(hits, a.h)
		}
	}
	return hits
}

func domainRank(d string) int { return map[string]int{Enterprise: 0, Mobile: 1, ICS: 2}[d] }
