package scan

// slab hands out chunks of memory for a batch's buckets and takes them all
// back at once: buckets of many kinds fill at different rates, and one
// array per bucket would grow each to its largest kind's size.
type slab struct {
	freeBytes [][]byte
	usedBytes [][]byte
}

const slabBytes = 16 << 10

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

// reset takes every chunk back; what was stored in them is garbage.
func (s *slab) reset() {
	s.freeBytes = append(s.freeBytes, s.usedBytes...)
	s.usedBytes = s.usedBytes[:0]
}
