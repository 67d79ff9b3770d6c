package event

import "unsafe"

// MoveTo appends f's fields to fields, ready to outlive the buffers f was
// decoded from, so that records can be held in a batch before they are
// matched: raw is the record's bytes and held a copy of them; keys and
// texts pointing into raw are pointed at the same bytes of held, and any
// other text (unescaped into a decoder's scratch space, say) is copied to
// the end of arena. It returns the grown fields and arena. A string keeps
// the array it points into alive, so arena, held and fields may be
// reallocated between calls.
func (f *Flat) MoveTo(fields []Field, raw, held, arena []byte) ([]Field, []byte) {
	move := func(s string) string {
		if len(s) == 0 {
			return s
		}
		if off, ok := within(s, raw); ok && len(held) == len(raw) {
			return unsafe.String(&held[off], len(s))
		}
		start := len(arena)
		arena = append(arena, s...)
		return unsafe.String(&arena[start], len(s))
	}
	for _, fl := range f.Fields {
		fl.Key = move(fl.Key)
		if k := fl.Val.lit(); k == String || k == Number {
			fl.Val.s = move(fl.Val.s)
		}
		fields = append(fields, fl)
	}
	return fields, arena
}

// within reports the offset of s in b, if s lies inside b.
func within(s string, b []byte) (int, bool) {
	if len(b) == 0 {
		return 0, false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	base := uintptr(unsafe.Pointer(&b[0]))
	if p < base || p+uintptr(len(s)) > base+uintptr(len(b)) {
		return 0, false
	}
	return int(p - base), true
}
