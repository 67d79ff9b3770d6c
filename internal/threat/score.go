package threat

// relationFactor: evidence about a broader sector (a group targeting
// "financial services", seen from an insurer) counts half.
func relationFactor(rel string) float64 {
	switch rel {
	case "exact", "narrower":
		return 1
	case "broader":
		return 0.5
	}
	return 0
}

// Country factors when the query names countries (docs/assessment.md, "Who targets us").
const (
	countryNoData    = 0.7 // the sources say nothing about the group's victims' countries
	countryElsewhere = 0.4 // they name countries, none of them the profile's
	countryMatchBase = 0.8 // a match: 0.8 + 0.2 × country evidence score
)

// score combines evidence into a group's confidence: within one source
// record (a Tidal group, a MISP actor) the strongest matching sector counts;
// across records, sector score S = 1 − Π(1 − wᵣ) (a noisy-OR: independent
// sources reinforce each other, none alone reaches 1); times a country
// factor C. Confidence = S × C.
func (m *Matcher) score(g GroupTargeting, sectors []string, countries map[string]bool) GroupMatch {
	gm := GroupMatch{Origin: g.Origin, Motivations: g.Motivations, Sectors: []MatchedEvidence{}, Countries: []MatchedEvidence{}}
	// One source record listing several matching sectors is one claim, not
	// several: keep its strongest weight, and combine only across records.
	bestPerRecord := map[string]float64{}
	for _, ev := range g.Sectors {
		target, ok := m.Taxonomy.Normalise(ev.Value)
		if !ok {
			continue
		}
		best, rel := 0.0, ""
		for _, s := range sectors {
			r := m.Taxonomy.Relation(target, s)
			if f := relationFactor(r); f > best {
				best, rel = f, r
			}
		}
		if best == 0 {
			continue
		}
		w := strengthWeight(ev.Strength) * best
		rec := ev.Source + "\x00" + ev.Actor
		bestPerRecord[rec] = max(bestPerRecord[rec], w)
		gm.Sectors = append(gm.Sectors, MatchedEvidence{Evidence: ev, Matched: target, Relation: rel, Weight: round3(w)})
	}
	miss := 1.0
	for _, w := range bestPerRecord {
		miss *= 1 - w
	}
	gm.SectorScore = round3(1 - miss)
	gm.CountryFactor, gm.CountryNote = 1, "profile names no countries"
	if len(countries) > 0 {
		gm.CountryFactor, gm.CountryNote = m.countryFactor(g, countries, &gm)
	}
	gm.Confidence = round3(gm.SectorScore * gm.CountryFactor)
	return gm
}

func (m *Matcher) countryFactor(g GroupTargeting, countries map[string]bool, gm *GroupMatch) (float64, string) {
	known, miss := false, 1.0
	for _, ev := range g.Countries {
		var members []string
		rel := "country"
		if c, ok := m.Geography.Country(ev.Value); ok {
			members = []string{c}
		} else if r := m.Geography.Region(ev.Value); r != nil {
			members, rel = r, "region"
		} else {
			continue // an organisation named as victim, not a place
		}
		known = true
		for _, c := range members {
			if countries[c] {
				w := strengthWeight(ev.Strength)
				if rel == "region" {
					w /= 2
				}
				miss *= 1 - w
				gm.Countries = append(gm.Countries, MatchedEvidence{Evidence: ev, Matched: c, Relation: rel, Weight: round3(w)})
				break
			}
		}
	}
	switch {
	case len(gm.Countries) > 0:
		return round3(countryMatchBase + (1-countryMatchBase)*(1-miss)), "victims in the profile's countries"
	case known:
		return countryElsewhere, "victims known, none in the profile's countries"
	}
	return countryNoData, "no victim-country data"
}
