package scan

import (
	"fmt"

	"github.com/vigil-sec/vigil/internal/correlate"
	"io"
	"sort"
	"strings"
)

// RuleCounts is what happened to the rules before the scan started.
type RuleCounts struct {
	Documents          int // rule documents read (filters and correlations excluded)
	Failed             int // rule documents that did not load
	Plan               Plan
	Correlations       int // correlations evaluated
	CorrelationsFailed int // correlation documents that did not load
	Correlate          *correlate.Stats
}

// WriteSummary prints the end-of-scan account: inputs, skips, rules and
// alerts by level, tactic and technique. Nothing skipped goes unmentioned.
func WriteSummary(w io.Writer, st *Stats, rc RuleCounts, elapsed float64) {
	p := rc.Plan
	fmt.Fprintf(w, "\n== vigil scan summary\n")
	formats := make([]string, 0, len(st.FilesByFormat))
	for f, n := range st.FilesByFormat {
		formats = append(formats, fmt.Sprintf("%d %s", n, f))
	}
	sort.Strings(formats)
	rate := ""
	if elapsed > 0 {
		rate = fmt.Sprintf(" in %.1fs (%.0f events/s)", elapsed, float64(st.Events)/elapsed)
	}
	fmt.Fprintf(w, "events:  %d read from %d files (%s)%s\n", st.Events, st.Files, strings.Join(formats, ", "), rate)
	if st.UnknownOrigin > 0 {
		fmt.Fprintf(w, "         %d events are of unknown origin (no Channel/EventID or other shape a pipeline recognises): every rule was evaluated on them, as Sigma does without a pipeline; a --pipeline can map their source\n", st.UnknownOrigin)
	}
	if st.OutOfRange+st.NoTime > 0 {
		fmt.Fprintf(w, "         %d outside --from/--to, %d without a usable time (not evaluated)\n", st.OutOfRange, st.NoTime)
	}
	if len(st.FilesSkipped) > 0 {
		fmt.Fprintf(w, "skipped: %d files\n", len(st.FilesSkipped))
		for _, f := range st.FilesSkipped {
			fmt.Fprintf(w, "         %s\n", f.Reason)
		}
	}
	if st.RecordsSkipped > 0 {
		fmt.Fprintf(w, "skipped: %d records: %s\n", st.RecordsSkipped, countList(st.SkipReasons, 0))
	}
	fmt.Fprintf(w, "rules:   %d loaded, %d failed to load, %d not applicable, %d running\n",
		rc.Documents-rc.Failed, rc.Failed, len(p.Skipped), len(p.Active))
	if len(p.Skipped) > 0 {
		reasons := map[string]int{}
		for _, s := range p.Skipped {
			reasons[skipKind(s.Reason)]++
		}
		fmt.Fprintf(w, "         not applicable: %s\n", countList(reasons, 0))
	}
	if len(p.Unmapped) > 0 {
		fmt.Fprintf(w, "         %d rules have a log source no pipeline maps: they saw every event not recognised as another product's (--strict-logsource skips them):\n", len(p.Unmapped))
		byLS := map[string]int{}
		for _, r := range p.Unmapped {
			byLS[ruleLogsource(r).String()]++
		}
		fmt.Fprintf(w, "         %s\n", countList(byLS, 0))
	}
	if rc.Correlations+rc.CorrelationsFailed > 0 {
		writeCorrelationSummary(w, st, rc)
	}
	total := st.Alerts + st.CorrelationAlerts
	fmt.Fprintf(w, "alerts:  %d", total)
	if total > 0 {
		fmt.Fprintf(w, " (%s)", levelList(st.ByLevel))
	}
	fmt.Fprintln(w)
	if total > 0 {
		fmt.Fprintf(w, "by tactic:    %s\n", orDash(countList(st.ByTactic, 0)))
		fmt.Fprintf(w, "by technique: %s\n", orDash(countList(st.ByTechnique, 15)))
		fmt.Fprintf(w, "top rules:    %s\n", countList(st.ByRule, 10))
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func skipKind(reason string) string {
	switch {
	case strings.HasPrefix(reason, "level"):
		return "below --min-level"
	case strings.HasPrefix(reason, "status"):
		return "--status"
	case strings.HasPrefix(reason, "no tag"):
		return "--tags"
	case strings.Contains(reason, "--strict-logsource"):
		return "unmapped log source (--strict-logsource)"
	}
	return reason
}

func levelList(m map[string]int) string {
	var parts []string
	for i := len(levels) - 1; i >= 0; i-- {
		if n := m[levels[i]]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", levels[i], n))
		}
	}
	return strings.Join(parts, ", ")
}

// countList renders "a 3, b 2, …" largest first; limit 0 shows all.
func countList(m map[string]int, limit int) string {
	type kv struct {
		k string
		v int
	}
	var all []kv
	for k, v := range m {
		if k == "" {
			k = "(none)"
		}
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].v != all[j].v {
			return all[i].v > all[j].v
		}
		return all[i].k < all[j].k
	})
	var parts []string
	for i, e := range all {
		if limit > 0 && i == limit {
			parts = append(parts, fmt.Sprintf("… %d more", len(all)-limit))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", e.k, e.v))
	}
	return strings.Join(parts, ", ")
}

// writeCorrelationSummary accounts for correlations separately: their alerts,
// base-rule alerts they hid (generate: false), and every match they could not
// use.
func writeCorrelationSummary(w io.Writer, st *Stats, rc RuleCounts) {
	fmt.Fprintf(w, "correlations: %d evaluated, %d failed to load; %d correlation alerts; %d base-rule alerts not emitted (generate: false)\n",
		rc.Correlations, rc.CorrelationsFailed, st.CorrelationAlerts, st.SuppressedBase)
	cs := rc.Correlate
	if cs == nil {
		return
	}
	if len(cs.ByCorrelation) > 0 {
		m := map[string]int{}
		for k, v := range cs.ByCorrelation {
			m[k] = int(v)
		}
		fmt.Fprintf(w, "         by correlation: %s\n", countList(m, 10))
	}
	fmt.Fprintf(w, "         %d base-rule matches correlated; not used: %d without a usable time, %d later than --lateness, %d missing a group-by field, %d non-numeric values; %d group keys evicted (--max-keys), peak %d live keys\n",
		cs.Matches, cs.NoTime, cs.Late, cs.MissingGroupBy, cs.NonNumeric, cs.Evicted, cs.LiveKeysPeak)
}
