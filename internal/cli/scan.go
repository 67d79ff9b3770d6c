package cli

import (
	"fmt"
	"github.com/vigil-sec/vigil/internal/correlate"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/scan"
	"github.com/vigil-sec/vigil/internal/sigma"
	"github.com/vigil-sec/vigil/internal/sink"
)

// scanFlags are the options of `vigil scan`.
type scanFlags struct {
	rules, pipelines, status, tags []string
	placeholders, minLevel         string
	from, to, output, format       string
	timeField                      string
	strict, noProgress, quiet      bool
	cpuProfile                     string
	workers, maxKeys               int
	lateness                       string
}

func newScanCmd(e *env) *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Run Sigma rules over logs (EVTX, JSON, XML, auditd) and report alerts with their ATT&CK techniques",
		Long: `scan evaluates Sigma rules over logs: EVTX files, JSON lines (NDJSON, also
gzip'd), JSON arrays, Windows event XML exports, raw auditd logs, and
directories of them (recursively; "-" reads stdin). Formats are detected from
content, not file names. Windows events in every shape (EVTX, XML, Winlogbeat JSON,
evtx_dump-style nested JSON, flat JSON such as Security-Datasets) present the
same field names to rules.

Each rule sees only the events its logsource means, through the embedded
pipelines (Sysmon, Windows Security auditing with field renames, PowerShell,
Defender, the Windows services, Sysmon for Linux, auditd, CloudTrail, Okta)
plus any --pipeline files.
A rule whose logsource no pipeline maps is evaluated against every event, as
the Sigma specification does without a pipeline, and the summary lists it;
--strict-logsource skips such rules instead.

Without --rules, the embedded starter pack is used; without PATH, the embedded
demo dataset (an attack chain hidden in a day of benign activity) is scanned.

Alerts go to stdout (or --output FILE) as a table, JSON lines or CSV; every
alert carries the rule's author, its ATT&CK techniques and tactics (current
ATT&CK names), the event time, host, source path and line or EVTX record, and
the event. Skipped files and records are reported on stderr as they happen
and counted in the summary at the end.

Exit status: 0 when the scan completed (with or without alerts), 1 on a fatal
error (no rule loaded, output not writable), 2 on a usage error.`,
		Example: "  vigil scan\n" +
			"  vigil scan --rules sigma/rules/windows --min-level high C:/logs/\n" +
			"  vigil scan --rules rules/ --format jsonl --output alerts.jsonl events.json.gz\n" +
			"  vigil scan --rules rules/ --pipeline my-edr.yml --tags attack.t1059 --from 2026-03-10T00:00:00Z logs/",
		RunE: func(c *cobra.Command, args []string) error { return runScan(e, f, args) },
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.rules, "rules", nil, "Sigma rule file or directory (repeatable; default: the embedded starter pack)")
	fl.StringArrayVar(&f.pipelines, "pipeline", nil, "logsource pipeline YAML that adds to or overrides the embedded ones (repeatable)")
	fl.StringVar(&f.placeholders, "placeholders", "", "YAML file mapping placeholder names to value lists (for |expand)")
	fl.StringVar(&f.minLevel, "min-level", "", "only rules at or above this level: informational, low, medium, high, critical")
	fl.StringSliceVar(&f.status, "status", nil, "only rules with these statuses (comma-separated: stable,test,experimental)")
	fl.StringSliceVar(&f.tags, "tags", nil, "only rules with one of these tags or their sub-tags (e.g. attack.t1059, attack.credential-access)")
	fl.StringVar(&f.from, "from", "", "only events at or after this time (RFC 3339 or YYYY-MM-DD)")
	fl.StringVar(&f.to, "to", "", "only events at or before this time (RFC 3339 or YYYY-MM-DD)")
	fl.StringVar(&f.timeField, "time-field", "", "event field holding the time (default: TimeCreated, @timestamp, timestamp, time, EventTime, UtcTime, eventTime, published)")
	fl.BoolVar(&f.strict, "strict-logsource", false, "skip rules whose logsource no pipeline maps instead of evaluating them on every event")
	fl.StringVar(&f.output, "output", "", "write alerts to FILE instead of stdout")
	fl.BoolVar(&f.noProgress, "no-progress", false, "no progress line on a terminal")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "do not report each skipped file and record (they are still counted)")
	fl.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "goroutines decoding and matching JSON-lines input in parallel (alerts keep input order)")
	fl.StringVar(&f.lateness, "lateness", "unbounded", "correlations: how late (event time) a match may arrive and still count, e.g. 5m; unbounded holds every match to the end, so the answer does not depend on file order")
	fl.IntVar(&f.maxKeys, "max-keys", correlate.DefaultMaxKeys, "correlations: cap on live group keys; the least recently updated is evicted, counted and reported (negative: no cap)")
	fl.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the scan to FILE (go tool pprof)")
	_ = fl.MarkHidden("cpuprofile")
	addFormat(cmd, &f.format, sink.Formats()...)
	return cmd
}

