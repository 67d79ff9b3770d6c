package threat

import "strings"

// Geography maps country names and regions to ISO 3166-1 alpha-2 codes.
type Geography struct {
	byName  map[string]string   // lower-case name or code → ISO-2
	regions map[string][]string // region ID → ISO-2 codes
}

// DefaultGeography returns the built-in country and region tables.
func DefaultGeography() *Geography {
	g := &Geography{byName: map[string]string{}, regions: regionTable()}
	for code, names := range countryTable() {
		g.byName[strings.ToLower(code)] = code
		for _, n := range names {
			g.byName[strings.ToLower(n)] = code
		}
	}
	return g
}

// Country maps a name or ISO-2 code to ISO-2; ok is false for anything else
// (an organisation named as a victim, for instance).
func (g *Geography) Country(v string) (string, bool) {
	c, ok := g.byName[strings.ToLower(strings.TrimSpace(v))]
	return c, ok
}

// Region returns the member countries of a region ID or name
// ("europe", "Middle East"), or nil.
func (g *Geography) Region(v string) []string {
	return g.regions[regionKey(v)]
}

// RegionIDs lists the known regions.
func (g *Geography) RegionIDs() []string {
	var out []string
	for id := range g.regions {
		out = append(out, id)
	}
	return out
}

func regionKey(v string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(v)), " ", "-")
}

// Expand turns a profile's countries and regions into one ISO-2 set.
func (g *Geography) Expand(values []string) (map[string]bool, []string) {
	set := map[string]bool{}
	var unknown []string
	for _, v := range values {
		if c, ok := g.Country(v); ok {
			set[c] = true
		} else if r := g.Region(v); r != nil {
			for _, c := range r {
				set[c] = true
			}
		} else {
			unknown = append(unknown, v)
		}
	}
	return set, unknown
}
