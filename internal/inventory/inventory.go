package inventory

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Inventory is what an organisation says it collects.
type Inventory struct {
	Organisation string `yaml:"organisation" json:"organisation"`
	Sources      []Item `yaml:"sources" json:"sources"`
}

// Item is one collected source with its options.
type Item struct {
	Source             string   `yaml:"source" json:"source"`
	EventIDs           []int    `yaml:"event_ids,omitempty" json:"event_ids,omitempty"`
	Audit              []string `yaml:"audit,omitempty" json:"audit,omitempty"`
	ScriptBlockLogging bool     `yaml:"script_block_logging,omitempty" json:"script_block_logging,omitempty"`
	ModuleLogging      bool     `yaml:"module_logging,omitempty" json:"module_logging,omitempty"`
	Note               string   `yaml:"note,omitempty" json:"note,omitempty"`
}

// DefaultAudit is Windows' default audit policy, used when a windows-security
// item names neither audit groups nor event IDs.
func DefaultAudit() []string {
	return []string{"logon", "kerberos", "credential_validation", "account_management", "policy_change", "log_clear"}
}

// Parse reads an inventory file and checks every source and option against
// the catalogue; errors name the file and what to write instead.
func Parse(name string, data []byte, cat *Catalog) (*Inventory, error) {
	var inv Inventory
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&inv); err != nil {
		return nil, fmt.Errorf("%s: %v (see docs/inventory.md for the format)", name, err)
	}
	seen := map[string]bool{}
	for i, it := range inv.Sources {
		src, ok := cat.Source(it.Source)
		if !ok {
			return nil, fmt.Errorf("%s: sources[%d]: unknown source %q; known: %s", name, i, it.Source, strings.Join(cat.IDs(), ", "))
		}
		if seen[it.Source] {
			return nil, fmt.Errorf("%s: sources[%d]: %s is listed twice; merge the entries", name, i, it.Source)
		}
		seen[it.Source] = true
		if len(it.Audit) > 0 && len(src.AuditGroups) == 0 {
			return nil, fmt.Errorf("%s: sources[%d]: audit groups apply to windows-security only", name, i)
		}
		for _, a := range it.Audit {
			if _, ok := src.AuditGroups[a]; !ok {
				return nil, fmt.Errorf("%s: sources[%d]: %s has no audit group %q; known: %s", name, i, it.Source, a, strings.Join(sortedKeys(src.AuditGroups), ", "))
			}
		}
	}
	return &inv, nil
}

func sortedKeys(m map[string][]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether the inventory lists source id.
func (inv *Inventory) Has(id string) bool {
	for _, it := range inv.Sources {
		if it.Source == id {
			return true
		}
	}
	return false
}
