package input

import (
	"math/bits"
	"unsafe"
)

// A flat record's string bodies are most of its bytes, and a Windows path
// stops the string scan at every escaped backslash. Rather than test eight
// bytes at a time from each stop (scanTo), the decoder takes a mask of the
// special bytes of 64 bytes at once (SSE2 on amd64) and answers the stops
// inside it from the mask: one pass over the bytes instead of one per run.

// maskCursor answers stopIndex for one record from 64-byte masks.
type maskCursor struct {
	b    []byte
	base int    // index of the masked block's first byte (noMask: none)
	mask uint64 // bit k: b[base+k] is special (strSpecial)
}

// noMask is a base no index is within 64 bytes of (records are far
// shorter than 1<<30 bytes: MaxLine), small enough for a 32-bit int.
const noMask = -1 << 30

// stop is stopIndex(b, i): the first special byte at or after i, or len(b).
// Calls must come with i never decreasing.
func (c *maskCursor) stop(i int) int {
	// A shift by 64 or more (i past the block, or before it) gives 0.
	if m := c.mask >> uint(i-c.base); m != 0 {
		return i + bits.TrailingZeros64(m)
	}
	return c.next(i)
}

func (c *maskCursor) next(i int) int {
	b := c.b
	for {
		if d := uint(i - c.base); d < 64 {
			if m := c.mask >> d; m != 0 {
				return i + bits.TrailingZeros64(m)
			}
			i = c.base + 64
		}
		if i >= len(b) {
			return len(b)
		}
		c.base = i
		if i+64 <= len(b) {
			c.mask = specialMask64(&b[i])
			continue
		}
		// The record's last bytes: mask a copy, so as not to read past b.
		var pad [64]byte
		n := copy(pad[:], b[i:])
		c.mask = specialMask64(&pad[0]) & (1<<n - 1)
	}
}

// specialMask64Go is specialMask64 in Go, for other architectures and as
// the reference the assembly is tested against.
func specialMask64Go(p *byte) uint64 {
	var m uint64
	for k, c := range unsafe.Slice(p, 64) {
		if strSpecial[c] {
			m |= 1 << k
		}
	}
	return m
}
