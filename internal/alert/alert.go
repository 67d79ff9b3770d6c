// Package alert defines what vigil emits when a rule matches an event.
// Every alert carries the rule's author: the Detection Rule License that
// SigmaHQ rules ship under requires it on messages built from matches.
package alert

import (
	"encoding/json"
)

// Alert is one rule match, serialised as one JSON line.
type Alert struct {
	Rule      Rule            `json:"rule"`
	Attack    Attack          `json:"attack"`
	Timestamp any             `json:"timestamp"`
	Source    Source          `json:"source"`
	Event     json.RawMessage `json:"event"`
}

// Rule identifies the rule that fired.
type Rule struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Level  string   `json:"level"`
	Status string   `json:"status"`
	Author string   `json:"author"`
	Tags   []string `json:"tags"`
	Path   string   `json:"path"`
}

// Attack is the ATT&CK context taken from the rule's tags.
type Attack struct {
	Techniques []string `json:"techniques"`
	Tactics    []string `json:"tactics"`
	Notes      []string `json:"notes,omitempty"` // revocations and renames applied to the rule's tags
}

// Source says where the event came from.
type Source struct {
	Path string `json:"path"`
	Line int    `json:"line"`
}

// timestampFields are tried in order to find an event's time: common JSON
// log fields, Sysmon's UtcTime, and the evtx_dump layout.
var timestampFields = []string{"@timestamp", "timestamp", "Timestamp", "time", "UtcTime", "TimeCreated",
	"Event.System.TimeCreated.#attributes.SystemTime", "System.TimeCreated.SystemTime"}

// Timestamp returns the first timestamp-like field of the event, or nil.
func Timestamp(get func(string) (any, bool)) any {
	for _, f := range timestampFields {
		if v, ok := get(f); ok && v != nil {
			return v
		}
	}
	return nil
}
