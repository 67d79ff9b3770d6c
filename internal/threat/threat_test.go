package threat

import (
	"math"
	"testing"
)

func matcher(t *testing.T) *Matcher {
	t.Helper()
	d, err := EmbeddedDataset()
	if err != nil {
		t.Fatal(err)
	}
	return &Matcher{Taxonomy: DefaultTaxonomy(), Geography: DefaultGeography(), Data: d}
}

// Every sector value in the embedded data is mapped or deliberately ignored.
func TestEverySourceSectorIsMapped(t *testing.T) {
	m := matcher(t)
	for _, g := range m.Data.Groups {
		for _, ev := range g.Sectors {
			if _, ok := m.Taxonomy.Normalise(ev.Value); !ok && !m.Taxonomy.IsIgnored(ev.Value) {
				t.Errorf("%s: %s value %q maps to no sector", g.ID, ev.Field, ev.Value)
			}
		}
	}
}

func TestSectorSpellingsNormalise(t *testing.T) {
	tax := DefaultTaxonomy()
	for in, want := range map[string]string{"Healthcare": "healthcare", "Health": "healthcare", "Medical": "healthcare",
		"insurance": "insurance", "Telecomms": "telecommunications", "Government, Administration": "government",
		"financial-services": "financial-services", "Banks": "banking"} {
		if got, ok := tax.Normalise(in); !ok || got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	if tax.Relation("financial-services", "insurance") != "broader" || tax.Relation("banking", "financial-services") != "narrower" {
		t.Error("sector hierarchy relations")
	}
}

func TestHealthInsurerGroups(t *testing.T) {
	m := matcher(t)
	res, err := m.Match(Query{Sectors: []string{"insurance", "healthcare"}, Countries: []string{"US"}})
	if err != nil {
		t.Fatal(err)
	}
	// Tidal lists these as targeting insurance (attack-landscape §2.2 worked example).
	want := []string{"G0016", "G0050", "G0061", "G0102", "G1015"} // APT29, APT32, FIN8, Wizard Spider, Scattered Spider
	got := map[string]GroupMatch{}
	for _, g := range res.Groups {
		got[g.ID] = g
	}
	for _, id := range want {
		g, ok := got[id]
		if !ok {
			t.Errorf("%s not matched", id)
			continue
		}
		// The confidence must be exactly what its listed evidence gives:
		// strongest weight per source record, noisy-OR across records.
		best := map[string]float64{}
		for _, e := range g.Sectors {
			k := e.Source + "/" + e.Actor
			best[k] = max(best[k], e.Weight)
		}
		miss := 1.0
		for _, w := range best {
			miss *= 1 - w
		}
		if math.Abs(round3(1-miss)-g.SectorScore) > 0.002 || math.Abs(round3(g.SectorScore*g.CountryFactor)-g.Confidence) > 0.002 {
			t.Errorf("%s: confidence %.3f is not the product of its evidence (S=%.3f C=%.3f)", id, g.Confidence, g.SectorScore, g.CountryFactor)
		}
	}
	if len(res.Groups) < 25 || len(res.Groups) > 80 {
		t.Errorf("%d groups matched; the sources give about 35 for healthcare/insurance", len(res.Groups))
	}
	for i := 1; i < len(res.Groups); i++ {
		if res.Groups[i].Confidence > res.Groups[i-1].Confidence {
			t.Fatal("not sorted by confidence")
		}
	}
}

func TestIncludeExcludeAndErrors(t *testing.T) {
	m := matcher(t)
	res, err := m.Match(Query{Sectors: []string{"healthcare"}, Exclude: []string{"G0016"}, Include: []string{"G9999"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range res.Groups {
		if g.ID == "G0016" {
			t.Error("excluded group listed")
		}
	}
	if res.Groups[0].ID != "G9999" || !res.Groups[0].Added {
		t.Errorf("added group not first: %+v", res.Groups[0])
	}
	if _, err := m.Match(Query{Sectors: []string{"underwater basket weaving"}}); err == nil {
		t.Error("unknown sector accepted")
	}
	if _, err := m.Match(Query{Sectors: []string{"healthcare"}, Countries: []string{"Atlantis"}}); err == nil {
		t.Error("unknown country accepted")
	}
}

func TestCountryFactor(t *testing.T) {
	m := matcher(t)
	us, _ := m.Match(Query{Sectors: []string{"healthcare"}, Countries: []string{"US"}})
	none, _ := m.Match(Query{Sectors: []string{"healthcare"}})
	for _, g := range none.Groups {
		if g.CountryFactor != 1 {
			t.Fatalf("%s: country factor %.2f without profile countries", g.ID, g.CountryFactor)
		}
	}
	for _, g := range us.Groups {
		if len(g.Countries) > 0 && g.CountryFactor < countryMatchBase {
			t.Errorf("%s: matched countries but factor %.2f", g.ID, g.CountryFactor)
		}
	}
	if DefaultGeography().Region("Middle East") == nil {
		t.Error("region lookup")
	}
}