func runScan(e *env, f scanFlags, args []string) error {
	sel, from, to, err := f.selection()
	if err != nil {
		return err
	}
	files, pathErrs := input.Expand(args)
	if len(args) > 0 && len(files) == 0 {
		return usagef("no readable input among %s: %v", strings.Join(args, ", "), pathErrs)
	}
	docs, set, err := e.scanRules(f)
	if err != nil {
		return err
	}
	lateness, err := parseLateness(f.lateness)
	if err != nil {
		return err
	}
	kb, err := e.loadKB()
	if err != nil {
		return err
	}
	// Correlations check their references and cycles as they are built, so
	// build them before the documents' diagnostics are printed.
	eng, err := correlate.New(docs, set.Rules, correlate.Options{Lateness: lateness, MaxKeys: f.maxKeys,
		TimeFields: timeFields(f.timeField), Attack: func(d *sigma.Document) alert.Attack { return alert.AttackFromKB(kb, d.Meta.Tags) },
		Report: func(msg string) { fmt.Fprintln(e.stderr, "vigil: "+msg) }})
	if err != nil {
		return err
	}
	rc := scan.RuleCounts{Correlations: len(eng.Correlations())}
	for _, d := range docs {
		if d.Kind == sigma.KindCorrelation && !d.OK() {
			rc.CorrelationsFailed++
			diag.Write(e.stderr, d.Diags.Cap(maxDiagsPerDoc))
		}
		if d.Kind != sigma.KindRule {
			continue
		}
		rc.Documents++
		if !d.OK() {
			rc.Failed++
			diag.Write(e.stderr, d.Diags.Cap(maxDiagsPerDoc))
		}
	}
	if len(set.Rules) == 0 {
		return fmt.Errorf("no rule loaded from %d documents", len(docs))
	}
	mapping, err := e.mapping(f.pipelines)
	if err != nil {
		return err
	}
	sel.Keep = map[*match.Rule]bool{}
	for _, r := range eng.Rules() {
		sel.Keep[r] = true
	}
	rc.Plan = scan.NewPlan(set.Rules, sel, mapping)
	out, closeOut, err := e.outputFile(f.output)
	if err != nil {
		return err
	}
	sk, _ := sink.New(f.format, out)
	r := &scan.Runner{Router: scan.NewRouter(rc.Plan, mapping), Attack: map[*match.Rule]alert.Attack{},
		Sink: sk, Stdin: e.stdin, From: from, To: to, Workers: f.workers, TimeFields: timeFields(f.timeField)}
	if len(eng.Correlations()) > 0 {
		r.Correlate, r.Emit = eng, rc.Plan.Emits(eng.Suppress)
	}
	for _, rule := range rc.Plan.Active {
		r.Attack[rule] = alert.AttackFromKB(kb, rule.Meta().Tags)
	}
	prog := newProgress(e.stderr, !f.noProgress)
	r.Report = func(string) {}
	if !f.quiet {
		r.Report = func(msg string) { prog.done(); fmt.Fprintln(e.stderr, "vigil: "+msg) }
	}
	r.Progress = prog.update
	if f.cpuProfile != "" {
		pf, err := os.Create(f.cpuProfile)
		if err != nil {
			return usagef("--cpuprofile: %v", err)
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return usagef("--cpuprofile: %v", err)
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	for _, perr := range pathErrs {
		r.SkipPath(perr)
	}
	err = scanInputs(r, files, prog)
	if err == nil {
		err = r.Finish()
	}
	prog.done()
	if cerr := sk.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write alerts: %w", cerr)
	}
	if cerr := closeOut(); err == nil && cerr != nil {
		err = fmt.Errorf("write alerts: %w", cerr)
	}
	if r.Correlate != nil {
		cs := eng.Stats()
		rc.Correlate = &cs
	}
	scan.WriteSummary(e.stderr, &r.Stats, rc, time.Since(start).Seconds())
	return err
}

// scanInputs scans the files, or the embedded demo dataset when none are given.
func scanInputs(r *scan.Runner, files []string, prog *progress) error {
	if len(files) == 0 {
		return r.ScanSource(demoSource)
	}
	prog.files = len(files)
	for _, p := range files {
		prog.file++
		if err := r.ScanPath(p); err != nil {
			return err
		}
	}
	return nil
}

// scanRules loads --rules, or the embedded starter pack.
func (e *env) scanRules(f scanFlags) ([]*sigma.Document, *match.Set, error) {
	if len(f.rules) > 0 {
		return loadRules(f.rules, f.placeholders)
	}
	ph, err := loadPlaceholders(f.placeholders)
	if err != nil {
		return nil, nil, err
	}
	docs, err := starterDocs()
	if err != nil {
		return nil, nil, err
	}
	return docs, match.Load(docs, match.Options{Placeholders: ph}), nil
}

// mapping merges the embedded pipelines with --pipeline files.
func (e *env) mapping(files []string) (*logsource.Mapping, error) {
	builtin, err := logsource.Builtin()
	if err != nil {
		return nil, err
	}
	var user []*logsource.Pipeline
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, usagef("--pipeline: %v", err)
		}
		p, diags := logsource.Parse(f, data)
		diag.Write(e.stderr, diags)
		if diags.HasErrors() {
			return nil, usagef("--pipeline %s does not load (see above)", f)
		}
		user = append(user, p)
	}
	return logsource.NewMapping(builtin, user), nil
}

