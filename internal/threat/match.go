package threat

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Query is the part of an organisation profile that selects threat groups.
type Query struct {
	Sectors   []string // sector IDs or any source spelling ("Health", "Insurance")
	Countries []string // ISO-2 codes, country names or region IDs
	Include   []string // group IDs to add regardless of evidence
	Exclude   []string // group IDs to drop
}

// MatchedEvidence is evidence that matched the query, with its contribution.
type MatchedEvidence struct {
	Evidence
	Matched  string  `json:"matched"`  // the sector ID or ISO-2 country it matched
	Relation string  `json:"relation"` // exact, narrower, broader (sectors); country or region (countries)
	Weight   float64 `json:"weight"`   // strength weight × relation factor
}

// GroupMatch is one group that targets organisations like the profile's.
type GroupMatch struct {
	ID            string            `json:"id"`
	Name          string            `json:"name"`
	Confidence    float64           `json:"confidence"`
	SectorScore   float64           `json:"sector_score"`
	CountryFactor float64           `json:"country_factor"`
	CountryNote   string            `json:"country_note"`
	Added         bool              `json:"added_by_profile"`
	Sectors       []MatchedEvidence `json:"sector_evidence"`
	Countries     []MatchedEvidence `json:"country_evidence"`
	Origin        []string          `json:"origin,omitempty"`
	Motivations   []string          `json:"motivations,omitempty"`
}

// Resolver maps a source group ID to the live ATT&CK group (following
// revocations); ok is false for groups the knowledge base does not have.
type Resolver func(id string) (liveID, name string, ok bool)

// Matcher matches queries against a dataset.
type Matcher struct {
	Taxonomy  *Taxonomy
	Geography *Geography
	Data      *Dataset
	Resolve   Resolver // optional
}

// Result is the matched groups, strongest first, and what was left out.
type Result struct {
	Groups   []GroupMatch `json:"groups"`
	Excluded []string     `json:"excluded"`
}

// Match selects the groups whose sector evidence meets the query's sectors,
// weighted by country evidence when the query names countries.
func (m *Matcher) Match(q Query) (Result, error) {
	sectors, err := m.sectors(q.Sectors)
	if err != nil {
		return Result{}, err
	}
	countries, unknown := m.Geography.Expand(q.Countries)
	if len(unknown) > 0 {
		return Result{}, fmt.Errorf("unknown country or region %s (use ISO codes, names, or regions: %s)",
			quoteList(unknown), strings.Join(sortedCopy(m.Geography.RegionIDs()), ", "))
	}
	excluded := map[string]bool{}
	for _, g := range q.Exclude {
		excluded[strings.ToUpper(g)] = true
	}
	byID := map[string]*GroupMatch{}
	for _, g := range m.Data.Groups {
		id, name := g.ID, g.Name
		if m.Resolve != nil {
			var ok bool
			if id, name, ok = m.Resolve(g.ID); !ok {
				continue
			}
		}
		if excluded[id] {
			continue
		}
		gm := m.score(g, sectors, countries)
		if gm.SectorScore == 0 {
			continue
		}
		gm.ID, gm.Name = id, name
		if prev, ok := byID[id]; !ok || prev.Confidence < gm.Confidence {
			byID[id] = &gm
		}
	}
	for _, g := range q.Include {
		id, name := strings.ToUpper(g), ""
		if m.Resolve != nil {
			var ok bool
			if id, name, ok = m.Resolve(id); !ok {
				return Result{}, fmt.Errorf("profile adds group %q, which ATT&CK does not know", g)
			}
		}
		if gm, ok := byID[id]; ok {
			gm.Added = true
			continue
		}
		byID[id] = &GroupMatch{ID: id, Name: name, Confidence: 1, Added: true, CountryNote: "added by the profile"}
	}
	res := Result{Groups: []GroupMatch{}, Excluded: sortedCopy(keys(excluded))}
	for _, gm := range byID {
		res.Groups = append(res.Groups, *gm)
	}
	sort.Slice(res.Groups, func(i, j int) bool {
		a, b := res.Groups[i], res.Groups[j]
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		return a.ID < b.ID
	})
	return res, nil
}

// sectors normalises the query's sectors; unknown ones are an error.
func (m *Matcher) sectors(in []string) ([]string, error) {
	var out, bad []string
	for _, s := range in {
		if id, ok := m.Taxonomy.Normalise(s); ok {
			out = append(out, id)
		} else {
			bad = append(bad, s)
		}
	}
	if len(bad) > 0 {
		var ids []string
		for _, s := range m.Taxonomy.Sectors {
			ids = append(ids, s.ID)
		}
		return nil, fmt.Errorf("unknown sector %s (known: %s)", quoteList(bad), strings.Join(ids, ", "))
	}
	return out, nil
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}
