// Package inventory describes what log sources an organisation collects and
// answers two questions about it: which Sigma rules can run on it (through
// the logsource pipelines) and which ATT&CK analytics' log sources it
// covers. The catalogue of collectable sources is embedded YAML
// (data/catalog.yml, documented in docs/inventory.md).
package inventory

import (
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vigil-sec/vigil/internal/logsource"
)

//go:embed data/catalog.yml
var catalogYAML []byte

// Catalog lists the collectable log sources.
type Catalog struct {
	Sources []Source `yaml:"sources"`
}

// Source is one kind of log source.
type Source struct {
	ID          string           `yaml:"id"`
	Label       string           `yaml:"label"`
	Platform    string           `yaml:"platform"`
	Channels    []Channel        `yaml:"channels"`
	Attack      []AttackSource   `yaml:"attack"`
	Sigma       []SigmaLogsource `yaml:"sigma"`
	AuditGroups map[string][]int `yaml:"audit_groups"`
}

// Channel is a Windows event channel the source delivers; no event IDs means all.
type Channel struct {
	Name     string `yaml:"name"`
	EventIDs []int  `yaml:"event_ids"`
}

// AttackSource is an ATT&CK log source name (as analytics reference it).
// FollowsChannel ties its EventCode channels to the event IDs collected on
// those Windows channels; Channel restricts it to references whose channel
// mentions this text (NSM:Flow only for dns.log, say).
type AttackSource struct {
	Name           string   `yaml:"name"`
	Channel        string   `yaml:"channel"`
	FollowsChannel []string `yaml:"follows_channels"`
}

// SigmaLogsource is a Sigma logsource the source feeds directly (for
// products the pipelines do not map).
type SigmaLogsource struct {
	Product  string `yaml:"product"`
	Category string `yaml:"category"`
	Service  string `yaml:"service"`
}

func (s SigmaLogsource) logsource() logsource.Logsource {
	return logsource.Of(s.Product, s.Category, s.Service)
}

// DefaultCatalog parses the embedded catalogue.
func DefaultCatalog() (*Catalog, error) {
	var c Catalog
	dec := yaml.NewDecoder(strings.NewReader(string(catalogYAML)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("embedded inventory catalogue: %w", err)
	}
	return &c, nil
}

// Source returns the catalogue entry with the given id.
func (c *Catalog) Source(id string) (*Source, bool) {
	for i := range c.Sources {
		if c.Sources[i].ID == id {
			return &c.Sources[i], true
		}
	}
	return nil, false
}

// IDs lists the catalogue's source ids.
func (c *Catalog) IDs() []string {
	var out []string
	for _, s := range c.Sources {
		out = append(out, s.ID)
	}
	return out
}
