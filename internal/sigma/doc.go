// Package sigma reads Sigma documents (detection rules, meta filters and
// correlation rules) into a model that remembers where every piece came
// from, and checks them against the Sigma specification v2.1.
//
// Parsing and checking only describe the rule; turning it into something
// that evaluates events is package match's job. The split keeps this package
// free of matching concerns and lets lint report everything without
// compiling.
package sigma

import "github.com/vigil-sec/vigil/internal/diag"

// Kind says which of the three Sigma document types a document is.
type Kind int

const (
	KindRule Kind = iota + 1
	KindFilter
	KindCorrelation
)

func (k Kind) String() string {
	switch k {
	case KindRule:
		return "rule"
	case KindFilter:
		return "filter"
	case KindCorrelation:
		return "correlation"
	}
	return "unknown"
}

// Document is one YAML document of a Sigma file. Exactly one of Rule,
// Filter and Correlation is set when Kind is known; Diags holds every
// finding about the document, and the document is loadable when Diags has
// no error.
type Document struct {
	Kind        Kind
	File        string
	Index       int // 0-based position of the document in its file
	Meta        Meta
	Rule        *Rule
	Filter      *Filter
	Correlation *Correlation
	Diags       diag.List
}

// OK reports whether the document loaded (no error diagnostics).
func (d *Document) OK() bool { return !d.Diags.HasErrors() }
