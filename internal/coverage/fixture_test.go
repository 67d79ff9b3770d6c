package coverage

import (
	"math"
	"testing"

	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/inventory"
	"github.com/vigil-sec/vigil/internal/logsource"
)

// The fixtures are hand-built so the tests need neither ../shared nor the
// embedded ATT&CK snapshot, and so every expected number can be worked out
// from this file alone.

const (
	sysmonChannel = "Microsoft-Windows-Sysmon/Operational"
	sysmonName    = "WinEventLog:Sysmon"
)

// Technique positions in testDomain.
const (
	posT1059 int32 = iota
	posT1059001
	posT1059003
	posT1003
	posT1000 // revoked
)

// testDomain is a v18-model domain:
//   - T1059.001 is detected by DET0001 whose analytics are AN0001 (Windows:
//     Process Creation via Sysmon 1 or Security 4688, plus Script Execution
//     via PowerShell 4104), AN0002 (Linux: auditd), AN0003 (Windows,
//     deprecated) and AN0004 (Windows, no log sources);
//   - T1059 is detected by DET0002 whose analytic AN0005 (Windows, macOS)
//     reads a log source with no data component;
//   - T1059.003 and T1003 have no detection strategy.
func testDomain(t *testing.T) *attack.Domain {
	t.Helper()
	tech := func(id string, parent int32) attack.Technique {
		return attack.Technique{Meta: attack.Meta{ID: id, Name: id, RevokedBy: attack.None}, Platforms: []string{"Windows", "Linux"},
			IsSub: parent != attack.None, Parent: parent}
	}
	d := &attack.Domain{Name: attack.Enterprise, Model: attack.ModelDetectionStrategies,
		Techniques: []attack.Technique{
			tech("T1059", attack.None), tech("T1059.001", posT1059), tech("T1059.003", posT1059),
			tech("T1003", attack.None), tech("T1000", attack.None),
		},
		DataComponents: []attack.DataComponent{
			{Meta: attack.Meta{ID: "DC0032", Name: "Process Creation"}, DataSource: attack.None},
			{Meta: attack.Meta{ID: "DC0029", Name: "Script Execution"}, DataSource: attack.None},
		},
		Analytics: []attack.Analytic{
			{Meta: attack.Meta{ID: "AN0001"}, Platforms: []string{"Windows"}, LogSources: []attack.AnalyticLogSource{
				{Component: 0, LogSource: attack.LogSource{Name: sysmonName, Channel: "EventCode=1"}},
				{Component: 0, LogSource: attack.LogSource{Name: "WinEventLog:Security", Channel: "EventCode=4688"}},
				{Component: 1, LogSource: attack.LogSource{Name: "WinEventLog:PowerShell", Channel: "EventCode=4104"}},
			}},
			{Meta: attack.Meta{ID: "AN0002"}, Platforms: []string{"Linux"}, LogSources: []attack.AnalyticLogSource{
				{Component: 0, LogSource: attack.LogSource{Name: "auditd:SYSCALL", Channel: "execve"}},
			}},
			{Meta: attack.Meta{ID: "AN0003", Deprecated: true}, Platforms: []string{"Windows"}, LogSources: []attack.AnalyticLogSource{
				{Component: 0, LogSource: attack.LogSource{Name: sysmonName, Channel: "EventCode=1"}},
			}},
			{Meta: attack.Meta{ID: "AN0004"}, Platforms: []string{"Windows"}},
			{Meta: attack.Meta{ID: "AN0005"}, Platforms: []string{"Windows", "macOS"}, LogSources: []attack.AnalyticLogSource{
				{Component: attack.None, LogSource: attack.LogSource{Name: sysmonName, Channel: "EventCode=3"}},
			}},
		},
		Strategies: []attack.DetectionStrategy{
			{Meta: attack.Meta{ID: "DET0001"}, Analytics: []int32{0, 1, 2, 3}},
			{Meta: attack.Meta{ID: "DET0002"}, Analytics: []int32{4}},
		},
		Edges: []attack.Edge{
			{Kind: attack.StrategyDetects, From: 0, To: posT1059001},
			{Kind: attack.StrategyDetects, From: 1, To: posT1059},
		},
	}
	d.Techniques[posT1000].Revoked = true
	// Put builds the lookup index Compute's Find relies on.
	if _, err := attack.NewKB(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// testCatalog has Sysmon (events 1 and 3 only, so pipe events 17/18 are not
// collected), auditd, and a CloudTrail source no pipeline maps (fed directly).
func testCatalog() *inventory.Catalog {
	return &inventory.Catalog{Sources: []inventory.Source{
		{ID: "sysmon", Channels: []inventory.Channel{{Name: sysmonChannel, EventIDs: []int{1, 3}}},
			Attack: []inventory.AttackSource{{Name: sysmonName, FollowsChannel: []string{sysmonChannel}}}},
		{ID: "auditd", Attack: []inventory.AttackSource{{Name: "auditd:SYSCALL"}}},
		{ID: "cloudtrail", Attack: []inventory.AttackSource{{Name: "AWS:CloudTrail"}},
			Sigma: []inventory.SigmaLogsource{{Product: "aws", Service: "cloudtrail"}}},
	}}
}

func provided(sources ...string) *inventory.Provided {
	inv := &inventory.Inventory{}
	for _, s := range sources {
		inv.Sources = append(inv.Sources, inventory.Item{Source: s})
	}
	return inventory.Resolve(inv, testCatalog())
}

// testMapping routes process_creation to Sysmon 1 and pipe_created to Sysmon
// 17; aws/cloudtrail has no route.
func testMapping() *logsource.Mapping {
	sysmon := func(id string) []logsource.Condition {
		return []logsource.Condition{{Field: "Channel", Values: []string{sysmonChannel}}, {Field: "EventID", Values: []string{id}}}
	}
	return logsource.NewMapping([]*logsource.Pipeline{{Name: "test", Entries: []logsource.Entry{
		{Logsource: procCreation, Conditions: sysmon("1")},
		{Logsource: pipeCreated, Conditions: sysmon("17")},
	}}}, nil)
}

var (
	procCreation = logsource.Of("windows", "process_creation", "")
	pipeCreated  = logsource.Of("windows", "pipe_created", "")
	cloudtrail   = logsource.Of("aws", "", "cloudtrail")
)

func input(t *testing.T, platforms []string, rules []Rule, sources ...string) Input {
	return Input{Domain: testDomain(t), Platforms: platforms, Rules: rules, Provided: provided(sources...), Mapping: testMapping()}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
