package input

import (
	"math/rand"
	"testing"
)

func TestStopIndexAgreesWithTable(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	bytesFrom := []byte{'a', 'Z', ' ', '"', '\\', 0x00, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xff, 0xc3, '!', '#', '[', ']', '/'}
	for round := 0; round < 20000; round++ {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			if rng.Intn(4) == 0 {
				b[i] = bytesFrom[rng.Intn(len(bytesFrom))]
			} else {
				b[i] = 'a' + byte(rng.Intn(26))
			}
		}
		from := 0
		if len(b) > 0 {
			from = rng.Intn(len(b) + 1)
		}
		want := from
		for want < len(b) && !strSpecial[b[want]] {
			want++
		}
		if got := stopIndex(b, from); got != want {
			t.Fatalf("stopIndex(%q, %d) = %d, want %d", b, from, got, want)
		}
	}
}
