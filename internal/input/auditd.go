package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/vigil-sec/vigil/internal/event"
)

// FormatAuditd is raw Linux audit records, one per line, as auditd writes
// them to /var/log/audit/audit.log (RAW or ENRICHED format).
const FormatAuditd = "auditd"

// auditdSource reads raw audit lines. Each line is one event with the
// record's own fields, which is what SigmaHQ's linux/auditd rules match
// (type: EXECVE, a0, a1, …): records are not merged into one event per
// audit serial, because a rule's selection names one record type.
type auditdSource struct {
	lines *JSONLines // only its line reader (long lines, line numbers) is used
	close func()
}

func (s *auditdSource) Format() string { return FormatAuditd }
func (s *auditdSource) Close() error   { s.close(); return nil }

func (s *auditdSource) Next() (Record, error) {
	j := s.lines
	for {
		line, tooLong, err := j.nextLine()
		if err != nil && (len(line) == 0 || !errors.Is(err, io.EOF)) {
			return Record{}, err
		}
		trimmed := bytes.TrimSpace(line)
		switch {
		case tooLong:
			return Record{}, &LineError{j.path, j.line, fmt.Sprintf("line longer than %d bytes (%d MiB): skipped", MaxLine, MaxLine>>20)}
		case len(trimmed) == 0:
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			continue
		}
		ev, reason := parseAuditLine(trimmed)
		if reason != "" {
			return Record{}, &LineError{j.path, j.line, reason + ": starts with " + quoteStart(trimmed)}
		}
		return Record{Line: j.line, Event: ev}, nil
	}
}

// isAuditLine reports whether a line looks like a raw audit record:
// "type=X msg=audit(" with an optional "node=N " in front.
func isAuditLine(b []byte) bool {
	if bytes.HasPrefix(b, []byte("node=")) {
		i := bytes.IndexByte(b, ' ')
		if i < 0 {
			return false
		}
		b = b[i+1:]
	}
	i := bytes.IndexByte(b, ' ')
	return bytes.HasPrefix(b, []byte("type=")) && i > 5 && bytes.HasPrefix(b[i+1:], []byte("msg=audit("))
}

// parseAuditLine turns one record into fields. msg=audit(SECONDS.MS:SERIAL)
// becomes timestamp (RFC 3339, UTC) and serial; a nested msg='…' (USER_*
// records) has its pairs lifted beside the others, never over them.
func parseAuditLine(b []byte) (event.Map, string) {
	if !isAuditLine(b) {
		return nil, "not a raw audit record (want type=… msg=audit(…))"
	}
	ev := event.Map{}
	for len(b) > 0 {
		var key, val []byte
		var quoted bool
		key, val, quoted, b = nextAuditPair(b)
		if len(key) == 0 {
			continue
		}
		k := string(key)
		switch {
		case k == "msg" && bytes.HasPrefix(val, []byte("audit(")):
			if !auditStamp(ev, val) {
				return nil, "bad msg=audit(seconds:serial) stamp"
			}
		case k == "msg" && quoted && bytes.ContainsRune(val, '='):
			inner := val
			for len(inner) > 0 {
				var ik, iv []byte
				var iq bool
				ik, iv, iq, inner = nextAuditPair(inner)
				if _, dup := ev[string(ik)]; len(ik) > 0 && !dup {
					ev[string(ik)] = auditValue(ev, string(ik), iv, iq)
				}
			}
		default:
			ev[k] = auditValue(ev, k, val, quoted)
		}
	}
	if _, ok := ev["type"]; !ok {
		return nil, "record has no type"
	}
	return ev, ""
}

// nextAuditPair splits off the next key=value; the separators are spaces
// and, in ENRICHED logs, the 0x1d byte before the interpreted fields.
// Quoted values ("…" or '…') run to the closing quote.
func nextAuditPair(b []byte) (key, val []byte, quoted bool, rest []byte) {
	for len(b) > 0 && (b[0] == ' ' || b[0] == 0x1d || b[0] == '\t') {
		b = b[1:]
	}
	eq := bytes.IndexByte(b, '=')
	sp := bytes.IndexAny(b, " \x1d\t")
	if eq < 0 || (sp >= 0 && sp < eq) { // a bare word: skip it
		if sp < 0 {
			return nil, nil, false, nil
		}
		return nil, nil, false, b[sp:]
	}
	key, b = b[:eq], b[eq+1:]
	if len(b) > 0 && (b[0] == '"' || b[0] == '\'') {
		if end := bytes.IndexByte(b[1:], b[0]); end >= 0 {
			return key, b[1 : 1+end], true, b[end+2:]
		}
	}
	if sp = bytes.IndexAny(b, " \x1d\t"); sp >= 0 {
		return key, bytes.TrimSuffix(b[:sp], []byte(":")), false, b[sp:]
	}
	return key, bytes.TrimSuffix(b, []byte(":")), false, nil
}

// auditStamp reads "audit(1604996384.965:93777):".
func auditStamp(ev event.Map, v []byte) bool {
	v = bytes.TrimSuffix(bytes.TrimPrefix(v, []byte("audit(")), []byte(")"))
	secs, serial, ok := bytes.Cut(v, []byte(":"))
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(string(secs), 64)
	if err != nil || f < 0 || f > 1e11 {
		return false
	}
	ms := int64(f*1000 + 0.5)
	ev["timestamp"] = time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z")
	ev["serial"] = string(serial)
	return true
}

// auditValue is a field's text. auditd writes an untrusted string that has
// spaces, quotes or control bytes as upper-case hex without quotes
// (proctitle=617270002D61 is "arp -a"); those are decoded, with NULs
// (argument separators) read as spaces. Unquoted numbers and pointers
// (SYSCALL a0=558e25052c70) stay as written.
func auditValue(ev event.Map, key string, v []byte, quoted bool) any {
	if quoted || !hexEncodedField(ev, key) || !isUpperHex(v) {
		return string(v)
	}
	out := make([]byte, len(v)/2)
	for i := range out {
		out[i] = unhex(v[2*i])<<4 | unhex(v[2*i+1])
		if out[i] == 0 || out[i] == 1 { // argument and multi-key separators
			out[i] = ' '
		}
	}
	return string(bytes.TrimRight(out, " "))
}

// hexEncodedField lists the fields auditd encodes (audit_log_untrustedstring
// callers): paths, commands, arguments and keys.
func hexEncodedField(ev event.Map, key string) bool {
	switch key {
	case "proctitle", "name", "cwd", "comm", "exe", "path", "cmd", "data", "key", "old", "new", "watch":
		return true
	}
	if t, _ := ev["type"].(string); t == "EXECVE" && len(key) > 1 && key[0] == 'a' && key[1] >= '0' && key[1] <= '9' {
		return true // a0, a1, a12, a2[0] (long arguments in parts)
	}
	return false
}

func isUpperHex(v []byte) bool {
	if len(v) < 2 || len(v)%2 != 0 {
		return false
	}
	for _, c := range v {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'A' + 10
}
