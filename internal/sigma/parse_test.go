package sigma

import (
	"strings"
	"testing"
)

const okRule = `title: Test
id: 5f1c4c4d-2a6e-4c1a-9a41-0a6c9a3c1d10
status: test
level: high
tags: [attack.execution, attack.t1059.001]
logsource: {category: process_creation, product: windows}
detection:
  sel:
    Image|endswith: '\cmd.exe'
  condition: sel
`

func TestParseOK(t *testing.T) {
	docs := ParseFile("r.yml", []byte(okRule))
	if len(docs) != 1 || !docs[0].OK() || docs[0].Kind != KindRule {
		t.Fatalf("docs = %+v", docs)
	}
	d := docs[0]
	it := d.Rule.Detection.Searches[0].Alternatives[0][0]
	if it.Field != "Image" || it.Modifiers[0] != "endswith" || it.Values[0].Text != `\cmd.exe` {
		t.Errorf("item = %+v", it)
	}
	if it.Range.Start.Line != 9 || it.Range.Start.Column != 5 {
		t.Errorf("item range = %+v", it.Range)
	}
	if d.Meta.Tags[1] != "attack.t1059.001" || d.Rule.Logsource.Product != "windows" {
		t.Errorf("meta = %+v", d.Meta)
	}
}

// TestParseDiagnostics checks that each defect yields its code, at the
// right line, with the right severity.
func TestParseDiagnostics(t *testing.T) {
	cases := []struct {
		name, old, new, code string
		line                 int
		isErr                bool
	}{
		{"missing title", "title: Test\n", "", CodeMissing, 1, true},
		{"bad id", "id: 5f1c4c4d-2a6e-4c1a-9a41-0a6c9a3c1d10", "id: not-a-uuid", CodeID, 2, true},
		{"bad status", "status: test", "status: done", CodeStatus, 3, true},
		{"bad level", "level: high", "level: severe", CodeLevel, 4, true},
		{"bad tag", "attack.execution,", "Attack Execution,", CodeTag, 5, true},
		{"old tag", "attack.execution,", "attack.defense_evasion,", CodeTagDeprecated, 5, false},
		{"unknown modifier", "Image|endswith", "Image|endswidth", CodeModifier, 9, true},
		{"bad combo", "Image|endswith", "Image|re|base64", CodeModifierCombo, 9, true},
		{"all single", "Image|endswith", "Image|contains|all", CodeAllSingle, 9, true},
		{"unknown ident", "condition: sel", "condition: sel and nope", CodeCondUnknown, 10, true},
		{"pipe", "condition: sel", "condition: sel | count() by Image > 5", CodeCondPipe, 10, true},
		{"syntax", "condition: sel", "condition: sel and (", CodeCondSyntax, 10, true},
		{"no match pattern", "condition: sel", "condition: 1 of filter*", CodeCondPattern, 10, true},
		{"all of them", "condition: sel", "condition: all of them", CodeAllOfThem, 10, false},
		{"no condition", "  condition: sel\n", "", CodeCondMissing, 8, true},
		{"old date", "status: test", "date: 2020/01/02", CodeDate, 3, true},
		{"exists non-bool", "Image|endswith: '\\cmd.exe'", "Image|exists: yes please", CodeModValue, 9, true},
		{"gt non-number", "Image|endswith: '\\cmd.exe'", "Image|gt: abc", CodeModValue, 9, true},
		{"regex flag alone", "Image|endswith", "Image|i", CodeModifierCombo, 9, true},
		{"dup key", "level: high", "level: high\nlevel: low", CodeDuplicateKey, 5, true},
		{"unused", "  condition: sel", "  other: {a: b}\n  condition: sel", CodeUnused, 10, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(okRule, c.old, c.new, 1)
			if src == okRule {
				t.Fatal("replacement did nothing")
			}
			d := ParseFile("r.yml", []byte(src))[0]
			for _, x := range d.Diags {
				if x.Code == c.code {
					if x.Range.Start.Line != c.line {
						t.Errorf("%s at line %d, want %d", c.code, x.Range.Start.Line, c.line)
					}
					if d.OK() == c.isErr {
						t.Errorf("OK() = %v with %v", d.OK(), d.Diags)
					}
					return
				}
			}
			t.Errorf("no %s in %v", c.code, d.Diags)
		})
	}
}

func TestConditionColumn(t *testing.T) {
	src := strings.Replace(okRule, "condition: sel", "condition: 'sel and nope'", 1)
	d := ParseFile("r.yml", []byte(src))[0]
	for _, x := range d.Diags {
		if x.Code == CodeCondUnknown && x.Range.Start.Column != 23 {
			t.Errorf("column %d, want 23 (the 'n' of nope)", x.Range.Start.Column)
		}
	}
}

func TestMultiDocument(t *testing.T) {
	src := okRule + `---
title: F
logsource: {category: process_creation, product: windows}
filter:
  rules: [5f1c4c4d-2a6e-4c1a-9a41-0a6c9a3c1d10]
  sel: {User|startswith: adm_}
  condition: sel
---
title: C
correlation:
  type: event_count
  rules: [Test]
  group-by: [User]
  timespan: 5m
  condition: {gte: 10}
---
title: bad corr
correlation: {type: value_count, rules: [x], timespan: 5 minutes, condition: {gte: 2}}
`
	docs := ParseFile("m.yml", []byte(src))
	if len(docs) != 4 {
		t.Fatalf("%d docs", len(docs))
	}
	if docs[1].Kind != KindFilter || !docs[1].OK() || docs[1].Filter.Rules[0] != "5f1c4c4d-2a6e-4c1a-9a41-0a6c9a3c1d10" {
		t.Errorf("filter: %+v %v", docs[1].Filter, docs[1].Diags)
	}
	c := docs[2].Correlation
	if docs[2].Kind != KindCorrelation || !docs[2].OK() || c.Timespan.Minutes() != 5 || c.Condition["gte"] != 10 {
		t.Errorf("correlation: %+v %v", c, docs[2].Diags)
	}
	if docs[3].OK() {
		t.Errorf("bad correlation loaded: %v", docs[3].Diags)
	}
	if docs[3].Index != 3 {
		t.Errorf("index %d", docs[3].Index)
	}
}

func TestYAMLError(t *testing.T) {
	docs := ParseFile("b.yml", []byte("title: x\n  bad: [\n"))
	if len(docs) != 1 || docs[0].OK() || docs[0].Diags[0].Code != CodeYAML {
		t.Fatalf("%+v", docs)
	}
}

func FuzzParseFile(f *testing.F) {
	f.Add([]byte(okRule))
	f.Add([]byte("title: a\ndetection: {condition: [x, y], x: [a, b], y: {'|all': [c, d]}}\nlogsource: {}\n---\ntitle: c\ncorrelation: {type: temporal}\n"))
	f.Add([]byte("filter: {rules: any, s: {a|re|i: x}, condition: not s}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range ParseFile("f.yml", b) {
			if d.Kind == KindRule && d.OK() && d.Rule == nil {
				t.Fatal("loaded rule without model")
			}
		}
	})
}
