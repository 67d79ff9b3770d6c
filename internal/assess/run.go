package assess

import (
	"fmt"
	"math"
	"sort"

	"github.com/vigil-sec/vigil/internal/atomic"
	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/coverage"
	"github.com/vigil-sec/vigil/internal/inventory"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/priority"
	"github.com/vigil-sec/vigil/internal/profile"
	"github.com/vigil-sec/vigil/internal/threat"
)

// Input is everything an assessment reads.
type Input struct {
	KB        *attack.KB
	Profile   *profile.Profile
	Inventory *inventory.Inventory
	Catalog   *inventory.Catalog
	Mapping   *logsource.Mapping
	Rules     []coverage.Rule
	RuleSets  []string
	Imported  map[string]float64
	Atomic    *atomic.Index
	Targeting *threat.Dataset
	TopN      int
}

// Run performs the assessment.
func Run(in Input) (*Assessment, error) {
	d := in.KB.Domain(attack.Enterprise)
	if d == nil {
		return nil, fmt.Errorf("no enterprise ATT&CK data loaded")
	}
	if in.TopN <= 0 {
		in.TopN = 20
	}
	groups, err := in.Threats()
	if err != nil {
		return nil, err
	}
	scores := priority.Compute(priority.Input{Domain: d, Groups: groups, Profile: in.Profile, KB: in.KB})
	ids := make([]string, len(scores))
	for i, s := range scores {
		ids[i] = s.ID
	}
	var relevant []coverage.Rule
	for _, r := range in.Rules {
		if coverage.RelevantTo(r.Logsource, in.Profile.Platforms) {
			relevant = append(relevant, r)
		}
	}
	otherPlatforms := len(in.Rules) - len(relevant)
	in.Rules = relevant
	provided := inventory.Resolve(in.Inventory, in.Catalog)
	cin := coverage.Input{Domain: d, Platforms: in.Profile.Platforms, Rules: in.Rules, Provided: provided,
		Mapping: in.Mapping, Imported: in.Imported}
	cov := coverage.Compute(cin, ids)
	a := &Assessment{Schema: Schema, Organisation: in.Profile.Organisation, Threats: groups,
		Attack:  AttackRelease{Domain: d.Name, Version: d.Version, View: d.Overlay},
		Profile: ProfileSummary{Sectors: in.Profile.Sectors, Countries: nonNil(in.Profile.Countries), Platforms: in.Profile.Platforms, RuleSets: nonNil(in.RuleSets)}}
	for _, it := range in.Inventory.Sources {
		a.Profile.Inventory = append(a.Profile.Inventory, it.Source)
	}
	for _, s := range scores {
		c := cov[s.ID]
		a.Techniques = append(a.Techniques, Technique{Score: s, Coverage: c, GapScore: round(s.Score * (1 - c.Detection))})
	}
	a.Improvements = in.improvements(a, cin, ids)
	a.Gaps = in.gaps(a, d)
	a.Summary = in.summary(a, provided)
	a.Summary.Rules += otherPlatforms
	a.Summary.RulesOtherPlatforms = otherPlatforms
	return a, nil
}

// Threats selects the groups that target the profile, live in the KB's
// enterprise domain, at or above the profile's minimum confidence.
func (in Input) Threats() ([]threat.GroupMatch, error) {
	d := in.KB.Domain(attack.Enterprise)
	if d == nil {
		return nil, fmt.Errorf("no enterprise ATT&CK data loaded")
	}
	m := &threat.Matcher{Taxonomy: threat.DefaultTaxonomy(), Geography: threat.DefaultGeography(), Data: in.Targeting,
		Resolve: func(id string) (string, string, bool) {
			ref, err := in.KB.Find("group", id, d.Name)
			if err != nil {
				return "", "", false
			}
			g := &ref.Domain.Groups[ref.Pos]
			for hops := 0; hops < 8 && g.Revoked && g.RevokedBy != attack.None; hops++ {
				g = &ref.Domain.Groups[g.RevokedBy]
			}
			return g.ID, g.Name, g.Active()
		}}
	res, err := m.Match(threat.Query{Sectors: in.Profile.Sectors, Countries: in.Profile.Countries,
		Include: in.Profile.Groups.Add, Exclude: in.Profile.Groups.Exclude})
	if err != nil {
		return nil, err
	}
	var out []threat.GroupMatch
	for _, g := range res.Groups {
		if g.Added || g.Confidence >= in.Profile.MinConfidence {
			out = append(out, g)
		}
	}
	return out, nil
}

func (in Input) summary(a *Assessment, provided *inventory.Provided) Summary {
	s := Summary{Groups: len(a.Threats), Techniques: len(a.Techniques), TopN: in.TopN, Rules: len(in.Rules), Gaps: len(a.Gaps)}
	for _, r := range in.Rules {
		if provided.Feeds(r.Logsource, in.Mapping) {
			s.RulesRunnable++
		}
		if len(r.Techniques) > 0 {
			s.RulesWithTechnique++
		}
	}
	for i, t := range a.Techniques {
		if i >= in.TopN {
			break
		}
		switch t.Coverage.Status {
		case "covered":
			s.TopCovered++
		case "partial":
			s.TopPartial++
		default:
			s.TopGaps++
		}
	}
	return s
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// topIDs returns the IDs of the first n techniques.
func topIDs(a *Assessment, n int) map[string]bool {
	out := map[string]bool{}
	for i, t := range a.Techniques {
		if i < n {
			out[t.ID] = true
		}
	}
	return out
}

func sortImprovements(imps []Improvement) {
	sort.SliceStable(imps, func(i, j int) bool {
		a, b := imps[i], imps[j]
		if a.TopGained != b.TopGained {
			return a.TopGained > b.TopGained
		}
		if a.Effort != b.Effort { // switching on what is already deployed comes first
			return a.Effort == "enable"
		}
		if len(a.TechniquesGained) != len(b.TechniquesGained) {
			return len(a.TechniquesGained) > len(b.TechniquesGained)
		}
		if a.RulesUnlocked != b.RulesUnlocked {
			return a.RulesUnlocked > b.RulesUnlocked
		}
		if len(a.VisibilityGained) != len(b.VisibilityGained) {
			return len(a.VisibilityGained) > len(b.VisibilityGained)
		}
		return a.ID < b.ID
	})
}
