package evtx

import (
	"encoding/binary"
	"math"
)

// BinXML value types (MS-EVEN6 2.2.18 / libevtx "value types").
const (
	vtNull     = 0x00
	vtString   = 0x01
	vtAnsi     = 0x02
	vtInt8     = 0x03
	vtUint8    = 0x04
	vtInt16    = 0x05
	vtUint16   = 0x06
	vtInt32    = 0x07
	vtUint32   = 0x08
	vtInt64    = 0x09
	vtUint64   = 0x0a
	vtReal32   = 0x0b
	vtReal64   = 0x0c
	vtBool     = 0x0d
	vtBinary   = 0x0e
	vtGUID     = 0x0f
	vtSizeT    = 0x10
	vtFileTime = 0x11
	vtSysTime  = 0x12
	vtSID      = 0x13
	vtHex32    = 0x14
	vtHex64    = 0x15
	vtHandle   = 0x20
	vtBinXML   = 0x21
	vtEvtXML   = 0x23
	vtArray    = 0x80
)

// binxmlRef is a substitution value that is itself a BinXML fragment, kept
// as a chunk range and decoded where the template uses it.
type binxmlRef struct{ start, end int }

// value decodes one substitution value of type typ from b. The text forms
// follow what Windows tools and evtx_dump show, so that an EVTX record and
// its evtx_dump JSON give the same field text: integers as decimal numbers,
// HexInt and SizeT as lower-case 0x..., GUIDs upper-case without braces,
// times as RFC 3339 UTC with microseconds, binary as upper-case hex.
func value(typ byte, b []byte, off int) (any, error) {
	if typ&vtArray != 0 {
		return arrayValue(typ&^vtArray, b, off)
	}
	le := binary.LittleEndian
	need := fixedSize(typ)
	if need > 0 && len(b) < need {
		return nil, errAt(off, "value of type 0x%02x needs %d bytes, has %d", typ, need, len(b))
	}
	switch typ {
	case vtNull, vtHandle, vtEvtXML:
		return nil, nil
	case vtString:
		return utf16String(b, true), nil
	case vtAnsi:
		return ansiString(b), nil
	case vtInt8:
		return numValue(int64(int8(b[0]))), nil
	case vtUint8:
		return unumValue(uint64(b[0])), nil
	case vtInt16:
		return numValue(int64(int16(le.Uint16(b)))), nil
	case vtUint16:
		return unumValue(uint64(le.Uint16(b))), nil
	case vtInt32:
		return numValue(int64(int32(le.Uint32(b)))), nil
	case vtUint32:
		return unumValue(uint64(le.Uint32(b))), nil
	case vtInt64:
		return numValue(int64(le.Uint64(b))), nil
	case vtUint64:
		return unumValue(le.Uint64(b)), nil
	case vtReal32:
		return float(float64(math.Float32frombits(le.Uint32(b))), 32), nil
	case vtReal64:
		return float(math.Float64frombits(le.Uint64(b)), 64), nil
	case vtBool:
		// Any non-zero byte is true: some providers write 2, 0xff... (see
		// sample-with-irregular-bool-values.evtx).
		for _, c := range b {
			if c != 0 {
				return true, nil
			}
		}
		return false, nil
	case vtBinary:
		return upperHex(b), nil
	case vtGUID:
		return guid(b), nil
	case vtSizeT:
		if len(b) == 4 {
			return hexNum(uint64(le.Uint32(b))), nil
		}
		if len(b) == 8 {
			return hexNum(le.Uint64(b)), nil
		}
		return nil, errAt(off, "SizeT value of %d bytes", len(b))
	case vtFileTime:
		return timeText(filetime(le.Uint64(b))), nil
	case vtSysTime:
		return timeText(systime(b)), nil
	case vtSID:
		return sid(b), nil
	case vtHex32:
		return hexNum(uint64(le.Uint32(b))), nil
	case vtHex64:
		return hexNum(le.Uint64(b)), nil
	case vtBinXML:
		return binxmlRef{off, off + len(b)}, nil
	}
	// Unknown type: keep the bytes visible rather than lose the record.
	return upperHex(b), nil
}

// fixedSize is the byte size of fixed-width types, 0 for variable ones.
func fixedSize(typ byte) int {
	switch typ {
	case vtInt8, vtUint8:
		return 1
	case vtInt16, vtUint16:
		return 2
	case vtInt32, vtUint32, vtReal32, vtHex32, vtBool:
		return 4
	case vtInt64, vtUint64, vtReal64, vtHex64, vtFileTime:
		return 8
	case vtGUID, vtSysTime:
		return 16
	case vtSID:
		return 8
	}
	return 0
}

// arrayValue decodes an array substitution into a []any of item values.
func arrayValue(typ byte, b []byte, off int) (any, error) {
	var out []any
	switch typ {
	case vtString:
		// NUL-terminated UTF-16 strings, one after another.
		start := 0
		for i := 0; i+1 < len(b); i += 2 {
			if b[i] == 0 && b[i+1] == 0 {
				out = append(out, utf16String(b[start:i], false))
				start = i + 2
			}
		}
		if start+1 < len(b) {
			out = append(out, utf16String(b[start:], true))
		}
		return out, nil
	case vtAnsi:
		start := 0
		for i, c := range b {
			if c == 0 {
				out = append(out, ansiString(b[start:i]))
				start = i + 1
			}
		}
		if start < len(b) {
			out = append(out, ansiString(b[start:]))
		}
		return out, nil
	}
	size := fixedSize(typ)
	if typ == vtSizeT {
		size = 8 // arrays of size_t only appear on 64-bit providers
	}
	if size == 0 || len(b)%size != 0 {
		return nil, errAt(off, "array of type 0x%02x has %d bytes", typ, len(b))
	}
	for i := 0; i < len(b); i += size {
		v, err := value(typ, b[i:i+size], off+i)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
