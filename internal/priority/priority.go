// Package priority ranks ATT&CK techniques by how much the threat groups
// that target an organisation use them. Every score is the sum of listed
// contributions, one per group (or software of concern), so it can be taken
// apart: which group, how sure we are it targets us, how it uses the
// technique (directly, through an attributed campaign, through software),
// and how recent that is. The formula is in docs/assessment.md.
package priority

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/profile"
	"github.com/vigil-sec/vigil/internal/threat"
)

// Contribution is one group's (or one piece of software's) share of a score.
type Contribution struct {
	Source      string  `json:"source"` // group or software ID
	Name        string  `json:"name"`
	Kind        string  `json:"kind"`         // "group" or "software-of-concern"
	Confidence  float64 `json:"confidence"`   // targeting confidence of the group (1 for software of concern)
	Via         string  `json:"via"`          // direct, campaign or software
	Through     string  `json:"through"`      // the campaign or software, when not direct
	Technique   string  `json:"technique"`    // the technique used (a sub-technique for a parent's roll-up)
	Usage       float64 `json:"usage"`        // weight of Via from the profile
	Recency     float64 `json:"recency"`      // 1 unless a campaign's last activity is old
	GroupWeight float64 `json:"group_weight"` // profile multiplier for this group (1 by default)
	Value       float64 `json:"value"`        // Confidence × Usage × Recency × GroupWeight
}

// Score is a technique's priority and its explanation.
type Score struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Tactics       []string       `json:"tactics"`
	Platforms     []string       `json:"platforms"`
	IsSub         bool           `json:"is_subtechnique"`
	Parent        string         `json:"parent,omitempty"`
	Score         float64        `json:"score"`      // = sum of Contributions[].Value
	Normalized    float64        `json:"normalized"` // 0..100, relative to the top score
	Rank          int            `json:"rank"`
	Groups        int            `json:"groups"` // distinct groups contributing
	Contributions []Contribution `json:"contributions"`
}

// Input is what priorities are computed from.
type Input struct {
	Domain  *attack.Domain
	Groups  []threat.GroupMatch
	Profile *profile.Profile
	KB      *attack.KB // resolves software of concern
}

// Compute scores every technique applicable to the profile's platforms that
// a selected group or software of concern uses; highest first.
func Compute(in Input) []Score {
	d, p := in.Domain, in.Profile
	released, _ := time.Parse(time.RFC3339, d.Modified)
	best := map[int32]map[string]Contribution{} // technique → source → best contribution
	keep := func(t int32, c Contribution) {
		if best[t] == nil {
			best[t] = map[string]Contribution{}
		}
		if old, ok := best[t][c.Source]; !ok || c.Value > old.Value {
			best[t][c.Source] = c
		}
	}
	for _, g := range in.Groups {
		ref, err := in.KB.Find("group", g.ID, d.Name)
		if err != nil || ref.Domain != d {
			continue
		}
		gw := groupWeight(p, g.ID)
		for _, use := range d.GroupTechniques(ref.Pos, p.IncludeSoftware) {
			for _, via := range use.Via {
				c := Contribution{Source: g.ID, Name: g.Name, Kind: "group", Confidence: g.Confidence, Via: via.Kind,
					Technique: d.Techniques[use.Technique].ID, Recency: 1, GroupWeight: gw}
				switch via.Kind {
				case "direct":
					c.Usage = p.Weights.Direct
				case "campaign":
					camp := d.Campaigns[via.Ref]
					c.Usage, c.Through = p.Weights.Campaign, camp.ID+" "+camp.Name
					c.Recency = recency(camp.LastSeen, released)
				case "software":
					sw := d.Software[via.Ref]
					c.Usage, c.Through = p.Weights.Software, sw.ID+" "+sw.Name
				}
				c.Value = round(c.Confidence * c.Usage * c.Recency * c.GroupWeight)
				keep(use.Technique, c)
			}
		}
	}
	for _, s := range in.Profile.Software {
		ref, err := in.KB.Find("software", s, d.Name)
		if err != nil || ref.Domain != d {
			continue
		}
		sw := d.Software[ref.Pos]
		for _, t := range d.Out(attack.SoftwareUsesTechnique, ref.Pos) {
			if !d.Techniques[t].Active() {
				continue
			}
			keep(t, Contribution{Source: sw.ID, Name: sw.Name, Kind: "software-of-concern", Confidence: 1, Via: "software",
				Through: sw.ID + " " + sw.Name, Technique: d.Techniques[t].ID, Usage: p.Weights.Software, Recency: 1,
				GroupWeight: 1, Value: round(p.Weights.Software)})
		}
	}
	return rank(d, p, best)
}

func groupWeight(p *profile.Profile, id string) float64 {
	if w, ok := p.Weights.Groups[id]; ok && w > 0 {
		return w
	}
	return 1
}

// recency discounts a campaign by how long before the data's release it was
// last seen: within 2 years 1.0, within 5 years 0.8, older 0.6.
func recency(lastSeen string, released time.Time) float64 {
	t, err := time.Parse(time.RFC3339, lastSeen)
	if err != nil || released.IsZero() {
		return 1
	}
	years := released.Sub(t).Hours() / 24 / 365.25
	switch {
	case years <= 2:
		return 1
	case years <= 5:
		return 0.8
	}
	return 0.6
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// rank builds scores with parent roll-up (each group counts once for a
// parent: its best contribution among the parent and its sub-techniques),
// drops techniques outside the profile's platforms, and sorts.
func rank(d *attack.Domain, p *profile.Profile, best map[int32]map[string]Contribution) []Score {
	rolled := map[int32]map[string]Contribution{}
	for t, byGroup := range best {
		target := []int32{t}
		if parent := d.Techniques[t].Parent; parent != attack.None {
			target = append(target, parent)
		}
		for _, tt := range target {
			if rolled[tt] == nil {
				rolled[tt] = map[string]Contribution{}
			}
			for g, c := range byGroup {
				if old, ok := rolled[tt][g]; !ok || c.Value > old.Value {
					rolled[tt][g] = c
				}
			}
		}
	}
	var out []Score
	for t, byGroup := range rolled {
		tech := &d.Techniques[t]
		if !tech.Active() || !onPlatforms(tech.Platforms, p.Platforms) {
			continue
		}
		s := Score{ID: tech.ID, Name: tech.Name, Tactics: tech.Tactics, Platforms: tech.Platforms, IsSub: tech.IsSub}
		if tech.Parent != attack.None {
			s.Parent = d.Techniques[tech.Parent].ID
		}
		for _, c := range byGroup {
			s.Contributions = append(s.Contributions, c)
			s.Score += c.Value
			if c.Kind == "group" {
				s.Groups++
			}
		}
		s.Score = round(s.Score)
		sort.Slice(s.Contributions, func(i, j int) bool {
			a, b := s.Contributions[i], s.Contributions[j]
			if a.Value != b.Value {
				return a.Value > b.Value
			}
			return a.Source < b.Source
		})
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	for i := range out {
		out[i].Rank = i + 1
		if out[0].Score > 0 {
			out[i].Normalized = math.Round(out[i].Score/out[0].Score*1000) / 10
		}
	}
	return out
}

// onPlatforms reports whether a technique applies to any profile platform.
func onPlatforms(tech, profile []string) bool {
	for _, a := range tech {
		for _, b := range profile {
			if strings.EqualFold(a, b) {
				return true
			}
		}
	}
	return false
}
