package scan

import "github.com/vigil-sec/vigil/internal/event"

// slab hands out chunks of memory for a batch's buckets and takes them all
// back at once: buckets of many kinds fill at different rates, and one
// array per bucket would grow each to its largest kind's size.
type slab struct {
	freeBytes  [][]byte
	freeFields [][]event.Field
	usedBytes  [][]byte
	usedFields [][]event.Field
}

const (
	slabBytes  = 16 << 10
	slabFields = 256
)

// bytes returns an empty chunk with room for at least n bytes.
func (s *slab) bytes(n int) []byte {
	if n > slabBytes {
		return make([]byte, 0, n) // the odd huge record: not pooled
	}
	var c []byte
	if k := len(s.freeBytes); k > 0 {
		c, s.freeBytes = s.freeBytes[k-1], s.freeBytes[:k-1]
	} else {
		c = make([]byte, 0, slabBytes)
	}
	s.usedBytes = append(s.usedBytes, c)
	return c
}

// fields returns an empty chunk with room for at least n fields.
func (s *slab) fields(n int) []event.Field {
	if n > slabFields {
		return make([]event.Field, 0, n)
	}
	var c []event.Field
	if k := len(s.freeFields); k > 0 {
		c, s.freeFields = s.freeFields[k-1], s.freeFields[:k-1]
	} else {
		c = make([]event.Field, 0, slabFields)
	}
	s.usedFields = append(s.usedFields, c)
	return c
}

// reset takes every chunk back; what was stored in them is garbage. The
// chunks are not cleared: what their old fields point to (the byte chunks,
// mostly) stays alive at most until they are reused, and clearing them
// cost 2% of a scan.
func (s *slab) reset() {
	s.freeBytes = append(s.freeBytes, s.usedBytes...)
	s.freeFields = append(s.freeFields, s.usedFields...)
	s.usedBytes, s.usedFields = s.usedBytes[:0], s.usedFields[:0]
}
