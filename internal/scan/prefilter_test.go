package scan

import (
	"fmt"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// edgeRules exercise what the prefilter must not cut: negations, null,
// exists, keywords, regex, numbers, windash, cased, field renames (4688),
// non-ASCII folding, arrays.
const edgeRules = `title: neq
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: '\x.exe'}, f: {User|neq: admin}, condition: sel or f}
---
title: not
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|contains: whoami}, condition: not sel}
---
title: null value
logsource: {product: windows, category: process_creation}
detection: {sel: {ParentImage: null}, condition: sel}
---
title: exists
logsource: {product: windows, category: process_creation}
detection: {sel: {Hashes|exists: false}, condition: sel}
---
title: keywords
logsource: {product: windows, service: security}
detection: {keywords: ['mimikatz', 'sekurlsa'], condition: keywords}
---
title: keyword neq
logsource: {product: windows, service: security}
detection: {keywords: {'|neq': 'x'}, condition: keywords}
---
title: regex
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|re: 'ab+c'}, condition: sel}
---
title: number value
logsource: {product: windows, service: security}
detection: {sel: {LogonType: 10}, condition: sel}
---
title: windash
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|windash|contains: ' -enc '}, condition: sel}
---
title: cased
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|cased|contains: 'ABC'}, condition: sel}
---
title: kelvin
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|contains: 'kit'}, condition: sel}
---
title: all
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|contains|all: ['aa', 'bb']}, condition: sel}
---
title: renamed
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: '\cmd.exe'}, condition: sel}
`

func TestPrefilterEdgeCases(t *testing.T) {
	docs := sigma.ParseFile("edge.yml", []byte(edgeRules))
	set := match.Load(docs, match.Options{})
	for _, d := range docs {
		if !d.OK() {
			t.Fatalf("%s: %v", d.Meta.Title, d.Diags)
		}
	}
	b, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := logsource.NewMapping(b, nil)
	plan := NewPlan(set.Rules, Selection{}, m)
	fast, ref := NewRouter(plan, m), NewRouter(plan, m)
	events := []string{
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\x.exe","User":"admin","CommandLine":"whoami","ParentImage":"p","Hashes":"h"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\y.exe","User":"bob","CommandLine":"abbbc /enc x","Hashes":"h"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\\u212Ait.exe","CommandLine":"ABC xx bb aa","ParentImage":null}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":"1","Image":["a","C:\\CMD.EXE"],"CommandLine":"abc \u2013enc y"}`,
		`{"Channel":"Security","EventID":4688,"NewProcessName":"C:\\Windows\\cmd.exe","CommandLine":"x"}`,
		`{"Channel":"security","EventID":4624,"LogonType":"1e1","Msg":["a","MiMiKaTz"]}`,
		`{"Channel":"Security","EventID":4624,"LogonType":3,"Data":"x"}`,
		`{"Channel":"Security","EventID":4625}`,
	}
	for i, line := range events {
		var d input.FlatDecoder
		ev, ok := d.Decode([]byte(line))
		if !ok {
			t.Fatalf("event %d not flat", i)
		}
		rec, err := input.DecodeJSON("t", 1, []byte(line), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		fast.Match(ev, func(r *match.Rule) { got = append(got, r.Meta().Title) })
		ref.MatchReference(rec.Event, func(r *match.Rule) { want = append(want, r.Meta().Title) })
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("event %d: fast %v, reference %v", i, got, want)
		}
		var gotMap []string
		fast.Match(event.Map(rec.Event), func(r *match.Rule) { gotMap = append(gotMap, r.Meta().Title) })
		if fmt.Sprint(gotMap) != fmt.Sprint(want) {
			t.Errorf("event %d (map): fast %v, reference %v", i, gotMap, want)
		}
		if len(want) == 0 && i < 6 {
			t.Errorf("event %d: no rule fired; the case tests nothing", i)
		}
	}
}
