package match

import (
	"fmt"
	"testing"

	"github.com/vigil-sec/vigil/internal/sigma"
)

func TestInputs(t *testing.T) {
	for _, c := range []struct {
		name, detection string
		want            string // fmt of the fields, or "-" when not ok
	}{
		{"fields in first-use order", `{sel: {Image|endswith: x.exe, CommandLine|contains: y}, f: {User: admin}, condition: sel and not f}`, "[Image CommandLine User]"},
		{"exists and null", `{a: {Hashes|exists: true}, b: {ParentImage: null}, condition: a or b}`, "[Hashes ParentImage]"},
		{"fieldref reads its reference", `{sel: {TargetUserName|fieldref: SubjectUserName}, condition: sel}`, "[TargetUserName SubjectUserName]"},
		{"keywords read every value", `{sel: {Image: x}, keywords: [mimikatz], condition: sel or keywords}`, "-"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := load(t, "title: t\nlogsource: {product: windows}\ndetection: "+c.detection+"\n", nil)
			f, ok := r.Inputs()
			got := fmt.Sprint(f)
			if !ok {
				got = "-"
			}
			if got != c.want {
				t.Errorf("Inputs() = %s, want %s", got, c.want)
			}
		})
	}
}

// A meta filter applied to a rule adds the fields it reads.
func TestInputsOfAFilteredRule(t *testing.T) {
	docs := sigma.ParseFile("t.yml", []byte(`title: r
id: 5d6b2a44-3a54-4d3b-9a0a-6a4cf7f3e0a1
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: x.exe}, condition: sel}
---
title: f
filter:
  rules: [5d6b2a44-3a54-4d3b-9a0a-6a4cf7f3e0a1]
  selection: {User: admin}
  condition: not selection
logsource: {product: windows, category: process_creation}
`))
	set := Load(docs, Options{})
	for _, d := range docs {
		if !d.OK() {
			t.Fatalf("%s: %v", d.Meta.Title, d.Diags)
		}
	}
	f, ok := set.Rules[0].Inputs()
	if !ok || fmt.Sprint(f) != "[Image User]" {
		t.Errorf("Inputs() = %v, %v; want [Image User], true", f, ok)
	}
}
