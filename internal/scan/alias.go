package scan

import "github.com/vigil-sec/vigil/internal/event"

// aliased presents an event under a pipeline entry's field renames: the
// Sigma field Image reads the event's NewProcessName on a Security 4688
// event. Keyword searches see the event unchanged.
type aliased struct {
	ev     event.Event
	fields map[string]string
}

// aliases is a pipeline entry's renames, shared by the routes through it.
type aliases struct {
	fields map[string]string
}

func (a *aliased) Get(field string) (event.Value, bool) {
	if to, ok := a.fields[field]; ok {
		return a.ev.Get(to)
	}
	return a.ev.Get(field)
}

func (a *aliased) Walk(fn func(event.Value) bool) bool { return a.ev.Walk(fn) }
