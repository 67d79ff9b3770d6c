package inventory

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/inventory.md from the catalogue")

// docs/inventory.md's catalogue table is generated from data/catalog.yml.
func TestInventoryDocMatchesCatalogue(t *testing.T) {
	cat, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(inventoryDocHead)
	b.WriteString("| source | what | platform | Windows channels (event IDs) | ATT&CK log sources | Sigma logsources fed directly |\n|---|---|---|---|---|---|\n")
	for _, s := range cat.Sources {
		var ch, at, sg []string
		for _, c := range s.Channels {
			ids := "all"
			if len(c.EventIDs) > 0 {
				ids = fmt.Sprint(c.EventIDs)
			} else if s.ID == "windows-security" || (s.ID == "powershell" && c.Name != "Windows PowerShell") {
				ids = "by option"
			}
			ch = append(ch, fmt.Sprintf("%s (%s)", c.Name, ids))
		}
		for _, a := range s.Attack {
			x := "`" + a.Name + "`"
			if a.Channel != "" {
				x += " (" + a.Channel + ")"
			}
			at = append(at, x)
		}
		for _, l := range s.Sigma {
			sg = append(sg, l.logsource().String())
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", s.ID, s.Label, s.Platform, strings.Join(ch, "; "), strings.Join(at, ", "), strings.Join(sg, "; "))
	}
	sec, _ := cat.Source("windows-security")
	var groups []string
	for g := range sec.AuditGroups {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	b.WriteString("\n## windows-security audit groups\n\n| group | event IDs |\n|---|---|\n")
	for _, g := range groups {
		fmt.Fprintf(&b, "| `%s` | %v |\n", g, sec.AuditGroups[g])
	}
	fmt.Fprintf(&b, "\nWithout `audit` or `event_ids`, windows-security means Windows' default audit policy: %s.\n", strings.Join(DefaultAudit(), ", "))
	path := filepath.Join("..", "..", "docs", "inventory.md")
	if *updateDocs {
		os.WriteFile(path, []byte(b.String()), 0o644)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != b.String() {
		t.Errorf("docs/inventory.md is out of date: run go test ./internal/inventory -update-docs")
	}
}

const inventoryDocHead = "# Log source inventory\n\n" +
	"Generated from `internal/inventory/data/catalog.yml` by `go test ./internal/inventory -update-docs`; do not edit.\n\n" +
	"An inventory file says what an organisation collects; `vigil assess --inventory FILE` reads it. Each entry names a\n" +
	"source from the catalogue below, with options:\n\n" +
	"```yaml\norganisation: Example\nsources:\n  - source: sysmon\n    event_ids: [1, 3, 7, 10, 11, 13, 22]   # default: every Sysmon event\n" +
	"  - source: windows-security\n    audit: [logon, kerberos, process_creation, log_clear]   # or event_ids: [...]\n" +
	"  - source: powershell\n    script_block_logging: true\n    module_logging: false\n  - source: windows-system\n  - source: m365\n```\n\n" +
	"vigil maps each source two ways. **Sigma:** Windows sources deliver event log channels and event IDs; a rule is\n" +
	"runnable when a logsource pipeline route of its log source ([logsource.md](logsource.md)) selects a collected\n" +
	"channel and event ID. Non-Windows sources feed the Sigma logsources listed. **ATT&CK:** each source provides\n" +
	"the log source names ATT&CK v18 analytics reference (`WinEventLog:Sysmon` with `EventCode=1`, `AWS:CloudTrail`,\n" +
	"…); an analytic's data component is visible when one of its log sources is collected (EventCode channels must\n" +
	"share an event ID with what is collected). Unknown sources, options or audit groups are errors naming the file.\n\n"
