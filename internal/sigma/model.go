package sigma

import "github.com/vigil-sec/vigil/internal/diag"

// Meta is the descriptive part every Sigma document shares.
type Meta struct {
	Title          string
	ID             string
	Name           string
	Status         string
	Level          string
	Description    string
	Author         string
	License        string
	Taxonomy       string
	Date           string
	Modified       string
	References     []string
	Tags           []string
	TagRanges      []diag.Range // position of each tag, parallel to Tags
	FalsePositives []string
	Fields         []string
	Scope          []string
	Related        []Related
	Range          diag.Range // start of the document
}

// Related is one entry of "related".
type Related struct {
	ID   string
	Type string
}

// Logsource names the kind of log a rule or filter applies to.
type Logsource struct {
	Category   string
	Product    string
	Service    string
	Definition string
}

// Rule is a Sigma detection rule.
type Rule struct {
	Logsource Logsource
	Detection Detection
}

// Detection holds the search identifiers and the condition(s).
type Detection struct {
	// Searches in declaration order; names are unique.
	Searches []*Search
	// Conditions are OR-ed; a scalar condition is a list of one.
	Conditions []Condition
}

// Search returns the search identifier called name.
func (d *Detection) Search(name string) *Search {
	for _, s := range d.Searches {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Search is one search identifier: an OR of alternatives, each an AND of
// items. A map is one alternative; a list of maps is several; a plain list
// of values is one alternative holding one keyword item.
type Search struct {
	Name         string
	Alternatives [][]*Item
	Range        diag.Range
}

// Item is one "field|mod|mod: values" entry, or a keyword list (Field "",
// Keyword true).
type Item struct {
	Field     string
	Keyword   bool
	Modifiers []string
	Values    []Value
	Range     diag.Range
}

// Has reports whether the item carries modifier m.
func (it *Item) Has(m string) bool {
	for _, x := range it.Modifiers {
		if x == m {
			return true
		}
	}
	return false
}

// ValueKind is the YAML type of a detection value.
type ValueKind int

const (
	VString ValueKind = iota + 1
	VNumber
	VBool
	VNull
)

// Value is one scalar of a detection item, as written.
type Value struct {
	Kind  ValueKind
	Text  string // the scalar text ("" for null)
	Range diag.Range
}
