package coverage

import (
	"sort"
	"strings"

	"github.com/vigil-sec/vigil/internal/attack"
)

// Compute returns coverage for every technique in ids.
func Compute(in Input, ids []string) map[string]*Technique {
	byTech := in.rulesByTechnique()
	out := map[string]*Technique{}
	kb := &attack.KB{Domains: []*attack.Domain{in.Domain}}
	for _, id := range ids {
		ref, err := kb.Find("technique", id, in.Domain.Name)
		if err != nil {
			continue
		}
		t := &Technique{ID: id, Rules: []RuleRef{}}
		t.Visibility = in.visibility(ref.Pos)
		t.Rules = byTech[id]
		if t.Rules == nil {
			t.Rules = []RuleRef{}
		}
		miss := 1.0
		t.ByLevel, t.ByStatus, t.RunnableByLevel = map[string]int{}, map[string]int{}, map[string]int{}
		for _, r := range t.Rules {
			t.ByLevel[r.Level]++
			t.ByStatus[r.Status]++
			if r.Runnable {
				t.Runnable++
				t.RunnableByLevel[r.Level]++
				miss *= 1 - r.Weight
			}
		}
		if v, ok := in.Imported[id]; ok {
			t.Imported = v
			miss *= 1 - v
		}
		t.Detection = round(1 - miss)
		t.Status = status(t)
		out[id] = t
	}
	return out
}

// status names what stands between a technique and detection. Rules that
// run but weigh nothing (deprecated, unsupported) leave it at no-rule: the
// logs are there, a usable rule is what is missing.
func status(t *Technique) string {
	switch {
	case t.Detection >= Covered:
		return "covered"
	case t.Detection > 0:
		return "partial"
	case len(t.Rules) > 0 && t.Runnable == 0:
		return "rules-not-runnable"
	case t.Visibility.Score > 0:
		return "no-rule"
	}
	return "no-visibility"
}

// rulesByTechnique indexes rules by technique; a parent also lists the
// rules of its sub-techniques (Via names the sub-technique), matching how
// priorities roll up.
func (in Input) rulesByTechnique() map[string][]RuleRef {
	out := map[string][]RuleRef{}
	for _, r := range in.Rules {
		runnable := in.Provided.Feeds(r.Logsource, in.Mapping)
		w := round(LevelWeight(r.Level) * StatusWeight(r.Status))
		seen := map[string]bool{}
		ref := RuleRef{ID: r.ID, Title: r.Title, Level: r.Level, Status: r.Status, Path: r.Path, Runnable: runnable, Weight: w}
		for _, tid := range r.Techniques {
			if !seen[tid] {
				seen[tid] = true
				out[tid] = append(out[tid], ref)
			}
		}
		// Parents after all direct tags, so a rule tagged with both T1059.001
		// and T1059 (in either order) lists T1059 directly, not via T1059.001.
		for _, tid := range r.Techniques {
			if parent, _, ok := strings.Cut(tid, "."); ok && !seen[parent] {
				seen[parent] = true
				via := ref
				via.Via = tid
				out[parent] = append(out[parent], via)
			}
		}
	}
	for k := range out {
		sort.SliceStable(out[k], func(i, j int) bool {
			a, b := out[k][i], out[k][j]
			if a.Runnable != b.Runnable {
				return a.Runnable
			}
			if a.Weight != b.Weight {
				return a.Weight > b.Weight
			}
			return a.Title < b.Title
		})
	}
	return out
}

// visibility scores the best analytic of the technique's detection
// strategies on the profile's platforms (v18+ data): the share of the data
// components it reads that some collected log source provides.
func (in Input) visibility(t int32) Visibility {
	d := in.Domain
	v := Visibility{Needed: []LogNeed{}, ByPlatform: map[string]float64{}}
	if d.Model != attack.ModelDetectionStrategies {
		v.Note = "the loaded ATT&CK release has no detection strategies (v17 model): visibility is not computed"
		return v
	}
	for _, s := range d.In(attack.StrategyDetects, t) {
		for _, a := range d.Strategies[s].Analytics {
			an := &d.Analytics[a]
			if !an.Active() || !onPlatforms(an.Platforms, in.Platforms) || len(an.LogSources) == 0 {
				continue
			}
			v.Analytics++
			// An analytic's log sources are grouped by data component: a
			// component is seen when any of its sources is collected (Sysmon 1
			// or Security 4688 both give Process Creation).
			var needs []LogNeed
			seen := map[string]bool{}
			var comps []string
			for _, ls := range an.LogSources {
				dc := ls.Name
				if ls.Component != attack.None {
					dc = d.DataComponents[ls.Component].ID + " " + d.DataComponents[ls.Component].Name
				}
				ok := in.Provided.Covers(ls.Name, ls.Channel)
				if _, known := seen[dc]; !known {
					comps = append(comps, dc)
				}
				seen[dc] = seen[dc] || ok
				needs = append(needs, LogNeed{DataComponent: dc, Name: ls.Name, Channel: ls.Channel, Collected: ok})
			}
			covered := 0
			for _, c := range comps {
				if seen[c] {
					covered++
				}
			}
			score := round(float64(covered) / float64(len(comps)))
			for _, pl := range an.Platforms {
				if onPlatforms([]string{pl}, in.Platforms) && score >= v.ByPlatform[pl] {
					v.ByPlatform[pl] = score
				}
			}
			if score > v.Score || v.Analytic == "" {
				v.Score, v.Analytic, v.Needed = score, an.ID, needs
				if len(an.Platforms) > 0 {
					v.Platform = an.Platforms[0]
				}
			}
		}
	}
	if v.Analytics == 0 {
		v.Note = "no ATT&CK analytic for this technique on the profile's platforms"
	}
	return v
}

func onPlatforms(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if strings.EqualFold(x, y) {
				return true
			}
		}
	}
	return false
}
