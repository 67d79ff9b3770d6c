package scan

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/correlate"
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sink"
)

// maxSkipLinesPerFile bounds how many skipped records of one file are
// reported one by one; the rest are counted and summarised.
const maxSkipLinesPerFile = 20

// Runner scans sources with a routed rule set and writes alerts to a sink.
type Runner struct {
	Router *Router
	Attack map[*match.Rule]alert.Attack // ATT&CK context per rule, resolved once
	Sink   sink.Sink
	Stdin  io.Reader
	// From and To bound event time (zero: unbounded); TimeFields override
	// where the time is read from.
	From, To   time.Time
	TimeFields []string
	// Report receives each skipped file or record as it happens (one line,
	// naming path and position); Progress is called every few thousand events.
	Report   func(msg string)
	Progress func(*Stats)
	Stats    Stats
	started  bool
	// Workers > 1 scans JSON-lines files in parallel: records are decoded
	// and matched by Workers goroutines, each with a clone of Router, and
	// alerts are written in input order, so the output is the same as with
	// one worker. EVTX files are parsed on one goroutine and matched on
	// Workers.
	Workers int
	// Correlate, when set, receives every match of the rules it correlates,
	// in input order, and its alerts are written like the others. Emit
	// names the rules whose own alerts are written (selected, and not
	// suppressed by generate: false); nil writes every matching rule's.
	Correlate *correlate.Engine
	Emit      map[*match.Rule]bool
	batch     int   // records per held batch (held.go); 0: heldBatch
	held      *held // the one-worker scan's batch, reused from file to file
	// events, while scanHeld runs, holds the compacted events of its
	// batch's alerts, reused once they are written (sink.Sink.Write keeps
	// nothing); nil elsewhere, where each alert has its own.
	events *[]byte
}

// Open names one input for ScanSource: a path, or an already opened source
// (the embedded demo dataset).
type Open func() (input.Source, string, error)

// ScanPath reads one file ("-" for stdin). Only a failure to write alerts is
// returned: unreadable files and records are reported, counted and skipped.
func (r *Runner) ScanPath(path string) error {
	return r.ScanSource(func() (input.Source, string, error) {
		s, err := input.OpenWith(path, r.Stdin, input.Options{Flat: true})
		return s, path, err
	})
}

// SkipPath counts and reports an input that could not even be listed (a
// dangling link, a directory that cannot be read: input.Expand's errors),
// so the summary accounts for it like a file that could not be opened.
func (r *Runner) SkipPath(err error) {
	if !r.started {
		r.started, r.Stats = true, newStats()
	}
	name := ""
	var pe *fs.PathError
	if errors.As(err, &pe) {
		name = pe.Path
	}
	r.Stats.FilesSkipped = append(r.Stats.FilesSkipped, FileSkip{name, err.Error()})
	r.report(fmt.Sprintf("skipped path %v", err))
}

// ScanSource reads every record of the source open returns.
func (r *Runner) ScanSource(open Open) error {
	if !r.started {
		r.started, r.Stats = true, newStats()
	}
	src, name, err := open()
	if err != nil {
		r.Stats.FilesSkipped = append(r.Stats.FilesSkipped, FileSkip{name, err.Error()})
		r.report(fmt.Sprintf("skipped file %v", err))
		return nil
	}
	defer src.Close()
	r.Stats.Files++
	r.Stats.FilesByFormat[src.Format()]++
	if raw, ok := src.(input.RawJSON); ok && r.Workers <= 1 && isRegular(raw.Path()) {
		return r.scanHeld(name, raw)
	}
	if r.Workers > 1 {
		if raw, ok := src.(input.RawJSON); ok {
			return r.scanParallel(raw.Path(), name, raw.NextRaw, nil)
		}
		if c, ok := src.(input.Chunked); ok {
			return r.scanParallel(name, name, nil, c)
		}
	}
	skipped := 0
	for {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if stop := r.recordError(name, err, &skipped); stop {
				break
			}
			continue
		}
		var res result
		r.evaluate(r.Router, name, &rec, &res)
		if err := r.commit(&res); err != nil {
			return err
		}
	}
	r.skippedTail(name, skipped)
	return nil
}

