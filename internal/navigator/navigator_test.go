package navigator

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/assess"
	"github.com/vigil-sec/vigil/internal/coverage"
	"github.com/vigil-sec/vigil/internal/priority"
)

func sample() *assess.Assessment {
	mk := func(id string, rank int, score, det float64, tactics ...string) assess.Technique {
		return assess.Technique{Score: priority.Score{ID: id, Rank: rank, Score: score, Normalized: score, Tactics: tactics},
			Coverage: &coverage.Technique{ID: id, Detection: det, Status: "partial"}, GapScore: score * (1 - det)}
	}
	return &assess.Assessment{Organisation: "Org", Attack: assess.AttackRelease{Domain: "enterprise-attack", Version: "18.1", View: "ATT&CK 19.0 view (x)"},
		Profile:    assess.ProfileSummary{Platforms: []string{"Windows"}},
		Techniques: []assess.Technique{mk("T1059.001", 1, 100, 0.5, "execution"), mk("T1078", 2, 80, 0, "initial-access", "persistence")},
		Gaps:       []assess.Gap{{Rank: 1, ID: "T1078", GapScore: 80, Kind: "no-rule"}, {Rank: 2, ID: "T1059.001", GapScore: 50, Kind: "partial"}}}
}

func TestLayersValidateAndRoundTrip(t *testing.T) {
	for _, kind := range []string{KindPriority, KindCoverage, KindGaps} {
		l, err := FromAssessment(sample(), kind)
		if err != nil {
			t.Fatal(err)
		}
		if errs := Validate(l); len(errs) > 0 {
			t.Errorf("%s layer: %v", kind, errs)
		}
		if l.Versions.Attack != "19" || l.Versions.Layer != "4.5" || len(l.Techniques) != 3 {
			t.Errorf("%s: versions %+v, %d entries (one per technique and tactic)", kind, l.Versions, len(l.Techniques))
		}
		var buf bytes.Buffer
		json.NewEncoder(&buf).Encode(l)
		back, err := Read(&buf, kind+".json")
		if err != nil {
			t.Fatal(err)
		}
		cov := Coverage(back)
		switch kind {
		case KindCoverage:
			if cov["T1059.001"] != 0.5 || cov["T1078"] != 0 {
				t.Errorf("coverage import: %v", cov)
			}
		case KindGaps:
			if cov["T1078"] != 1 || cov["T1059.001"] != 0.625 {
				t.Errorf("gap scores relative to the largest gap: %v", cov)
			}
		}
	}
	if _, err := FromAssessment(sample(), "heat"); err == nil {
		t.Error("unknown layer type accepted")
	}
}

func TestValidateCatchesBadLayers(t *testing.T) {
	bad := &Layer{Versions: Versions{Layer: "3.0"}, Domain: "pre-attack", Sorting: 7,
		Techniques: []Technique{{TechniqueID: "1059", Tactic: "Execution", Color: "red"}},
		Gradient:   &Gradient{Colors: []string{"#fff"}, MinValue: 5, MaxValue: 5}}
	msg := ""
	for _, e := range Validate(bad) {
		msg += e.Error() + "\n"
	}
	for _, want := range []string{"no name", "4.x", "pre-attack", "sorting", "techniqueID", "tactic", "color", "two colors", "minValue"} {
		if !strings.Contains(msg, want) {
			t.Errorf("no problem reported about %s:\n%s", want, msg)
		}
	}
	if _, err := Read(strings.NewReader("{\"x\":1}"), "x.json"); err == nil {
		t.Error("a JSON object without layer fields was accepted")
	}
	if _, err := Read(strings.NewReader("not json"), "x.json"); err == nil || !strings.Contains(err.Error(), "x.json") {
		t.Errorf("error %v does not name the file", err)
	}
}

func TestImportedScoresUseGradientAndSkipDisabled(t *testing.T) {
	off := false
	s1, s2 := 3.0, 10.0
	l := &Layer{Versions: Versions{Layer: "4.5"}, Gradient: &Gradient{MinValue: 0, MaxValue: 5},
		Techniques: []Technique{{TechniqueID: "T1003", Score: &s1, Tactic: "credential-access"}, {TechniqueID: "t1003", Score: &s2},
			{TechniqueID: "T1005", Enabled: &off}, {TechniqueID: "T1006"}}}
	cov := Coverage(l)
	if cov["T1003"] != 1 || cov["T1006"] != 1 || len(cov) != 2 {
		t.Errorf("%v", cov)
	}
}

func FuzzRead(f *testing.F) {
	l, _ := FromAssessment(sample(), KindGaps)
	var buf bytes.Buffer
	json.NewEncoder(&buf).Encode(l)
	f.Add(buf.Bytes())
	f.Add([]byte(`{"versions":{"layer":"4.5"},"techniques":[{"techniqueID":"T1003","score":5}],"gradient":{"minValue":5,"maxValue":5}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			return
		}
		Validate(l)
		for id, v := range Coverage(l) {
			if v < 0 || v > 1 {
				t.Fatalf("coverage %v out of range for %q", v, id)
			}
		}
	})
}
