// Package rulepack is vigil's starter Sigma rule pack: rules written by the
// vigil project for the ATT&CK techniques that the threat groups targeting
// a health insurer use most (see docs/starter-pack.md).
//
// The rules are embedded, so the binary can scan without any rule files on
// disk. Every rule carries its own example events under the custom
// top-level key "tests" (match, nomatch and, for process_creation rules,
// match_4688 with Security 4688 field names); the package tests check that
// every example behaves as stated.
package rulepack

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed rules/*.yml
var rules embed.FS

// Dir is the directory of the rules inside FS.
const Dir = "rules"

// FS returns the embedded rules, under Dir ("rules/*.yml").
func FS() fs.FS { return rules }

// Files lists the rule files in FS, sorted by name.
func Files() []string {
	ents, _ := fs.ReadDir(rules, Dir) // cannot fail: the directory is embedded
	var out []string
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yml") {
			out = append(out, Dir+"/"+e.Name())
		}
	}
	return out
}

// Source is where a Windows logsource's events come from in vigil's
// canonical flat event form: the Channel and, when the logsource is one
// event type, its EventIDs.
type Source struct {
	Channel  string
	EventIDs []int // empty: every event of the channel
}

const sysmon = "Microsoft-Windows-Sysmon/Operational"

// WindowsSource says which events a rule with the given logsource reads,
// for product windows. It is the routing the starter pack and the demo
// dataset assume (Sysmon for the generic categories, PowerShell/Operational
// 4104 for ps_script); ok is false for a logsource it does not know.
// Security 4688 process creation needs field mapping as well as routing
// and is not covered here.
func WindowsSource(category, product, service string) (src Source, ok bool) {
	if product != "windows" {
		return Source{}, false
	}
	if category == "" {
		switch service {
		case "security":
			return Source{Channel: "Security"}, true
		case "system":
			return Source{Channel: "System"}, true
		case "sysmon":
			return Source{Channel: sysmon}, true
		case "powershell":
			return Source{Channel: "Microsoft-Windows-PowerShell/Operational"}, true
		}
		return Source{}, false
	}
	if service != "" {
		return Source{}, false
	}
	ids := map[string]int{
		"process_creation":     1,
		"network_connection":   3,
		"create_remote_thread": 8,
		"image_load":           7,
		"process_access":       10,
		"file_event":           11,
		"registry_set":         13,
		"dns_query":            22,
	}
	if id, ok := ids[category]; ok {
		return Source{Channel: sysmon, EventIDs: []int{id}}, true
	}
	if category == "ps_script" {
		return Source{Channel: "Microsoft-Windows-PowerShell/Operational", EventIDs: []int{4104}}, true
	}
	return Source{}, false
}

// Has reports whether an event with this channel and event ID belongs to s.
func (s Source) Has(channel string, eventID int) bool {
	if channel != s.Channel {
		return false
	}
	if len(s.EventIDs) == 0 {
		return true
	}
	for _, id := range s.EventIDs {
		if id == eventID {
			return true
		}
	}
	return false
}
