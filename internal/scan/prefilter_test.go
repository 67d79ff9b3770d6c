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
---
title: number eventid
logsource: {product: windows, service: security}
detection: {sel: {EventID: 4625}, condition: sel}
---
title: number list
logsource: {product: windows, service: security}
detection: {sel: {LogonType: [3, 10]}, condition: sel}
---
title: number negative
logsource: {product: windows, service: security}
detection: {sel: {Delta: -5}, condition: sel}
---
title: number zero
logsource: {product: windows, service: security}
detection: {sel: {Zero: 0}, condition: sel}
---
title: number leading zero
logsource: {product: windows, service: security}
detection: {sel: {Pad: 007}, condition: sel}
---
title: number float
logsource: {product: windows, service: security}
detection: {sel: {Ratio: 1.5}, condition: sel}
---
title: number and string
logsource: {product: windows, service: security}
detection: {sel: {Status: 5, Note|contains: 'abc'}, condition: sel}
---
title: number quoted
logsource: {product: windows, service: security}
detection: {sel: {Quoted: '12'}, condition: sel}
---
title: number all
logsource: {product: windows, service: security}
detection: {sel: {Multi|all: [1, 2]}, condition: sel}
---
title: regex literal
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|re: '\s-(enc|EncodedCommand)\s+[A-Za-z0-9+/=]{8,}'}, condition: sel}
---
title: regex case-insensitive
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|re|i: 'invoke-(mimikatz|kerberoast)'}, condition: sel}
---
title: regex optional
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|re: '(abc)?xyz+'}, condition: sel}
---
title: regex repeat
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|re: '(?:kit){2}|q{3}'}, condition: sel}
---
title: regex invalid utf8
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|re: 'a\x{FFFD}b\x{FFFD}c'}, condition: sel}
---
title: regex keyword
logsource: {product: windows, service: security}
detection: {keywords: {'|re': 'pass(word|wd)=\S+'}, condition: keywords}
---
title: number renamed
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: 'z.exe', ProcessId: 4}, condition: sel}
---
title: keywords everywhere
logsource: {product: windows}
detection: {keywords: ['mimidrv.sys', 'privilege::debug'], condition: keywords}
---
title: two clauses
logsource: {product: windows, category: process_creation}
detection: {img: {Image|endswith: '\rundll32.exe'}, cli: {CommandLine|contains: 'javascript:'}, condition: img and cli}
`

// planOf compiles the rules of src with the built-in log source mapping.
func planOf(t *testing.T, src string) (Plan, *logsource.Mapping) {
	t.Helper()
	docs := sigma.ParseFile("rules.yml", []byte(src))
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
	return NewPlan(set.Rules, Selection{}, m), m
}

func TestPrefilterEdgeCases(t *testing.T) {
	plan, m := planOf(t, edgeRules)
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
		// numbers: the prefilter compares canonical integer text exactly and
		// lets anything else through to the numeric comparison
		`{"Channel":"Security","EventID":"4625","LogonType":"3"}`,
		`{"Channel":"Security","EventID":4625.0,"LogonType":"3.0"}`,
		`{"Channel":"Security","EventID":"04625","LogonType":" 3"}`,
		`{"Channel":"Security","EventID":"0x1351","LogonType":"0x3"}`,
		`{"Channel":"Security","EventID":4.625e3,"LogonType":3e0}`,
		`{"Channel":"Security","EventID":14625,"LogonType":13}`,
		`{"Channel":"Security","EventID":46250,"LogonType":[1,3]}`,
		`{"Channel":"Security","EventID":4624,"LogonType":["1","10.00"]}`,
		`{"Channel":"Security","EventID":4624,"LogonType":true,"Delta":-5}`,
		`{"Channel":"Security","EventID":4624,"LogonType":null,"Delta":"-5.0"}`,
		`{"Channel":"Security","EventID":4624,"Delta":"-05","Zero":"-0"}`,
		`{"Channel":"Security","EventID":4624,"Delta":"5","Zero":0}`,
		`{"Channel":"Security","EventID":4624,"Zero":"0.0","Pad":"007"}`,
		`{"Channel":"Security","EventID":4624,"Pad":7}`,
		`{"Channel":"Security","EventID":4624,"Pad":"7.0","Ratio":"1.50"}`,
		`{"Channel":"Security","EventID":4624,"Ratio":1.5,"Status":"5","Note":"xABCx"}`,
		`{"Channel":"Security","EventID":4624,"Status":"+5","Note":"abc","Quoted":12}`,
		`{"Channel":"Security","EventID":4624,"Status":"55","Note":"abc","Quoted":"12.0"}`,
		`{"Channel":"Security","EventID":4624,"Multi":[1,"2"],"Quoted":"012"}`,
		`{"Channel":"Security","EventID":4624,"Multi":[1,"2.0"]}`,
		`{"Channel":"Security","EventID":4624,"Multi":[1,3]}`,
		`{"Channel":"Security","EventID":4624,"LogonType":"999999999999999999","Delta":"-5e0"}`,
		`{"Channel":"Security","EventID":4624,"LogonType":"1_0","Delta":-5.0}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\z.exe","ProcessId":"4"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\z.exe","ProcessId":"4.0"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\z.exe","ProcessId":44}`,
		`{"Channel":"Security","EventID":4688,"NewProcessName":"C:\\z.exe","NewProcessId":"0x4"}`,
		`{"Channel":"Security","EventID":4688,"NewProcessName":"C:\\z.exe","ProcessId":4}`,
		// regular expressions anchored by their required literals
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"powershell -enc SQBFAFgAIAAo"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"powershell -EncodedCommand SQBFAFgAIAAo"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"powershell -ENC SQBFAFgAIAAo"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"INVOKE-MimiKatz x"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"invoke-\u212Aerberoast"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"xyzz"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"abcXYZ qqq"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"kitKIT \u212Ait"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":["a","kitkit"]}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"a\ufffdb\ufffdc"}`,
		`{"Channel":"Security","EventID":4624,"Msg":"user PASSWORD=x","Other":["passwd=y"]}`,
		`{"Channel":"Security","EventID":4624,"Msg":"password= x"}`,
		// keyword needles found by a field's own automaton, by the keyword
		// automaton, in an array, and in a duplicate key Walk does not see
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"x PRIVILEGE::debug"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Description":"loads MimiDrv.sys now"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":["a","privilege::debug"]}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"privilege::debug","CommandLine":"plain"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"CommandLine":"plain","CommandLine":"mimidrv.sys"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"privilege::debug"}`,
		// a rule demanding both of its anchor clauses
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\rundll32.exe","CommandLine":"a JavaScript:x"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\rundll32.exe","CommandLine":"plain"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\x.exe","CommandLine":"javascript:"}`,
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
		t.Logf("event %d: %v", i, want)
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
