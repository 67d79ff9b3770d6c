package assess

import (
	"strings"

	"github.com/vigil-sec/vigil/internal/coverage"
	"github.com/vigil-sec/vigil/internal/inventory"
)

// improvements evaluates every single-step inventory change: which rules
// would become runnable, which scored techniques would gain detection, and
// which top techniques would gain visibility.
func (in Input) improvements(a *Assessment, cin coverage.Input, ids []string) []Improvement {
	top := topIDs(a, in.TopN)
	now := map[string]*coverage.Technique{}
	for i := range a.Techniques {
		now[a.Techniques[i].ID] = a.Techniques[i].Coverage
	}
	runnableNow := map[string]bool{}
	for _, r := range in.Rules {
		if cin.Provided.Feeds(r.Logsource, in.Mapping) {
			runnableNow[r.ID+"\x00"+r.Path] = true
		}
	}
	var out []Improvement
	for _, c := range inventory.Candidates(in.Inventory, in.Catalog) {
		if !in.onProfile(c) {
			continue
		}
		after := cin
		after.Provided = inventory.Resolve(c.Inventory, in.Catalog)
		imp := Improvement{ID: c.ID, Description: c.Description, Effort: "enable", TechniquesGained: []string{}, VisibilityGained: []string{}}
		if c.NewSource {
			imp.Effort = "new source"
		}
		for _, r := range in.Rules {
			if !runnableNow[r.ID+"\x00"+r.Path] && after.Provided.Feeds(r.Logsource, in.Mapping) {
				imp.RulesUnlocked++
			}
		}
		cov := coverage.Compute(after, ids)
		for _, id := range ids {
			if now[id].Detection == 0 && cov[id].Detection > 0 {
				imp.TechniquesGained = append(imp.TechniquesGained, id)
				if top[id] {
					imp.TopGained++
				}
			}
			if top[id] && cov[id].Visibility.Score > now[id].Visibility.Score {
				imp.VisibilityGained = append(imp.VisibilityGained, id)
			}
		}
		if imp.RulesUnlocked > 0 || len(imp.VisibilityGained) > 0 {
			out = append(out, imp)
		}
	}
	sortImprovements(out)
	return out
}

// onProfile keeps changes that add a source for one of the profile's
// platforms, or a network source, which every organisation has.
func (in Input) onProfile(c inventory.Candidate) bool {
	src, ok := in.Catalog.Source(c.Source)
	if !ok {
		return true
	}
	if src.Platform == "Network" {
		return true
	}
	for _, p := range in.Profile.Platforms {
		if strings.EqualFold(p, src.Platform) {
			return true
		}
	}
	return false
}
