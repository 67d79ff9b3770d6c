package input

import (
	"encoding/binary"
	"math/bits"
)

// stopIndex returns the index of the first byte at or after i that a JSON
// string scan must look at (a quote, a backslash, a control byte or a
// non-ASCII byte), or len(b).
func stopIndex(b []byte, i int) int { return scanTo(b, i, true) }

// quoteIndex returns the index of the first quote or backslash at or after
// i, or len(b): the end of a string body, for a scan that need not look at
// the bytes a decoder checks.
func quoteIndex(b []byte, i int) int { return scanTo(b, i, false) }

// scanTo finds the first quote or backslash at or after i, or with all
// also the first control or non-ASCII byte. It tests eight bytes at a
// time: string bodies are most of an event's bytes.
func scanTo(b []byte, i int, all bool) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		q := w ^ (ones * '"')
		s := w ^ (ones * '\\')
		// A byte's high bit is set in m when it is zero in q or s (or,
		// with all, below 0x20 in w, or 0x80 and up); borrows only run
		// upwards from a flagged byte, so the lowest flag is exact.
		m := ((q - ones) &^ q) | ((s - ones) &^ s)
		if all {
			m |= ((w - ones*0x20) &^ w) | w
		}
		if m &= highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' || (all && strSpecial[c]) {
			return i
		}
	}
	return i
}
