package scan

import "github.com/vigil-sec/vigil/internal/event"

// kindOf hashes an event's Channel and EventID: a cheap stand-in for the
// plan it gets (Router.plan also asks the pipelines for its product). It
// only orders work (held.go), so a stand-in that differs from the plan
// costs speed, never an alert.
func kindOf(ev event.Event) uint64 {
	var ch, id string
	if f, ok := ev.(*event.Flat); ok {
		// the first of each: they lead a Windows record
		for i := range f.Fields {
			switch f.Fields[i].Key {
			case "Channel":
				if ch == "" {
					ch, _ = f.Fields[i].Val.Text()
				}
			case "EventID":
				if id == "" {
					id, _ = f.Fields[i].Val.Text()
				}
			}
			if ch != "" && id != "" {
				break
			}
		}
	} else {
		if v, ok := ev.Get("Channel"); ok {
			ch, _ = v.Text()
		}
		if v, ok := ev.Get("EventID"); ok {
			id, _ = v.Text()
		}
	}
	h := uint64(14695981039346656037) // FNV-1a
	for _, s := range [...]string{ch, id} {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
		h = (h ^ 0xff) * 1099511628211
	}
	return h
}
