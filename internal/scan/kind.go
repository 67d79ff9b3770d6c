package scan

import "github.com/vigil-sec/vigil/internal/event"

// kindOf hashes an event's plan key without its product (Channel and
// EventID, keyOf): a cheap stand-in for the plan it gets. It only orders
// work (held.go), so a stand-in that differs from the plan costs speed,
// never an alert.
func kindOf(ev event.Event) uint64 {
	k := keyOf(ev, nil)
	h := uint64(14695981039346656037) // FNV-1a
	for _, s := range [...]string{k.ch, k.id} {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
		h = (h ^ 0xff) * 1099511628211
	}
	return (h ^ uint64(k.chState)<<8 ^ uint64(k.idState)) * 1099511628211
}