// isRegular reports whether path names a regular file.
func isRegular(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// recordError counts and reports a skipped record, or a read error that
// ends the file (stop).
func (r *Runner) recordError(name string, err error, skipped *int) (stop bool) {
	if input.Skipped(err) {
		r.Stats.RecordsSkipped++
		r.Stats.SkipReasons[reasonOf(err)]++
		if *skipped++; *skipped <= maxSkipLinesPerFile {
			r.report("skipped record " + err.Error())
		}
		return false
	}
	r.Stats.FilesSkipped = append(r.Stats.FilesSkipped, FileSkip{name, "read stopped: " + err.Error()})
	r.report(fmt.Sprintf("stopped reading %s: %v", name, err))
	return true
}

func (r *Runner) skippedTail(name string, skipped int) {
	if skipped > maxSkipLinesPerFile {
		r.report(fmt.Sprintf("%s: %d more skipped records not shown (all are counted in the summary)", name, skipped-maxSkipLinesPerFile))
	}
}

// result is what evaluating one record gives: whether it was in the time
// range, whether its product was known, and its alerts (complete, holding
// copies of whatever they need from the record).
type result struct {
	noTime, outOfRange, unknown bool
	rules                       []*match.Rule
	alerts                      []alert.Alert
	observed                    []observation // matches of correlated rules, for Correlate
	suppressed                  int           // matches whose own alert is not emitted
}

// observation is one correlated match, holding its own copy of the event
// under the field names the rule saw.
type observation struct {
	rule *match.Rule
	ev   event.Event
	src  alert.Source
}

// evaluate runs one record through router into res, which must be zero:
// a batch's results are written in place, in bucket order, rather than
// copied out. It changes nothing in r, so workers can call it
// concurrently, each with its own router.
func (r *Runner) evaluate(router *Router, path string, rec *input.Record, res *result) {
	ev := rec.Ev()
	// The event's time is read only when a range needs it or a rule fires
	// (most events raise no alert).
	var ts time.Time
	hasTime, timed := false, false
	if !r.From.IsZero() || !r.To.IsZero() {
		ts, _, hasTime = event.Time(ev, r.TimeFields)
		timed = true
		switch {
		case !hasTime:
			res.noTime = true
			return
		case !r.From.IsZero() && ts.Before(r.From), !r.To.IsZero() && ts.After(r.To):
			res.outOfRange = true
			return
		}
	}
	known := router.MatchRenamed(ev, func(rule *match.Rule, renames map[string]string) {
		if r.Emit == nil || r.Emit[rule] {
			if !timed {
				ts, _, hasTime = event.Time(ev, r.TimeFields)
				timed = true
			}
			res.rules = append(res.rules, rule)
			res.alerts = append(res.alerts, r.alert(rule, path, *rec, ts, hasTime))
		} else if r.Correlate != nil && r.Correlate.Suppress(rule) {
			res.suppressed++
		}
		if r.Correlate != nil && r.Correlate.Consumes(rule) {
			res.observed = append(res.observed, observation{rule: rule, ev: ownedEvent(*rec, renames),
				src: alert.Source{Path: path, Line: rec.Line, Record: rec.RecordID, Offset: rec.Offset}})
		}
	})
	res.unknown = !known
}

// commit counts a result and writes its alerts, in input order.
func (r *Runner) commit(res *result) error {
	switch {
	case res.noTime:
		r.Stats.NoTime++
		return nil
	case res.outOfRange:
		r.Stats.OutOfRange++
		return nil
	}
	r.Stats.Events++
	if r.Progress != nil && r.Stats.Events%4096 == 0 {
		r.Progress(&r.Stats)
	}
	for i := range res.alerts {
		r.count(res.rules[i])
		if err := r.Sink.Write(&res.alerts[i]); err != nil {
			return fmt.Errorf("write alert: %w", err)
		}
	}
	r.Stats.SuppressedBase += res.suppressed
	for _, o := range res.observed {
		if err := r.writeCorrelated(r.Correlate.Observe(o.rule, o.ev, o.src)); err != nil {
			return err
		}
	}
	if res.unknown {
		r.Stats.UnknownOrigin++
	}
	return nil
}

func (r *Runner) alert(rule *match.Rule, path string, rec input.Record, ts time.Time, hasTime bool) alert.Alert {
	m := rule.Meta()
	att := r.Attack[rule]
	a := alert.Alert{
		Rule: alert.Rule{ID: m.ID, Title: m.Title, Level: m.Level, Status: m.Status, Author: m.Author,
			Tags: nonNil(m.Tags), Path: rule.Doc.File},
		Attack: att,
		Host:   strings.Clone(event.Host(rec.Ev())),
		Source: alert.Source{Path: path, Line: rec.Line, Record: rec.RecordID, Offset: rec.Offset},
	}
	a.Event, a.EventCompact = r.eventJSON(rec)
	if hasTime {
		s := ts.Format(time.RFC3339Nano)
		a.Timestamp = &s
	}
	return a
}

// eventJSON is the alert's copy of rec's event, compacted while the record
// is in cache (compact: the sink writes it as it is); with one worker the
// copies go into the batch's buffer (Runner.events).
func (r *Runner) eventJSON(rec input.Record) (ev json.RawMessage, compact bool) {
	if rec.Raw == nil {
		ev, _ = json.Marshal(rec.Map())
		return ev, false
	}
	var to []byte
	if r.events != nil {
		to = *r.events
	}
	b, err := sink.AppendCompact(to, rec.Raw)
	if err != nil {
		return append([]byte(nil), rec.Raw...), false // Raw may be the reader's buffer
	}
	if r.events != nil {
		*r.events = b
	}
	return b[len(to):len(b):len(b)], true
}

// count adds an alert of rule to the statistics.
func (r *Runner) count(rule *match.Rule) {
	m := rule.Meta()
	att := r.Attack[rule]
	r.Stats.Alerts++
	r.Stats.ByLevel[m.Level]++
	r.Stats.ByRule[m.Title]++
	for _, t := range att.Tactics {
		r.Stats.ByTactic[t]++
	}
	for _, t := range att.Techniques {
		r.Stats.ByTechnique[t]++
	}
}

func (r *Runner) report(msg string) {
	if r.Report != nil {
		r.Report(msg)
	}
}

// reasonOf keeps the kind of a skip (its reason up to the first detail),
// so that the summary counts categories rather than every distinct message.
func reasonOf(err error) string {
	reason := err.Error()
	var re *input.RecordError
	var le *input.LineError
	switch {
	case errors.As(err, &re):
		reason = re.Reason
	case errors.As(err, &le):
		reason = le.Reason
	}
	if i := strings.Index(reason, ": "); i > 0 {
		reason = reason[:i]
	}
	return reason
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
