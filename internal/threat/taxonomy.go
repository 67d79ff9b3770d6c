package threat

import "strings"

// Sector is one entry of vigil's sector vocabulary.
type Sector struct {
	ID     string
	Label  string
	Parent string // a broader sector this one belongs to, or ""
	// Sources lists the source-vocabulary values (Tidal target_categories,
	// MISP cfr-target-category and targeted-sector) that mean this sector.
	Sources []string
}

// Taxonomy is vigil's sector vocabulary and the mapping onto it.
type Taxonomy struct {
	Sectors []Sector
	// Ignored are source values too generic to say anything about a sector.
	Ignored []string
	bySrc   map[string]string
	byID    map[string]*Sector
}

// DefaultTaxonomy returns vigil's built-in sector vocabulary.
func DefaultTaxonomy() *Taxonomy {
	t := &Taxonomy{Sectors: sectorTable(), Ignored: []string{
		"Other", "Unknown", "Private sector", "Private Sector", "Commercial", "Business", "Services",
		"Multi-sector", "Country", "Citizens", "Individuals", "Employment", "Development", "Environment",
		"Immigration", "Intergovernmental",
	}}
	t.bySrc, t.byID = map[string]string{}, map[string]*Sector{}
	for i := range t.Sectors {
		s := &t.Sectors[i]
		t.byID[s.ID] = s
		for _, v := range append([]string{s.ID, s.Label}, s.Sources...) {
			t.bySrc[key(v)] = s.ID
		}
	}
	return t
}

func key(v string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.NewReplacer(",", " ", "-", " ", "&", " ", "_", " ").Replace(v))), " ")
}

// Normalise maps a source or user value to a sector ID; ok is false for
// unknown values and for values listed as too generic.
func (t *Taxonomy) Normalise(v string) (string, bool) {
	id, ok := t.bySrc[key(v)]
	return id, ok
}

// IsIgnored reports whether v is deliberately left unmapped.
func (t *Taxonomy) IsIgnored(v string) bool {
	for _, i := range t.Ignored {
		if key(i) == key(v) {
			return true
		}
	}
	return false
}

// Sector returns the sector with the given ID.
func (t *Taxonomy) Sector(id string) (*Sector, bool) {
	s, ok := t.byID[id]
	return s, ok
}

// Relation says how a targeted sector relates to a profile sector: "exact",
// "narrower" (the target is part of the profile's sector, e.g. banking within
// financial-services), "broader" (the profile's sector is part of the target,
// e.g. an insurer and a group targeting financial-services), or "".
func (t *Taxonomy) Relation(target, profile string) string {
	switch {
	case target == profile:
		return "exact"
	case t.isWithin(target, profile):
		return "narrower"
	case t.isWithin(profile, target):
		return "broader"
	}
	return ""
}

func (t *Taxonomy) isWithin(child, ancestor string) bool {
	for s, ok := t.byID[child]; ok && s.Parent != ""; s, ok = t.byID[s.Parent] {
		if s.Parent == ancestor {
			return true
		}
	}
	return false
}
