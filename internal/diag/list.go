package diag

import (
	"fmt"
	"sort"
	"strings"
)

// List collects diagnostics for one unit (a rule document, a file). Its zero
// value is ready to use.
type List []Diagnostic

// Add appends d.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at r.
func (l *List) Errorf(r Range, code, detail, format string, a ...any) {
	l.Add(Diagnostic{Severity: Error, Code: code, Summary: fmt.Sprintf(format, a...), Detail: detail, Range: r})
}

// Warnf appends a warning at r.
func (l *List) Warnf(r Range, code, detail, format string, a ...any) {
	l.Add(Diagnostic{Severity: Warning, Code: code, Summary: fmt.Sprintf(format, a...), Detail: detail, Range: r})
}

// HasErrors reports whether any diagnostic is an Error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sort orders by file, line, column, then code, so output is stable whatever
// order the checks ran in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Range, l[j].Range
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		if a.Start.Column != b.Start.Column {
			return a.Start.Column < b.Start.Column
		}
		return l[i].Code < l[j].Code
	})
}

// Cap keeps at most n diagnostics, always keeping errors before warnings so
// the reason a rule failed is never cut. When it drops some it appends one
// note saying how many were left out.
func (l List) Cap(n int) List {
	if n <= 0 || len(l) <= n {
		return l
	}
	out := make(List, 0, n+1)
	for _, sev := range []Severity{Error, Warning} {
		for _, d := range l {
			if d.Severity == sev && len(out) < n {
				out = append(out, d)
			}
		}
	}
	out.Sort()
	last := out[len(out)-1]
	out = append(out, Diagnostic{
		Severity: Warning, Code: "DIAG001",
		Summary: fmt.Sprintf("%d more diagnostics not shown", len(l)-n),
		Detail:  "fix the ones above and run again",
		Range:   Range{File: last.Range.File},
		RuleID:  last.RuleID, Title: last.Title,
	})
	return out
}

// String renders every diagnostic on its own line, for errors and logs.
func (l List) String() string {
	parts := make([]string, len(l))
	for i, d := range l {
		parts[i] = d.Error()
	}
	return strings.Join(parts, "\n")
}
