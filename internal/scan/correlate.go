package scan

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/vigil-sec/vigil/internal/correlate"
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/winevent"
)

// ownedEvent copies a record's event so it outlives the reader's buffers
// (correlation keeps matches until their window closes), under the renames
// of the route the rule matched through.
func ownedEvent(rec input.Record, renames map[string]string) event.Event {
	var m map[string]any
	if rec.Raw != nil {
		dec := json.NewDecoder(bytes.NewReader(rec.Raw))
		dec.UseNumber()
		if dec.Decode(&m) == nil && m != nil {
			m = winevent.Normalise(m)
		}
	}
	if m == nil {
		m = map[string]any(rec.Map())
	}
	var ev event.Event = event.Map(m)
	if len(renames) > 0 {
		ev = &aliased{ev: ev, fields: renames}
	}
	return ev
}

// writeCorrelated writes correlation alerts and counts them.
func (r *Runner) writeCorrelated(alerts []correlate.Alert) error {
	for i := range alerts {
		a := alerts[i].Alert
		a.Correlation = alerts[i].Correlation
		r.Stats.CorrelationAlerts++
		r.Stats.ByLevel[a.Rule.Level]++
		for _, t := range a.Attack.Tactics {
			r.Stats.ByTactic[t]++
		}
		for _, t := range a.Attack.Techniques {
			r.Stats.ByTechnique[t]++
		}
		r.Stats.ByRule[a.Rule.Title]++
		if err := r.Sink.Write(&a); err != nil {
			return fmt.Errorf("write alert: %w", err)
		}
	}
	return nil
}

// Finish ends the scan: correlations still buffered are evaluated and
// their alerts written. Call it once, after the last source.
func (r *Runner) Finish() error {
	if r.Correlate == nil {
		return nil
	}
	if !r.started {
		r.started, r.Stats = true, newStats()
	}
	return r.writeCorrelated(r.Correlate.Flush())
}
