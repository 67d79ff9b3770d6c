// Package correlate evaluates Sigma correlation rules (event_count,
// value_count, temporal, temporal_ordered, value_sum, value_avg,
// value_percentile, value_median) over the base-rule matches of a scan.
//
// The scan hands every base-rule match to Engine.Observe; the engine reads
// the event's time, group-by and field values at once (it keeps no event),
// buffers the match until the lateness bound says no earlier match can still
// arrive, and then evaluates matches in a total order: event time, then
// source path, EVTX record, line and offset, then rule load order. Matches
// that share a timestamp are applied together before any condition is
// checked, so the result never depends on how ties are broken. Windows are
// backward and inclusive, [t-timespan, t]; an alert consumes its group's
// window. docs/correlation.md states the semantics with examples.
//
// Memory is bounded by the correlations' windows: state lives per group key,
// expires with the timespan, and a cap on live keys evicts the least recently
// used key, counted in Stats.
package correlate
