// Package profile reads the organisation profile that threat-informed
// assessment starts from: who we are (sectors, countries), what we run
// (platforms), and the analyst's own adjustments (groups to add or exclude,
// software of concern, weights).
package profile

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Profile is the organisation vigil assesses.
type Profile struct {
	Organisation string   `yaml:"organisation" json:"organisation"`
	Sectors      []string `yaml:"sectors" json:"sectors"`
	Countries    []string `yaml:"countries" json:"countries"` // ISO codes, names or regions
	Platforms    []string `yaml:"platforms" json:"platforms"` // ATT&CK platform names
	Groups       struct {
		Add     []string `yaml:"add" json:"add"`
		Exclude []string `yaml:"exclude" json:"exclude"`
	} `yaml:"groups" json:"groups"`
	Software        []string `yaml:"software" json:"software"` // software of concern (IDs or names)
	IncludeSoftware bool     `yaml:"include_software" json:"include_software"`
	Weights         Weights  `yaml:"weights" json:"weights"`
	MinConfidence   float64  `yaml:"min_confidence" json:"min_confidence"`
}

// Weights tune the priority formula (docs/assessment.md).
type Weights struct {
	Direct   float64            `yaml:"direct" json:"direct"`
	Campaign float64            `yaml:"campaign" json:"campaign"`
	Software float64            `yaml:"software" json:"software"`
	Groups   map[string]float64 `yaml:"groups" json:"groups,omitempty"` // per-group multiplier, e.g. G0016: 1.5
}

// Defaults fills unset weights.
func (p *Profile) Defaults() {
	if p.Weights.Direct == 0 {
		p.Weights.Direct = 1
	}
	if p.Weights.Campaign == 0 {
		p.Weights.Campaign = 0.8
	}
	if p.Weights.Software == 0 {
		p.Weights.Software = 0.4
	}
	if p.MinConfidence == 0 {
		p.MinConfidence = 0.2
	}
}

// Parse reads a profile; errors name the file and line.
func Parse(name string, data []byte) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: %v (see `vigil profile init` for the format)", name, err)
	}
	if len(p.Sectors) == 0 && len(p.Groups.Add) == 0 {
		return nil, fmt.Errorf("%s: the profile names no sectors and adds no groups, so no threat group can be selected", name)
	}
	if len(p.Platforms) == 0 {
		return nil, fmt.Errorf("%s: the profile names no platforms (e.g. Windows, Linux, macOS, IaaS, SaaS, Office Suite, Identity Provider)", name)
	}
	for _, w := range []float64{p.Weights.Direct, p.Weights.Campaign, p.Weights.Software} {
		if w < 0 || w > 1 {
			return nil, fmt.Errorf("%s: weights.direct, campaign and software are between 0 and 1", name)
		}
	}
	p.Defaults()
	return &p, nil
}
