// Package navigator writes and reads MITRE ATT&CK Navigator layers (layer
// format 4.5), so an assessment can be opened in the Navigator and a team's
// existing coverage layer can feed an assessment.
package navigator

// LayerVersion is the layer format vigil writes.
const LayerVersion = "4.5"

// Layer is a Navigator layer (format 4.5). Fields vigil does not use are
// still written with their defaults so the Navigator opens the file as is.
type Layer struct {
	Name                          string       `json:"name"`
	Versions                      Versions     `json:"versions"`
	Domain                        string       `json:"domain"`
	Description                   string       `json:"description"`
	Filters                       *Filters     `json:"filters,omitempty"`
	Sorting                       int          `json:"sorting"`
	Layout                        *Layout      `json:"layout,omitempty"`
	HideDisabled                  bool         `json:"hideDisabled"`
	Techniques                    []Technique  `json:"techniques"`
	Gradient                      *Gradient    `json:"gradient,omitempty"`
	LegendItems                   []LegendItem `json:"legendItems"`
	Metadata                      []Meta       `json:"metadata"`
	Links                         []Link       `json:"links"`
	ShowTacticRowBackground       bool         `json:"showTacticRowBackground"`
	TacticRowBackground           string       `json:"tacticRowBackground"`
	SelectTechniquesAcrossTactics bool         `json:"selectTechniquesAcrossTactics"`
	SelectSubtechniquesWithParent bool         `json:"selectSubtechniquesWithParent"`
	SelectVisibleTechniques       bool         `json:"selectVisibleTechniques"`
}

// Versions pins the ATT&CK release, Navigator and layer format.
type Versions struct {
	Attack    string `json:"attack"`
	Navigator string `json:"navigator"`
	Layer     string `json:"layer"`
}

// Filters restricts the matrix to platforms.
type Filters struct {
	Platforms []string `json:"platforms"`
}

// Layout controls how the matrix is drawn.
type Layout struct {
	Layout                string `json:"layout"`
	AggregateFunction     string `json:"aggregateFunction"`
	ShowID                bool   `json:"showID"`
	ShowName              bool   `json:"showName"`
	ShowAggregateScores   bool   `json:"showAggregateScores"`
	CountUnscored         bool   `json:"countUnscored"`
	ExpandedSubtechniques string `json:"expandedSubtechniques"`
}

// Technique annotates one technique, optionally under one tactic.
type Technique struct {
	TechniqueID       string   `json:"techniqueID"`
	Tactic            string   `json:"tactic,omitempty"`
	Score             *float64 `json:"score,omitempty"`
	Color             string   `json:"color,omitempty"`
	Comment           string   `json:"comment,omitempty"`
	Enabled           *bool    `json:"enabled,omitempty"`
	Metadata          []Meta   `json:"metadata,omitempty"`
	Links             []Link   `json:"links,omitempty"`
	ShowSubtechniques bool     `json:"showSubtechniques"`
}

// Gradient colours scores between MinValue and MaxValue.
type Gradient struct {
	Colors   []string `json:"colors"`
	MinValue float64  `json:"minValue"`
	MaxValue float64  `json:"maxValue"`
}

// LegendItem explains a colour.
type LegendItem struct {
	Label string `json:"label"`
	Color string `json:"color"`
}

// Meta is a name/value annotation; a divider has neither.
type Meta struct {
	Name    string `json:"name,omitempty"`
	Value   string `json:"value,omitempty"`
	Divider bool   `json:"divider,omitempty"`
}

// Link is a labelled URL.
type Link struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}
