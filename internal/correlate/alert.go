package correlate

import (
	"time"

	"github.com/vigil-sec/vigil/internal/alert"
)

// Alert is a correlation alert: the scan's alert schema (rule with author,
// ATT&CK context, timestamp, host, source, event) plus the correlation
// section. It marshals to one JSON object with all alert.Alert fields at the
// top level and "correlation" beside them. Event is null: the contributing
// events are referenced in Correlation.Events.
type Alert struct {
	alert.Alert
	Correlation *Section `json:"correlation"`
}

// Section is the "correlation" object of a correlation alert.
type Section struct {
	Type string `json:"type"`
	// Group holds the group-by values (alias names as written in group-by);
	// empty without group-by.
	Group map[string]string `json:"group"`
	// WindowStart and WindowEnd bound the window that met the condition,
	// [end-timespan, end], RFC 3339 UTC; end is the time of the event that
	// completed the condition.
	WindowStart string `json:"window_start"`
	WindowEnd   string `json:"window_end"`
	Timespan    string `json:"timespan"` // as Go writes durations, e.g. "10m0s"
	// Value is what met the condition: the event count, distinct value
	// count, number of rules seen (temporal), length of the ordered chain
	// (temporal_ordered), or the sum/average/percentile.
	Value      float64            `json:"value"`
	Condition  map[string]float64 `json:"condition"`
	Field      []string           `json:"field,omitempty"`
	Percentile *float64           `json:"percentile,omitempty"`
	Rules      []string           `json:"rules"` // correlation.rules as written
	// Events references the contributing events in evaluation order, at
	// most Options.MaxEventRefs of them; EventsTotal counts them all.
	Events      []EventRef `json:"events"`
	EventsTotal int        `json:"events_total"`
}

// EventRef points at one contributing event.
type EventRef struct {
	Rule      string `json:"rule"` // the base rule's id (title when it has none)
	Timestamp string `json:"timestamp"`
	Path      string `json:"path"`
	Line      int    `json:"line,omitempty"`
	Record    uint64 `json:"record,omitempty"`
	Offset    int64  `json:"offset,omitempty"`
}

func stamp(t int64) string { return time.Unix(0, t).UTC().Format(time.RFC3339Nano) }

func (e *Engine) alert(n *node, f *fired) Alert {
	m := &n.doc.Meta
	tags := m.Tags
	if tags == nil {
		tags = []string{}
	}
	var att alert.Attack
	if e.opt.Attack != nil {
		att = e.opt.Attack(n.doc)
	}
	if att.Techniques == nil {
		att.Techniques = []string{}
	}
	if att.Tactics == nil {
		att.Tactics = []string{}
	}
	ts := stamp(f.t)
	s := &Section{
		Type:        n.c.Type,
		Group:       map[string]string{},
		WindowStart: stamp(sub(f.t, n.ts)),
		WindowEnd:   ts,
		Timespan:    n.c.Timespan.String(),
		Value:       f.value,
		Condition:   n.c.Condition,
		Field:       n.c.Fields,
		Rules:       n.c.Rules,
		Events:      make([]EventRef, len(f.refs)),
		EventsTotal: f.total,
	}
	if n.c.Type == "value_percentile" || n.c.Type == "value_median" {
		p := n.c.Percentile
		s.Percentile = &p
	}
	for i, g := range n.c.GroupBy {
		s.Group[g] = f.group[i]
	}
	for i, r := range f.refs {
		rm := r.rule.Meta()
		id := rm.ID
		if id == "" {
			id = rm.Title
		}
		s.Events[i] = EventRef{Rule: id, Timestamp: stamp(r.t), Path: r.src.Path, Line: r.src.Line, Record: r.src.Record, Offset: r.src.Offset}
	}
	return Alert{
		Alert: alert.Alert{
			Rule: alert.Rule{ID: m.ID, Title: m.Title, Level: m.Level, Status: m.Status, Author: m.Author,
				Tags: tags, Path: n.doc.File},
			Attack:    att,
			Timestamp: &ts,
			Host:      f.last.host,
			Source:    f.last.src,
		},
		Correlation: s,
	}
}
