package input

import (
	"math/rand"
	"testing"
)

// TestSpecialMask64 checks the mask (the assembly on amd64) against
// strSpecial for every byte value at every position of a block.
func TestSpecialMask64(t *testing.T) {
	var block [64]byte
	for c := 0; c < 256; c++ {
		for k := range block {
			for j := range block {
				block[j] = 'a'
			}
			block[k] = byte(c)
			got, want := specialMask64(&block[0]), specialMask64Go(&block[0])
			if got != want {
				t.Fatalf("byte %#x at %d: mask %064b, want %064b", c, k, got, want)
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 10000; n++ {
		rng.Read(block[:])
		if got, want := specialMask64(&block[0]), specialMask64Go(&block[0]); got != want {
			t.Fatalf("% x: mask %064b, want %064b", block, got, want)
		}
	}
}

// TestMaskCursorAgreesWithStopIndex walks records of every length up to a
// few blocks, as the decoder does (from each stop to the next), and
// compares every answer with stopIndex, so that block edges and the
// padded last block are crossed at every offset.
func TestMaskCursorAgreesWithStopIndex(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	alphabet := []byte(`aaaaaaaaaaaa"\` + "\x01\x1f\x7f\x80\xc3\xa9 ")
	for n := 0; n < 3000; n++ {
		b := make([]byte, rng.Intn(200))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		c := maskCursor{b: b, base: noMask}
		for i := 0; i <= len(b); {
			got, want := c.stop(i), stopIndex(b, i)
			if got != want {
				t.Fatalf("%q from %d: stop %d, stopIndex %d", b, i, got, want)
			}
			i = got + 1 + rng.Intn(3) // the decoder moves on by one byte or more
		}
	}
}
