package input

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
)

func TestParseAuditLine(t *testing.T) {
	cases := []struct {
		name, line string
		want       event.Map // only these keys are compared
		reason     string
	}{
		{"execve quoted args", `type=EXECVE msg=audit(1604994496.155:92733): argc=2 a0="arp" a1="-a"`,
			event.Map{"type": "EXECVE", "timestamp": "2020-11-10T07:48:16.155Z", "serial": "92733", "argc": "2", "a0": "arp", "a1": "-a"}, ""},
		{"execve hex arg (had a space)", `type=EXECVE msg=audit(1.5:7): argc=3 a0="sh" a1="-c" a2=6563686F20686920746865726500`,
			event.Map{"a2": "echo hi there", "timestamp": "1970-01-01T00:00:01.500Z"}, ""},
		{"proctitle NUL-separated", `type=PROCTITLE msg=audit(1604994496.155:92733): proctitle=617270002D61`,
			event.Map{"proctitle": "arp -a"}, ""},
		{"syscall pointers stay as written", `type=SYSCALL msg=audit(1604996384.965:93777): arch=c000003e syscall=59 success=yes a0=558e25052c70 a1=ABCD comm="dd" exe="/bin/dd" key=(null)`,
			event.Map{"a0": "558e25052c70", "a1": "ABCD", "syscall": "59", "comm": "dd", "exe": "/bin/dd", "key": "(null)"}, ""},
		{"hex path name", `type=PATH msg=audit(1.0:1): item=0 name=2F746D702F6120622E7368 nametype=CREATE`,
			event.Map{"name": "/tmp/a b.sh", "nametype": "CREATE"}, ""},
		{"node prefix", `node=web01 type=CWD msg=audit(1.0:1): cwd="/root"`,
			event.Map{"node": "web01", "type": "CWD", "cwd": "/root"}, ""},
		{"nested user msg lifted, outer wins", `type=USER_AUTH msg=audit(1.0:2): pid=42 uid=0 msg='op=PAM:authentication acct="root" exe="/usr/sbin/sshd" pid=1 addr=10.0.0.9 res=failed'`,
			event.Map{"pid": "42", "op": "PAM:authentication", "acct": "root", "exe": "/usr/sbin/sshd", "addr": "10.0.0.9", "res": "failed"}, ""},
		{"enriched fields after 0x1d", "type=SYSCALL msg=audit(1.0:3): syscall=59 uid=0\x1dSYSCALL=execve UID=\"root\"",
			event.Map{"syscall": "59", "SYSCALL": "execve", "UID": "root", "uid": "0"}, ""},
		{"multi-key hex", `type=SYSCALL msg=audit(1.0:4): key=6B3101 6B32`, event.Map{"key": "k1"}, ""},
		{"lower-case hex is not decoded", `type=EXECVE msg=audit(1.0:5): a0=6c73`, event.Map{"a0": "6c73"}, ""},
		{"odd-length hex is not decoded", `type=EXECVE msg=audit(1.0:5): a0=ABC`, event.Map{"a0": "ABC"}, ""},
		{"not an audit record", `hello world`, nil, "not a raw audit record"},
		{"bad stamp", `type=CWD msg=audit(yesterday): cwd="/"`, nil, "bad msg=audit"},
		{"unterminated quote keeps the rest", `type=CWD msg=audit(1.0:6): cwd="/ro`, event.Map{"cwd": `"/ro`}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, reason := parseAuditLine([]byte(c.line))
			if c.reason != "" {
				if !strings.Contains(reason, c.reason) || ev != nil {
					t.Fatalf("reason %q, event %v; want reason containing %q", reason, ev, c.reason)
				}
				return
			}
			if reason != "" {
				t.Fatalf("unexpected reason %q", reason)
			}
			for k, v := range c.want {
				if ev[k] != v {
					t.Errorf("%s = %#v, want %#v (event %v)", k, ev[k], v, ev)
				}
			}
		})
	}
}

// A file of raw audit lines is recognised from its content, bad lines are
// reported with their line number, and reading carries on after them.
func TestAuditdSource(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "audit.log")
	data := "\n" + `type=SYSCALL msg=audit(1604994496.155:92733): syscall=59 comm="arp" exe="/usr/sbin/arp"` + "\n" +
		"garbage that is not a record\n" +
		`type=EXECVE msg=audit(1604994496.155:92733): argc=2 a0="arp" a1="-a"` + "\r\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := Open(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if src.Format() != FormatAuditd {
		t.Fatalf("format %q, want %q", src.Format(), FormatAuditd)
	}
	var lines []int
	var types []any
	var skipped []string
	for {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if Skipped(err) {
			skipped = append(skipped, err.Error())
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, rec.Line)
		types = append(types, rec.Event["type"])
	}
	if !reflect.DeepEqual(lines, []int{2, 4}) || !reflect.DeepEqual(types, []any{"SYSCALL", "EXECVE"}) {
		t.Errorf("records at lines %v with types %v", lines, types)
	}
	if len(skipped) != 1 || !strings.Contains(skipped[0], "audit.log:3: not a raw audit record") {
		t.Errorf("skipped %q", skipped)
	}
}

func FuzzAuditLine(f *testing.F) {
	for _, s := range []string{
		`type=EXECVE msg=audit(1604994496.155:92733): argc=2 a0="arp" a1="-a"`,
		`node=n type=USER_AUTH msg=audit(1.0:2): pid=42 msg='op=x acct="root" res=failed'`,
		"type=SYSCALL msg=audit(1.0:3): syscall=59\x1dSYSCALL=execve",
		`type=PROCTITLE msg=audit(1.0:1): proctitle=617270002D61`,
		`type= msg=audit(:): =`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ev, reason := parseAuditLine(b)
		if (ev == nil) == (reason == "") {
			t.Fatalf("event %v with reason %q", ev, reason)
		}
		if ev != nil {
			if _, ok := ev["type"]; !ok {
				t.Fatalf("event without type: %v", ev)
			}
		}
	})
}
