package inventory

import (
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/logsource"
)

func demo(t *testing.T) (*Catalog, *Inventory, *Provided, *logsource.Mapping) {
	t.Helper()
	cat, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	inv, err := Parse("demo", Demo, cat)
	if err != nil {
		t.Fatal(err)
	}
	b, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return cat, inv, Resolve(inv, cat), logsource.NewMapping(b, nil)
}

func TestFeeds(t *testing.T) {
	_, _, p, m := demo(t)
	for ls, want := range map[logsource.Logsource]bool{
		logsource.Of("windows", "process_creation", ""): true,  // Sysmon 1
		logsource.Of("windows", "process_access", ""):   true,  // Sysmon 10
		logsource.Of("windows", "registry_add", ""):     false, // Sysmon 12 not collected
		logsource.Of("windows", "registry_set", ""):     true,  // 13
		logsource.Of("windows", "pipe_created", ""):     false,
		logsource.Of("windows", "ps_script", ""):        true,
		logsource.Of("windows", "ps_module", ""):        false,
		logsource.Of("windows", "", "security"):         true,
		logsource.Of("windows", "", "system"):           true,
		logsource.Of("windows", "", "taskscheduler"):    false,
		logsource.Of("windows", "file_access", ""):      false,
		logsource.Of("m365", "", "exchange"):            true,
		logsource.Of("aws", "", "cloudtrail"):           false,
		logsource.Of("windows", "", ""):                 true,
	} {
		if got := p.Feeds(ls, m); got != want {
			t.Errorf("%s: feeds %v, want %v", ls, got, want)
		}
	}
}

func TestCovers(t *testing.T) {
	_, _, p, _ := demo(t)
	for ref, want := range map[[2]string]bool{
		{"WinEventLog:Sysmon", "EventCode=1"}:                          true,
		{"WinEventLog:Sysmon", "EventCode=12, 13"}:                     true,
		{"WinEventLog:Sysmon", "EventCode=17"}:                         false,
		{"WinEventLog:Security", "EventCode=4688"}:                     false,
		{"WinEventLog:Security", "EventCode=4624, 4648"}:               true,
		{"WinEventLog:PowerShell", "EventCode=4103, 4104, 4105, 4106"}: true,
		{"WinEventLog:PowerShell", "EventCode=4103"}:                   false,
		{"m365:unified", "UserLoggedIn"}:                               true,
		{"AWS:CloudTrail", "AssumeRole"}:                               false,
		{"winEventLog:system", "EventCode=7045"}:                       true,
	} {
		if got := p.Covers(ref[0], ref[1]); got != want {
			t.Errorf("%v: covers %v, want %v", ref, got, want)
		}
	}
}

func TestCandidates(t *testing.T) {
	cat, inv, _, m := demo(t)
	got := map[string]*Candidate{}
	cs := Candidates(inv, cat)
	for i := range cs {
		got[cs[i].ID] = &cs[i]
	}
	for _, id := range []string{"sysmon:12", "sysmon:17", "windows-security:process_creation", "powershell:module_logging", "cloudtrail", "edr"} {
		if got[id] == nil {
			t.Errorf("missing candidate %s", id)
		}
	}
	if got["sysmon:1"] != nil || got["m365"] != nil || got["powershell:script_block_logging"] != nil {
		t.Error("candidate for something already collected")
	}
	after := Resolve(got["sysmon:12"].Inventory, cat)
	if !after.Feeds(logsource.Of("windows", "registry_add", ""), m) || inv.Sources[0].EventIDs[len(inv.Sources[0].EventIDs)-1] == 12 {
		t.Error("candidate must change a copy, and feed registry_add")
	}
	if !strings.Contains(got["sysmon:12"].Description, "registry key created/deleted") {
		t.Errorf("description %q", got["sysmon:12"].Description)
	}
}

func TestParseErrors(t *testing.T) {
	cat, _ := DefaultCatalog()
	for src, want := range map[string]string{
		"sources: [{source: sysmn}]":                             "unknown source \"sysmn\"",
		"sources: [{source: sysmon}, {source: sysmon}]":          "listed twice",
		"sources: [{source: windows-security, audit: [logons]}]": "no audit group \"logons\"",
		"sources: [{source: sysmon, audit: [logon]}]":            "windows-security only",
		"sources: [{source: sysmon, eventids: [1]}]":             "eventids",
	} {
		if _, err := Parse("i.yml", []byte(src), cat); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}

func TestClassicPowerShellCountsForWinEventLogPowerShell(t *testing.T) {
	_, _, p, _ := demo(t)
	if !p.Covers("WinEventLog:PowerShell", "EventCode=400, 403") {
		t.Error("the classic Windows PowerShell log (400, 403) is collected with the powershell source")
	}
}

func FuzzParse(f *testing.F) {
	cat, err := DefaultCatalog()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(Demo)
	f.Add([]byte("sources: [{source: windows-security, event_ids: [4688]}, {source: powershell, module_logging: true}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := Parse("fuzz.yml", data, cat)
		if err != nil {
			return
		}
		p := Resolve(inv, cat)
		p.Covers("WinEventLog:Sysmon", "EventCode=1, 3")
		for _, c := range Candidates(inv, cat) {
			Resolve(c.Inventory, cat)
		}
	})
}
