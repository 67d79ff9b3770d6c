// Package diag holds the diagnostics every vigil front end reports: a
// severity, a stable code, a terse summary, what to do about it, and where in
// which file it happened. It is a leaf package (stdlib only) so that the Sigma
// parser, the compiler and the CLI can all speak the same type.
package diag

import "fmt"

// Severity orders diagnostics; an Error stops a rule from loading, a Warning
// never does.
type Severity int

const (
	Warning Severity = iota + 1
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText renders the severity as its lower-case name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos is a 1-based line and column; the zero Pos means "unknown".
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range locates a diagnostic in a file. End may be zero when only the start
// is known (YAML nodes carry only their start).
type Range struct {
	File  string `json:"file"`
	Start Pos    `json:"start"`
	End   Pos    `json:"end,omitzero"`
}

func (r Range) String() string {
	switch {
	case r.Start.Line == 0:
		return r.File
	case r.Start.Column == 0:
		return fmt.Sprintf("%s:%d", r.File, r.Start.Line)
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Column)
}

// Diagnostic is one finding, HCL-style. Code is stable across releases so
// users can grep and suppress by it; Summary is one short line; Detail says
// what to do.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Summary  string   `json:"summary"`
	Detail   string   `json:"detail,omitempty"`
	Range    Range    `json:"range"`
	RuleID   string   `json:"rule_id,omitempty"`
	Title    string   `json:"rule_title,omitempty"`
}

func (d Diagnostic) Error() string {
	return fmt.Sprintf("%s: %s %s: %s", d.Range, d.Severity, d.Code, d.Summary)
}
