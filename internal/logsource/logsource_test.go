package logsource

import (
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
)

func builtinMapping(t *testing.T) *Mapping {
	t.Helper()
	b, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return NewMapping(b, nil)
}

func ev(kv ...any) event.Map {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return event.Map(m)
}

func routed(m *Mapping, ls Logsource, e event.Event) (*Entry, bool) {
	for _, r := range m.Routes(ls) {
		if r.Matches(e) {
			return r, true
		}
	}
	return nil, false
}

func TestBuiltinRouting(t *testing.T) {
	m := builtinMapping(t)
	pc := Of("windows", "process_creation", "")
	cases := []struct {
		name string
		ls   Logsource
		ev   event.Map
		want bool
	}{
		{"sysmon 1", pc, ev("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 1), true},
		{"channel case", pc, ev("Channel", "microsoft-windows-sysmon/operational", "EventID", "1"), true},
		{"security 4688", pc, ev("Channel", "Security", "EventID", 4688), true},
		{"security lower case", pc, ev("Channel", "security", "EventID", 4688), true},
		{"sysmon 3 is not process creation", pc, ev("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 3), false},
		{"no channel", pc, ev("EventID", 1), false},
		{"registry_add needs CreateKey", Of("windows", "registry_add", ""), ev("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 12, "EventType", "SetValue"), false},
		{"registry_add", Of("windows", "registry_add", ""), ev("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 12, "EventType", "CreateKey"), true},
		{"ps_script core", Of("windows", "ps_script", ""), ev("Channel", "PowerShellCore/Operational", "EventID", 4104), true},
		{"security service", Of("windows", "", "security"), ev("Channel", "Security", "EventID", 4625), true},
		{"product only", Of("windows", "", ""), ev("Channel", "System", "EventID", 7045), true},
		{"antivirus without product", Of("", "antivirus", ""), ev("Channel", "Microsoft-Windows-Windows Defender/Operational", "EventID", 1116), true},
	}
	for _, c := range cases {
		if _, got := routed(m, c.ls, c.ev); got != c.want {
			t.Errorf("%s: routed %v, want %v", c.name, got, c.want)
		}
	}
	if m.Routes(Of("windows", "file_access", "")) != nil {
		t.Error("file_access has no Windows source in the built-in pipelines; it must be reported unmapped")
	}
	e, _ := routed(m, pc, ev("Channel", "Security", "EventID", 4688))
	if e.Fields["Image"] != "NewProcessName" {
		t.Errorf("4688 renames: %v", e.Fields)
	}
}

func TestUserPipelineOverridesAndExtends(t *testing.T) {
	b, _ := Builtin()
	user, diags := Parse("mine.yml", []byte(`name: mine
mappings:
  - logsource: {product: windows, category: process_creation}
    conditions: {Channel: EDR, EventID: [1]}
  - logsource: {product: windows, service: security}
    extend: true
    conditions: {Channel: ForwardedEvents, Provider_Name: Microsoft-Windows-Security-Auditing}
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	m := NewMapping(b, []*Pipeline{user})
	if n := len(m.Routes(Of("windows", "process_creation", ""))); n != 1 {
		t.Errorf("override: %d routes, want 1", n)
	}
	if n := len(m.Routes(Of("windows", "", "security"))); n != 2 {
		t.Errorf("extend: %d routes, want 2", n)
	}
}

func TestParseErrorsNamePosition(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"name: x\nmappings:\n  - logsource: {product: windows}\n", "no conditions"},
		{"name: x\nmappings:\n  - logsource: {produkt: windows}\n    conditions: {EventID: 1}\n", "unknown logsource key"},
		{"mappings: []\n", "no name"},
		{"name: x\nmapings: []\n", "unknown pipeline key"},
		{"name: [\n", "not valid YAML"},
	} {
		_, diags := Parse("p.yml", []byte(c.src))
		if !diags.HasErrors() || !strings.Contains(diags.String(), c.want) || !strings.Contains(diags.String(), "p.yml") {
			t.Errorf("%q: %v, want %q", c.src, diags, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	b, _ := BuiltinFiles().(interface{ ReadFile(string) ([]byte, error) }).ReadFile("pipelines/sysmon.yml")
	f.Add(b)
	f.Add([]byte("name: x\nmappings:\n  - logsource: {product: windows}\n    conditions: {Channel: '*'}\n    fields: {a: b}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, diags := Parse("f.yml", data)
		if p != nil && !diags.HasErrors() {
			NewMapping(nil, []*Pipeline{p}).Logsources()
		}
	})
}
