package inventory

import (
	"fmt"
	"sort"
)

// Candidate is one change to an inventory that could close gaps: collect a
// new source, or switch on one more event ID, audit group or logging option
// of a source already collected.
type Candidate struct {
	ID          string     `json:"id"`          // stable key, e.g. "sysmon:10"
	Source      string     `json:"source"`      // the catalogue source it adds or changes
	NewSource   bool       `json:"new_source"`  // a new source to deploy, not an option of one already collected
	Description string     `json:"description"` // e.g. "collect Sysmon EventID 10 (ProcessAccess)"
	Inventory   *Inventory `json:"-"`           // the inventory with the change applied
}

// Candidates lists every single-step improvement of inv, in a stable order.
func Candidates(inv *Inventory, cat *Catalog) []Candidate {
	var out []Candidate
	for _, src := range cat.Sources {
		idx := -1
		for i, it := range inv.Sources {
			if it.Source == src.ID {
				idx = i
			}
		}
		if idx < 0 {
			out = append(out, Candidate{ID: src.ID, Source: src.ID, NewSource: true, Description: "collect " + src.Label,
				Inventory: inv.with(Item{Source: src.ID, ScriptBlockLogging: src.ID == "powershell"})})
			continue
		}
		out = append(out, refinements(inv, idx, &src)...)
	}
	return out
}

// refinements lists the options of an already collected source that are off.
func refinements(inv *Inventory, idx int, src *Source) []Candidate {
	it := inv.Sources[idx]
	var out []Candidate
	switch src.ID {
	case "sysmon", "edr":
		if len(it.EventIDs) == 0 {
			return nil
		}
		for _, id := range src.Channels[0].EventIDs {
			if !containsInt(it.EventIDs, id) {
				n := it
				n.EventIDs = append(append([]int{}, it.EventIDs...), id)
				out = append(out, Candidate{ID: fmt.Sprintf("%s:%d", src.ID, id),
					Description: fmt.Sprintf("collect %s EventID %d (%s)", titleOf(src), id, SysmonEventName(id)),
					Inventory:   inv.replace(idx, n)})
			}
		}
	case "windows-security":
		have := it.Audit
		if len(have) == 0 && len(it.EventIDs) == 0 {
			have = DefaultAudit()
		}
		var groups []string
		for g := range src.AuditGroups {
			if !containsStr(have, g) {
				groups = append(groups, g)
			}
		}
		sort.Strings(groups)
		for _, g := range groups {
			n := it
			n.Audit = append(append([]string{}, have...), g)
			out = append(out, Candidate{ID: "windows-security:" + g,
				Description: fmt.Sprintf("audit %s in the Security log (event IDs %v)", g, src.AuditGroups[g]),
				Inventory:   inv.replace(idx, n)})
		}
	case "powershell":
		if !it.ScriptBlockLogging {
			n := it
			n.ScriptBlockLogging = true
			out = append(out, Candidate{ID: "powershell:script_block_logging", Description: "turn on PowerShell script block logging (4104)", Inventory: inv.replace(idx, n)})
		}
		if !it.ModuleLogging {
			n := it
			n.ModuleLogging = true
			out = append(out, Candidate{ID: "powershell:module_logging", Description: "turn on PowerShell module logging (4103)", Inventory: inv.replace(idx, n)})
		}
	}
	for i := range out {
		out[i].Source = src.ID
	}
	return out
}

func titleOf(src *Source) string {
	if src.ID == "edr" {
		return "EDR"
	}
	return "Sysmon"
}

func (inv *Inventory) with(it Item) *Inventory {
	n := &Inventory{Organisation: inv.Organisation, Sources: append(append([]Item{}, inv.Sources...), it)}
	return n
}

func (inv *Inventory) replace(i int, it Item) *Inventory {
	n := &Inventory{Organisation: inv.Organisation, Sources: append([]Item{}, inv.Sources...)}
	n.Sources[i] = it
	return n
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func containsStr(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// SysmonEventName names a Sysmon event ID.
func SysmonEventName(id int) string {
	names := map[int]string{1: "process creation", 2: "file creation time changed", 3: "network connection",
		4: "Sysmon state change", 5: "process terminated", 6: "driver loaded", 7: "image loaded",
		8: "CreateRemoteThread", 9: "RawAccessRead", 10: "process access", 11: "file created",
		12: "registry key created/deleted", 13: "registry value set", 14: "registry key renamed",
		15: "file stream created", 16: "Sysmon config change", 17: "pipe created", 18: "pipe connected",
		19: "WMI filter", 20: "WMI consumer", 21: "WMI binding", 22: "DNS query", 23: "file delete archived",
		24: "clipboard change", 25: "process tampering", 26: "file delete logged", 27: "file block executable",
		28: "file block shredding", 29: "file executable detected", 255: "Sysmon error"}
	if n, ok := names[id]; ok {
		return n
	}
	return "event " + fmt.Sprint(id)
}
