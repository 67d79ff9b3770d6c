package sink

import (
	"errors"
	"unicode/utf8"
)

// appendString appends s as a JSON string exactly as encoding/json writes it
// with HTML escaping off: \" \\ and the short escapes, \u00XX for other
// control bytes, U+FFFD for invalid UTF-8, U+2028 and U+2029 escaped.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// errRaw is returned for an event that is not valid JSON.
var errRaw = errors.New("alert event is not valid JSON")

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// AppendCompact appends the JSON text raw without its insignificant white
// space, as encoding/json does for a json.RawMessage (nothing else is
// changed), and checks its syntax on the way (errRaw); nil is null.
func AppendCompact(dst []byte, raw []byte) ([]byte, error) {
	if raw == nil {
		return append(dst, "null"...), nil
	}
	c := compactor{src: raw, dst: dst}
	c.ws()
	if !c.value(0) {
		return dst, errRaw
	}
	c.ws()
	if c.i != len(c.src) {
		return dst, errRaw
	}
	return c.dst, nil
}