// outputFile opens --output (stdout when empty).
func (e *env) outputFile(path string) (io.Writer, func() error, error) {
	if path == "" {
		return e.stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("--output: %w", err)
	}
	return f, f.Close, nil
}

// selection turns the filter flags into a scan.Selection and a time range.
func (f scanFlags) selection() (scan.Selection, time.Time, time.Time, error) {
	sel := scan.Selection{MinLevel: strings.ToLower(f.minLevel), Status: f.status, Tags: f.tags, StrictLogsource: f.strict}
	if sel.MinLevel != "" && !scan.ValidLevel(sel.MinLevel) {
		return sel, time.Time{}, time.Time{}, usagef("--min-level %q: want informational, low, medium, high or critical", f.minLevel)
	}
	from, err := parseWhen("--from", f.from, false)
	if err != nil {
		return sel, time.Time{}, time.Time{}, err
	}
	to, err := parseWhen("--to", f.to, true)
	if err != nil {
		return sel, time.Time{}, time.Time{}, err
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return sel, from, to, usagef("--to %s is before --from %s", f.to, f.from)
	}
	return sel, from, to, nil
}

// parseWhen reads RFC 3339 or a date; a date as --to means the end of that day.
func parseWhen(flag, v string, endOfDay bool) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		if endOfDay {
			t = t.Add(24*time.Hour - time.Nanosecond)
		}
		return t, nil
	}
	return time.Time{}, usagef("%s %q: want RFC 3339 (2026-03-10T09:00:00Z) or a date (2026-03-10)", flag, v)
}

// parseLateness reads --lateness: "unbounded" or a duration.
func parseLateness(v string) (time.Duration, error) {
	if v == "" || v == "unbounded" {
		return correlate.Unbounded, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, usagef("--lateness %q: want unbounded or a duration such as 5m", v)
	}
	return d, nil
}

func timeFields(f string) []string {
	if f == "" {
		return nil
	}
	return []string{f}
}
