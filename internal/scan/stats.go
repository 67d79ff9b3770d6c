package scan

// Stats counts everything a scan did, so that its summary can account for
// every file, record and rule.
type Stats struct {
	Files             int
	FilesByFormat     map[string]int
	FilesSkipped      []FileSkip
	Events            int // events read and evaluated
	UnknownOrigin     int // events no pipeline recognised: every rule was evaluated on them
	RecordsSkipped    int
	SkipReasons       map[string]int // reason → records skipped
	OutOfRange        int            // events outside --from/--to
	NoTime            int            // events without a usable time while a time range was set
	Alerts            int            // alerts of single-event rules
	CorrelationAlerts int            // alerts of correlation rules
	SuppressedBase    int            // base-rule matches whose own alert generate: false hides
	ByLevel           map[string]int
	ByTactic          map[string]int
	ByTechnique       map[string]int
	ByRule            map[string]int // rule title → alerts
}

// FileSkip is a file that was not read, and why.
type FileSkip struct {
	Path   string
	Reason string
}

func newStats() Stats {
	return Stats{FilesByFormat: map[string]int{}, SkipReasons: map[string]int{}, ByLevel: map[string]int{},
		ByTactic: map[string]int{}, ByTechnique: map[string]int{}, ByRule: map[string]int{}}
}
