package threat

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
)

// Evidence is one source statement about a group's victims.
type Evidence struct {
	Source   string `json:"source"`   // "tidal" or "misp"
	Actor    string `json:"actor"`    // the source record's name
	Link     string `json:"link"`     // how the record is tied to the ATT&CK group
	Strength string `json:"strength"` // "direct", "strong", "medium" or "weak"
	Field    string `json:"field"`    // source field, e.g. target_categories
	Value    string `json:"value"`    // the value as the source writes it
}

// GroupTargeting is what the sources say about one ATT&CK group.
type GroupTargeting struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Sectors     []Evidence `json:"sectors"`
	Countries   []Evidence `json:"countries"`
	Origin      []string   `json:"origin,omitempty"`
	Motivations []string   `json:"motivations,omitempty"`
}

// Dataset is the embedded targeting data.
type Dataset struct {
	Source string           `json:"source"`
	Groups []GroupTargeting `json:"groups"`
}

//go:generate go run ./gen -in ../../../shared/misp-galaxy/group-targeting.json.gz -out data/targeting.json.gz
//go:embed data/targeting.json.gz
var embeddedTargeting []byte

// EmbeddedDataset decodes the targeting data compiled into the binary.
func EmbeddedDataset() (*Dataset, error) {
	gz, err := gzip.NewReader(bytes.NewReader(embeddedTargeting))
	if err != nil {
		return nil, fmt.Errorf("embedded targeting data: %w", err)
	}
	var d Dataset
	if err := json.NewDecoder(gz).Decode(&d); err != nil {
		return nil, fmt.Errorf("embedded targeting data: %w", err)
	}
	return &d, nil
}

// strengthWeight is how much one piece of evidence is believed, by how its
// source record is tied to the ATT&CK group (docs/assessment.md, "Who targets us").
func strengthWeight(s string) float64 {
	switch s {
	case "direct":
		return 0.9
	case "strong":
		return 0.75
	case "medium":
		return 0.5
	case "weak":
		return 0.2
	}
	return 0
}
