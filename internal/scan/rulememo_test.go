package scan

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

const memoRules = `title: fieldref
logsource: {product: windows, service: security}
detection: {sel: {TargetUserName|fieldref: SubjectUserName}, condition: sel}
---
title: number
logsource: {product: windows, service: security}
detection: {sel: {LogonType: 10}, condition: sel}
---
title: exists
logsource: {product: windows, service: security}
detection: {sel: {Hashes|exists: false}, condition: sel}
---
title: null value
logsource: {product: windows, service: security}
detection: {sel: {ParentImage: null}, condition: sel}
---
title: contains not user
logsource: {product: windows, service: security}
detection: {sel: {CommandLine|contains: whoami}, f: {SubjectUserName: admin}, condition: sel and not f}
---
title: greater
logsource: {product: windows, service: security}
detection: {sel: {LogonType|gt: 5}, condition: sel}
---
title: cidr
logsource: {product: windows, service: security}
detection: {sel: {IpAddress|cidr: 10.0.0.0/8}, condition: sel}
---
title: one of two present
logsource: {product: windows, service: security}
detection: {a: {CommandLine|exists: true}, b: {SubjectUserName|exists: false}, condition: a and b}
---
title: lengths
logsource: {product: windows, service: security}
detection: {a: {CommandLine|re: '^.{7}$'}, b: {SubjectUserName|re: '^.{5}$'}, condition: a and b}
`

// TestRuleMemoAgreesWithReference sends events whose fields take a few
// recurring values, written every way JSON allows (numbers as numbers and
// as text, true, null, arrays, absent), through the fast path, whose rule
// memos answer most evaluations, and through the reference path. Some
// values would give two events the same key if a key lost where one field
// ends ("whoami\x01" + "admin" against "whoami" + "\x01admin") or which
// field is absent.
func TestRuleMemoAgreesWithReference(t *testing.T) {
	plan, m := planOf(t, memoRules)
	fast, ref := NewRouter(plan, m), NewRouter(plan, m)
	values := map[string][]string{
		"LogonType":       {`10`, `"10"`, `3`, `"3"`, `"10.0"`, `1e1`, `true`, `null`, `["10"]`, `[3]`},
		"TargetUserName":  {`"admin"`, `"ADMIN"`, `"bob"`, `null`, `["bob","admin"]`},
		"SubjectUserName": {`"admin"`, `"bob"`, `"Bob"`, `7`, `["admin"]`, `"whoami /all"`, `"\u0001admin"`},
		"Hashes":          {`"MD5=00"`, `null`, `""`},
		"ParentImage":     {`null`, `"C:\\p.exe"`, `"null"`, `[null]`},
		"CommandLine":     {`"whoami /all"`, `"WHOAMI"`, `"cmd"`, `["x","whoami"]`, `"whoami\u0001"`, `"whoami"`},
		"IpAddress":       {`"10.1.2.3"`, `"::ffff:10.0.0.1"`, `"192.168.0.1"`, `"10.0.0.300"`, `10`},
	}
	var keys []string
	for k := range values {
		keys = append(keys, k)
	}
	rng := rand.New(rand.NewSource(5))
	matched := 0
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		sb.WriteString(`{"Channel":"Security","EventID":4624`)
		for _, k := range keys {
			if rng.Intn(5) > 0 {
				vs := values[k]
				fmt.Fprintf(&sb, `,%q:%s`, k, vs[rng.Intn(len(vs))])
			}
		}
		sb.WriteString("}")
		if agree(t, fast, ref, i, []byte(sb.String())) {
			matched++
		}
	}
	if fast.rm.hits < 10000 {
		t.Fatalf("only %d answers came from a rule memo: the test exercises little", fast.rm.hits)
	}
	t.Logf("%d answers from a memo, %d events with alerts", fast.rm.hits, matched)
}
