package priority

import (
	"math"
	"testing"
	"time"

	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/profile"
	"github.com/vigil-sec/vigil/internal/threat"
)

func demoScores(t *testing.T) ([]Score, *attack.Domain) {
	t.Helper()
	kb, err := attack.Load(attack.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Parse("demo", profile.Demo)
	if err != nil {
		t.Fatal(err)
	}
	data, err := threat.EmbeddedDataset()
	if err != nil {
		t.Fatal(err)
	}
	m := &threat.Matcher{Taxonomy: threat.DefaultTaxonomy(), Geography: threat.DefaultGeography(), Data: data}
	res, err := m.Match(threat.Query{Sectors: p.Sectors, Countries: p.Countries})
	if err != nil {
		t.Fatal(err)
	}
	d := kb.Domain(attack.Enterprise)
	return Compute(Input{Domain: d, Groups: res.Groups, Profile: p, KB: kb}), d
}

func TestScoreIsSumOfContributions(t *testing.T) {
	scores, _ := demoScores(t)
	if len(scores) < 100 {
		t.Fatalf("%d techniques scored", len(scores))
	}
	for _, s := range scores {
		sum := 0.0
		seen := map[string]bool{}
		for _, c := range s.Contributions {
			sum += c.Value
			if seen[c.Source] {
				t.Fatalf("%s: %s contributes twice", s.ID, c.Source)
			}
			seen[c.Source] = true
			if want := math.Round(c.Confidence*c.Usage*c.Recency*c.GroupWeight*1000) / 1000; c.Value != want {
				t.Fatalf("%s/%s: value %.3f, factors give %.3f", s.ID, c.Source, c.Value, want)
			}
		}
		if math.Abs(sum-s.Score) > 0.002 {
			t.Fatalf("%s: score %.3f, contributions sum to %.3f", s.ID, s.Score, sum)
		}
	}
	for i := 1; i < len(scores); i++ {
		if scores[i].Score > scores[i-1].Score || scores[i].Rank != i+1 {
			t.Fatal("not ranked by score")
		}
	}
}

// A parent counts each group once, whether it uses the parent or several subs.
func TestParentRollUpCountsGroupsOnce(t *testing.T) {
	scores, d := demoScores(t)
	by := map[string]Score{}
	for _, s := range scores {
		by[s.ID] = s
	}
	parent, ok := by["T1059"]
	if !ok {
		t.Fatal("T1059 not scored")
	}
	groups := map[string]bool{}
	for _, s := range scores {
		if s.Parent == "T1059" || s.ID == "T1059" {
			for _, c := range s.Contributions {
				groups[c.Source] = true
			}
		}
	}
	if len(parent.Contributions) != len(groups) {
		t.Errorf("T1059 has %d contributions, %d distinct groups use it or a sub-technique", len(parent.Contributions), len(groups))
	}
	if parent.Score < by["T1059.001"].Score {
		t.Error("a parent scores at least as high as any of its sub-techniques")
	}
	for _, s := range scores {
		ref, _ := (&attack.KB{Domains: []*attack.Domain{d}}).Find("technique", s.ID, "")
		if !onPlatforms(ref.Domain.Techniques[ref.Pos].Platforms, []string{"Windows", "Identity Provider", "Office Suite", "SaaS", "IaaS"}) {
			t.Errorf("%s is on none of the profile's platforms", s.ID)
		}
	}
}

func TestRecency(t *testing.T) {
	rel := mustTime("2025-11-13T00:00:00Z")
	for ls, want := range map[string]float64{"2025-01-01T00:00:00Z": 1, "2021-06-01T00:00:00Z": 0.8, "2015-01-01T00:00:00Z": 0.6, "": 1} {
		if got := recency(ls, rel); got != want {
			t.Errorf("%s: %v, want %v", ls, got, want)
		}
	}
}

func mustTime(s string) (t time.Time) {
	t, _ = time.Parse(time.RFC3339, s)
	return t
}
