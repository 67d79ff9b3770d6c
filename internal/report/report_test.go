package report

import (
	"bytes"
	"encoding/json"
	"html"
	"math"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/assess"
	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/priority"
)

func render(t testing.TB, a *assess.Assessment, d *attack.Domain) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, a, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// embedded returns the text of <script type="application/json" id=id>.
func embedded(t *testing.T, page, id string) string {
	t.Helper()
	re := regexp.MustCompile(`<script type="application/json" id="` + id + `">([^<]*)</script>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no script#%s with JSON in the page", id)
	}
	return m[1]
}

func TestTacticsInMatrixOrder(t *testing.T) {
	a, d := demo(t)
	page := render(t, a, d)
	pos := -1
	n := 0
	for _, ta := range d.Tactics {
		if !ta.Active() {
			continue
		}
		n++
		i := strings.Index(page, `<section class="tactic" data-tactic="`+ta.Shortname+`" aria-label="`+html.EscapeString(ta.Name)+`">`)
		if i < 0 {
			t.Fatalf("tactic %s (%s) missing from the matrix", ta.Shortname, ta.Name)
		}
		if i < pos {
			t.Errorf("tactic %s out of matrix order", ta.Shortname)
		}
		pos = i
	}
	if got := strings.Count(page, `<section class="tactic" `); got != n || n < 10 {
		t.Errorf("%d tactic columns, want the domain's %d active tactics", got, n)
	}
}

func TestMatrixHoldsEveryActiveTechnique(t *testing.T) {
	_, d := demo(t)
	m := BuildMatrix(d)
	seen := map[string]bool{}
	cells := 0
	for _, c := range m.Columns {
		for _, te := range c.Techniques {
			seen[te.ID] = true
			cells++
			for _, s := range te.Subs {
				seen[s.ID] = true
				cells++
				if !strings.HasPrefix(s.ID, te.ID+".") {
					t.Errorf("%s listed under %s", s.ID, te.ID)
				}
			}
		}
	}
	if cells != m.Cells {
		t.Errorf("Cells = %d, counted %d", m.Cells, cells)
	}
	for _, te := range d.Techniques {
		if te.Active() && len(te.Tactics) > 0 && !seen[te.ID] {
			t.Errorf("active technique %s %s not in the matrix", te.ID, te.Name)
		}
		if !te.Active() && seen[te.ID] {
			t.Errorf("inactive technique %s in the matrix", te.ID)
		}
	}
}

func TestEmbeddedJSONParsesBack(t *testing.T) {
	a, d := demo(t)
	page := render(t, a, d)
	var back assess.Assessment
	if err := json.Unmarshal([]byte(embedded(t, page, "vigil-assessment")), &back); err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(a)
	got, _ := json.Marshal(&back)
	if !bytes.Equal(want, got) {
		t.Error("the embedded assessment does not round-trip")
	}
	var m Matrix
	if err := json.Unmarshal([]byte(embedded(t, page, "vigil-matrix")), &m); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&m, BuildMatrix(d)) {
		t.Error("the embedded matrix does not round-trip")
	}
}

func TestContributionsSumToScore(t *testing.T) {
	a, d := demo(t)
	page := render(t, a, d)
	var back assess.Assessment
	if err := json.Unmarshal([]byte(embedded(t, page, "vigil-assessment")), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Techniques) == 0 {
		t.Fatal("no technique scored")
	}
	for _, te := range back.Techniques {
		sum := 0.0
		for _, c := range te.Contributions {
			sum += c.Value
		}
		// Scores and values are rounded to 3 decimals in the JSON.
		if math.Abs(sum-te.Score.Score) > 0.0005*float64(len(te.Contributions)+1) {
			t.Errorf("%s: contributions sum to %.4f, score %.4f", te.ID, sum, te.Score.Score)
		}
	}
}

func TestScriptInjectionIsEscaped(t *testing.T) {
	_, d := demo(t)
	evil := `</script><script>alert(1)</script><!--`
	a := &assess.Assessment{Schema: assess.Schema, Organisation: evil,
		Summary: assess.Summary{TopN: 1},
		Techniques: []assess.Technique{{Score: priority.Score{ID: "T1059", Name: evil, Score: 1, Normalized: 100, Rank: 1,
			Contributions: []priority.Contribution{{Source: "G0001", Name: evil, Value: 1}}}}},
		Gaps: []assess.Gap{{Rank: 1, ID: "T1059", Name: evil, Why: evil, Close: evil}}}
	page := render(t, a, d)
	if strings.Contains(page, "<script>alert(1)") {
		t.Fatal("organisation name injected a script element")
	}
	if got := strings.Count(page, "</script>"); got != 4 {
		t.Errorf("%d </script> in the page, want 4 (boot, two JSON blocks, main)", got)
	}
	var back assess.Assessment
	if err := json.Unmarshal([]byte(embedded(t, page, "vigil-assessment")), &back); err != nil {
		t.Fatal(err)
	}
	if back.Organisation != evil || back.Gaps[0].Why != evil {
		t.Errorf("organisation %q after the round trip", back.Organisation)
	}
}

func TestSelfContained(t *testing.T) {
	a, d := demo(t)
	page := render(t, a, d)
	for _, bad := range []string{`src="http`, `href="http`, `<link `, "@import", "url(http", "fonts.googleapis"} {
		if i := strings.Index(page, bad); i >= 0 {
			// ATT&CK technique pages are links in the data, not resources.
			t.Errorf("page refers to an external resource: %q", page[max(0, i-60):min(len(page), i+80)])
		}
	}
	for _, want := range []string{"Gap backlog", "Threat groups", "Improvements", a.Gaps[0].Why[:40], a.Threats[0].Name} {
		if !strings.Contains(page, html.EscapeString(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestEmptyAssessment(t *testing.T) {
	_, d := demo(t)
	page := render(t, &assess.Assessment{Schema: assess.Schema}, d)
	if !strings.Contains(page, `data-tactic="execution"`) {
		t.Error("an empty assessment still shows the matrix")
	}
	if err := WriteHTML(&bytes.Buffer{}, nil, d); err == nil {
		t.Error("nil assessment accepted")
	}
}
