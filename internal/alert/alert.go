// Package alert defines what vigil emits when a rule matches an event.
// Every alert carries the rule's author: the Detection Rule License that
// SigmaHQ rules ship under requires it on messages built from matches.
package alert

import "encoding/json"

// Alert is one rule match, serialised as one JSON line (schema in
// docs/scan.md; fields are added, never renamed or removed).
type Alert struct {
	Rule      Rule            `json:"rule"`
	Attack    Attack          `json:"attack"`
	Timestamp *string         `json:"timestamp"` // event time, RFC 3339 UTC, or null when the event has none
	Host      string          `json:"host,omitempty"`
	Source    Source          `json:"source"`
	Event     json.RawMessage `json:"event"`
	// EventCompact says Event is already compact, valid JSON, so a sink
	// can write it as it is.
	EventCompact bool `json:"-"`
	// Correlation is set on correlation alerts (package correlate's
	// Section): group, window, value and the contributing events. Their
	// Event is null.
	Correlation any `json:"correlation,omitempty"`
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
	// EarlierIDs are the IDs earlier ATT&CK releases (18.1 and before) used
	// for these techniques, e.g. T1562.004 for T1686.003, so alerts can be
	// joined with data labelled in those releases.
	EarlierIDs []string `json:"earlier_ids,omitempty"`
}

// Source says where the event came from: a line (JSON lines, or the
// element number of a JSON array) or an EVTX record and its file offset.
type Source struct {
	Path   string `json:"path"`
	Line   int    `json:"line,omitempty"`
	Record uint64 `json:"record,omitempty"`
	Offset int64  `json:"offset,omitempty"`
}
