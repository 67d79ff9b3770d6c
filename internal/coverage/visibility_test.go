package coverage

import (
	"reflect"
	"testing"

	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/inventory"
)

const noAnalytic = "no ATT&CK analytic for this technique on the profile's platforms"

var (
	sysmon1    = LogNeed{"DC0032 Process Creation", sysmonName, "EventCode=1", true}
	sysmon1Off = LogNeed{"DC0032 Process Creation", sysmonName, "EventCode=1", false}
	sec4688    = LogNeed{"DC0032 Process Creation", "WinEventLog:Security", "EventCode=4688", false}
	ps4104     = LogNeed{"DC0029 Script Execution", "WinEventLog:PowerShell", "EventCode=4104", false}
	auditd     = LogNeed{"DC0032 Process Creation", "auditd:SYSCALL", "execve", true}
	auditdOff  = LogNeed{"DC0032 Process Creation", "auditd:SYSCALL", "execve", false}
	// AN0005's log source has no data component: its name stands for one.
	sysmon3 = LogNeed{sysmonName, sysmonName, "EventCode=3", true}
)

// See testDomain for the analytics. AN0003 (deprecated) and AN0004 (no log
// sources) must never count.
func TestVisibility(t *testing.T) {
	sysmonOnly3 := &inventory.Inventory{Sources: []inventory.Item{{Source: "sysmon", EventIDs: []int{3}}}}
	for _, c := range []struct {
		name      string
		tech      string
		platforms []string
		provided  *inventory.Provided
		want      Visibility
	}{
		{"one of two data components seen (either Process Creation source is enough)", "T1059.001", []string{"Windows"}, provided("sysmon"),
			Visibility{Score: 0.5, Analytic: "AN0001", Platform: "Windows", Needed: []LogNeed{sysmon1, sec4688, ps4104}, Analytics: 1,
				ByPlatform: map[string]float64{"Windows": 0.5}}},
		{"an event ID outside what is collected is not seen", "T1059.001", []string{"Windows"}, inventory.Resolve(sysmonOnly3, testCatalog()),
			Visibility{Score: 0, Analytic: "AN0001", Platform: "Windows", Needed: []LogNeed{sysmon1Off, sec4688, ps4104}, Analytics: 1,
				ByPlatform: map[string]float64{"Windows": 0}}},
		{"nothing collected: the first analytic is reported with score 0", "T1059.001", []string{"Windows", "Linux"}, provided(),
			Visibility{Score: 0, Analytic: "AN0001", Platform: "Windows", Needed: []LogNeed{sysmon1Off, sec4688, ps4104}, Analytics: 2,
				ByPlatform: map[string]float64{"Windows": 0, "Linux": 0}}},
		{"the best analytic across platforms wins; each platform keeps its own best", "T1059.001", []string{"Windows", "Linux"}, provided("sysmon", "auditd"),
			Visibility{Score: 1, Analytic: "AN0002", Platform: "Linux", Needed: []LogNeed{auditd}, Analytics: 2,
				ByPlatform: map[string]float64{"Windows": 0.5, "Linux": 1}}},
		{"analytics of other platforms are ignored", "T1059.001", []string{"Linux"}, provided("sysmon"),
			Visibility{Score: 0, Analytic: "AN0002", Platform: "Linux", Needed: []LogNeed{auditdOff}, Analytics: 1,
				ByPlatform: map[string]float64{"Linux": 0}}},
		{"no analytic on the profile's platforms", "T1059.001", []string{"macOS"}, provided("sysmon"),
			Visibility{Needed: []LogNeed{}, ByPlatform: map[string]float64{}, Note: noAnalytic}},
		{"a log source without data component; platforms match case-insensitively", "T1059", []string{"windows", "MACOS"}, provided("sysmon"),
			Visibility{Score: 1, Analytic: "AN0005", Platform: "Windows", Needed: []LogNeed{sysmon3}, Analytics: 1,
				ByPlatform: map[string]float64{"Windows": 1, "macOS": 1}}},
		{"a parent does not inherit its sub-techniques' analytics", "T1059", []string{"Linux"}, provided("auditd"),
			Visibility{Needed: []LogNeed{}, ByPlatform: map[string]float64{}, Note: noAnalytic}},
		{"technique without detection strategy", "T1003", []string{"Windows"}, provided("sysmon"),
			Visibility{Needed: []LogNeed{}, ByPlatform: map[string]float64{}, Note: noAnalytic}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Domain: testDomain(t), Platforms: c.platforms, Provided: c.provided, Mapping: testMapping()}
			got := Compute(in, []string{c.tech})[c.tech]
			if got == nil {
				t.Fatalf("%s missing", c.tech)
			}
			if !reflect.DeepEqual(got.Visibility, c.want) {
				t.Errorf("%s visibility\n got %+v\nwant %+v", c.tech, got.Visibility, c.want)
			}
		})
	}
}

// With a v17 bundle (no detection strategies) visibility is not computed,
// and the report must say why rather than show a silent zero.
func TestVisibilityV17(t *testing.T) {
	in := input(t, []string{"Windows"}, nil, "sysmon")
	in.Domain.Model = attack.ModelDataComponents
	v := Compute(in, []string{"T1059.001"})["T1059.001"].Visibility
	want := Visibility{Needed: []LogNeed{}, ByPlatform: map[string]float64{},
		Note: "the loaded ATT&CK release has no detection strategies (v17 model): visibility is not computed"}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %+v, want %+v", v, want)
	}
}
