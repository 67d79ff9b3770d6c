package evtx

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Text forms of BinXML values, chosen to match what evtx_dump writes so an
// EVTX record and its JSON export compare equal.

func num(v int64) json.Number   { return json.Number(strconv.FormatInt(v, 10)) }
func unum(v uint64) json.Number { return json.Number(strconv.FormatUint(v, 10)) }

// hexNum is v as lower-case 0x... text, built in one allocation.
func hexNum(v uint64) string {
	var b [18]byte
	return string(strconv.AppendUint(append(b[:0], "0x"...), v, 16))
}

// smallNums holds 0 to 1023 as values, boxed once: most integers in
// records are that small (levels, tasks, opcodes, versions, many event
// IDs), and each would otherwise cost its text and its box. It is never
// written after it is built.
var smallNums = func() (t [1024]any) {
	for i := range t {
		t[i] = json.Number(strconv.Itoa(i))
	}
	return t
}()

// numValue and unumValue are num and unum as values.
func numValue(v int64) any {
	if v >= 0 && v < int64(len(smallNums)) {
		return smallNums[v]
	}
	return num(v)
}

func unumValue(v uint64) any {
	if v < uint64(len(smallNums)) {
		return smallNums[v]
	}
	return unum(v)
}

func float(f float64, bits int) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'g', -1, bits) // not a JSON number
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, bits))
}

// timeText renders like evtx_dump: RFC 3339, UTC, always 6 fraction digits.
func timeText(t time.Time) string { return t.Format("2006-01-02T15:04:05.000000Z") }

func systime(b []byte) time.Time {
	le := binary.LittleEndian
	u := func(i int) int { return int(le.Uint16(b[2*i:])) }
	return time.Date(u(0), time.Month(u(1)), u(3), u(4), u(5), u(6), u(7)*int(time.Millisecond), time.UTC)
}

const hexDigits = "0123456789ABCDEF"

func upperHex(b []byte) string {
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = hexDigits[c>>4], hexDigits[c&15]
	}
	return string(out)
}

// guid renders Data1-Data2-Data3 (little-endian) then the 8 Data4 bytes.
func guid(b []byte) string {
	order := [16]int{3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15}
	out := make([]byte, 0, 36)
	for i, idx := range order {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hexDigits[b[idx]>>4], hexDigits[b[idx]&15])
	}
	return string(out)
}

// sid renders S-Revision-Authority-Sub1-...; the authority is 48-bit big-endian.
func sid(b []byte) string {
	var auth uint64
	for _, c := range b[2:8] {
		auth = auth<<8 | uint64(c)
	}
	out := []byte("S-")
	out = strconv.AppendUint(out, uint64(b[0]), 10)
	out = append(out, '-')
	out = strconv.AppendUint(out, auth, 10)
	n := int(b[1])
	for i := 0; i < n && 8+4*i+4 <= len(b); i++ {
		out = append(out, '-')
		out = strconv.AppendUint(out, uint64(binary.LittleEndian.Uint32(b[8+4*i:])), 10)
	}
	return string(out)
}

// utf16String decodes UTF-16LE; with stopAtNUL the text ends at the first
// NUL unit (providers often include the terminator in the value size).
func utf16String(b []byte, stopAtNUL bool) string {
	n := len(b) / 2
	ascii := true
	for i := 0; i < n; i++ {
		lo, hi := b[2*i], b[2*i+1]
		if lo == 0 && hi == 0 && stopAtNUL {
			n = i
			break
		}
		if hi != 0 || lo >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		out := make([]byte, n)
		for i := range out {
			out[i] = b[2*i]
		}
		return string(out)
	}
	units := make([]uint16, n)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(units))
}

// ansiString takes the bytes up to the first NUL; invalid UTF-8 is read as
// Latin-1 so that no byte is lost.
func ansiString(b []byte) string {
	for i, c := range b {
		if c == 0 {
			b = b[:i]
			break
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
