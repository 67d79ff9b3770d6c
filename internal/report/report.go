// Package report renders an assessment as one self-contained HTML page: the
// ATT&CK matrix as a heatmap (priority, coverage or gap), every technique's
// evidence on hover or click, the ranked gap backlog, the threat groups and
// the improvements. The page loads nothing from the network: CSS and script
// are inline and the data is embedded as JSON (docs/report.md).
package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/vigil-sec/vigil/internal/assess"
	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/threat"
)

var (
	//go:embed page.html.tmpl
	pageTemplate string
	//go:embed report.css
	pageCSS string
	//go:embed report.js
	pageJS string
	//go:embed boot.js
	bootJS string
)

// Column is one tactic of the matrix with its techniques.
type Column struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Shortname  string `json:"shortname"`
	Techniques []Cell `json:"techniques"`
}

// Cell is a technique in a column; Subs are its active sub-techniques.
type Cell struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Subs []Cell `json:"subs,omitempty"`
}

// Info is what the page shows about an ATT&CK technique besides the assessment.
type Info struct {
	Name        string `json:"name"`
	URL         string `json:"url,omitempty"`
	Description string `json:"description,omitempty"`
	Parent      string `json:"parent,omitempty"`
}

// Matrix is the ATT&CK side of the embedded data.
type Matrix struct {
	Domain     string            `json:"domain"`
	Version    string            `json:"version"`
	Overlay    string            `json:"overlay,omitempty"`
	Columns    []Column          `json:"columns"`
	Techniques map[string]Info   `json:"techniques"`
	Tactics    map[string]string `json:"tactics"` // shortname → name
	Cells      int               `json:"cells"`   // technique and sub-technique cells over all columns
}

// BuildMatrix lays out d's active tactics in matrix order, each with its
// active techniques (by name) and their active sub-techniques.
func BuildMatrix(d *attack.Domain) *Matrix {
	m := &Matrix{Domain: d.Title, Version: d.Version, Overlay: d.Overlay,
		Techniques: map[string]Info{}, Tactics: map[string]string{}}
	for i := range d.Techniques {
		t := &d.Techniques[i]
		if !t.Active() {
			continue
		}
		inf := Info{Name: t.Name, URL: t.URL, Description: t.Description}
		if t.IsSub && t.Parent != attack.None {
			inf.Parent = d.Techniques[t.Parent].ID
		}
		m.Techniques[t.ID] = inf
	}
	for _, ta := range d.Tactics {
		if !ta.Active() {
			continue
		}
		m.Tactics[ta.Shortname] = ta.Name
		col := Column{ID: ta.ID, Name: ta.Name, Shortname: ta.Shortname}
		for i := range d.Techniques {
			t := &d.Techniques[i]
			if !t.Active() || t.IsSub || !has(t.Tactics, ta.Shortname) {
				continue
			}
			c := Cell{ID: t.ID, Name: t.Name}
			for _, s := range d.Subtechniques(int32(i)) {
				st := &d.Techniques[s]
				if st.Active() {
					c.Subs = append(c.Subs, Cell{ID: st.ID, Name: st.Name})
				}
			}
			sortCells(c.Subs)
			m.Cells += 1 + len(c.Subs)
			col.Techniques = append(col.Techniques, c)
		}
		sortCells(col.Techniques)
		m.Columns = append(m.Columns, col)
	}
	return m
}

func sortCells(c []Cell) {
	sort.SliceStable(c, func(i, j int) bool {
		if c[i].Name != c[j].Name {
			return c[i].Name < c[j].Name
		}
		return c[i].ID < c[j].ID
	})
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type page struct {
	A         *assess.Assessment
	M         *Matrix
	Title     string
	TopGaps   []assess.Gap
	CSS       template.CSS
	Boot, JS  template.JS
	Data      template.JS // the assessment, JSON
	MatrixRaw template.JS // the matrix, JSON
	Scored    map[string]*assess.Technique
}

// WriteHTML writes a as one self-contained HTML page; d is the enterprise
// domain the assessment used (it lays out the matrix).
func WriteHTML(w io.Writer, a *assess.Assessment, d *attack.Domain) error {
	if a == nil || d == nil {
		return fmt.Errorf("report: need an assessment and its ATT&CK domain")
	}
	m := BuildMatrix(d)
	data, err := jsonForScript(a)
	if err != nil {
		return err
	}
	mdata, err := jsonForScript(m)
	if err != nil {
		return err
	}
	top := a.Summary.TopN
	if top <= 0 {
		top = 20
	}
	gaps := a.Gaps
	if len(gaps) > top {
		gaps = gaps[:top]
	}
	p := page{A: a, M: m, TopGaps: gaps, CSS: template.CSS(pageCSS), Boot: template.JS(bootJS), JS: template.JS(pageJS),
		Data: template.JS(data), MatrixRaw: template.JS(mdata), Scored: map[string]*assess.Technique{}}
	p.Title = "vigil assessment"
	if a.Organisation != "" {
		p.Title += ": " + a.Organisation
	}
	for i := range a.Techniques {
		p.Scored[a.Techniques[i].ID] = &a.Techniques[i]
	}
	t, err := template.New("page").Funcs(funcs(m)).Parse(pageTemplate)
	if err != nil {
		return err
	}
	return t.Execute(w, p)
}

// jsonForScript encodes v for a <script type="application/json"> element:
// encoding/json escapes <, > and & (so "</script>" cannot occur) and U+2028/9.
func jsonForScript(v any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}

func funcs(m *Matrix) template.FuncMap {
	return template.FuncMap{
		"pct": func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"f2":  func(f float64) string { return fmt.Sprintf("%.2f", f) },
		"f1":  func(f float64) string { return fmt.Sprintf("%.1f", f) },
		"join": func(s []string) string {
			if len(s) == 0 {
				return "(any)"
			}
			return strings.Join(s, ", ")
		},
		"list": func(s []string) string { return strings.Join(s, ", ") },
		"tactics": func(s []string) string {
			var out []string
			for _, x := range s {
				if n, ok := m.Tactics[x]; ok {
					out = append(out, n)
				} else {
					out = append(out, x)
				}
			}
			return strings.Join(out, ", ")
		},
		"evidence": evidence,
		"bar":      func(f float64) template.CSS { return template.CSS(fmt.Sprintf("width:%.0f%%", clamp(f)*100)) },
		"add":      func(a, b int) int { return a + b },
	}
}

func clamp(f float64) float64 {
	if f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

// evidence lists a group's distinct matching evidence, one line each.
func evidence(g threat.GroupMatch) []string {
	var out []string
	seen := map[string]bool{}
	add := func(e threat.MatchedEvidence, what string) {
		k := e.Source + "\x00" + e.Field + "\x00" + e.Value
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, fmt.Sprintf("%s %s: %s %s=%q (%s, %s, weight %.2f)", what, e.Matched, e.Source, e.Field, e.Value, e.Relation, e.Strength, e.Weight))
	}
	for _, e := range g.Sectors {
		add(e, "sector")
	}
	for _, e := range g.Countries {
		add(e, "country")
	}
	return out
}
