package logsource

import (
	"strings"

	"github.com/vigil-sec/vigil/internal/diag"
)

// Logsource is a rule's abstract log source, lower-cased; empty means unset.
type Logsource struct {
	Product, Category, Service string
}

// Of builds a Logsource from the three attributes, normalising case.
func Of(product, category, service string) Logsource {
	return Logsource{strings.ToLower(strings.TrimSpace(product)), strings.ToLower(strings.TrimSpace(category)),
		strings.ToLower(strings.TrimSpace(service))}
}

func (l Logsource) String() string {
	var parts []string
	for _, kv := range [][2]string{{"product", l.Product}, {"category", l.Category}, {"service", l.Service}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	if len(parts) == 0 {
		return "(empty)"
	}
	return strings.Join(parts, " ")
}

// Condition requires an event field to equal one of Values (case-insensitive;
// numbers compare by their text). The single value "*" means "present".
type Condition struct {
	Field  string
	Values []string
}

// Entry maps one log source onto events of one concrete source.
type Entry struct {
	Pipeline   string
	Logsource  Logsource
	Conditions []Condition       // all must hold
	Fields     map[string]string // Sigma field name → event field name
	Extend     bool              // add to, rather than replace, earlier pipelines' entries
	Range      diag.Range
}

// ProductRule recognises the product an event comes from (Windows event
// logs have a Channel and an EventID). Rules whose log source no pipeline
// maps still only see events of their own product, or of an unknown one.
type ProductRule struct {
	Product    string
	Conditions []Condition
	// Categories lists the categories of product-less rules (e.g. antivirus)
	// that may describe this product's events; other product-less unmapped
	// rules (proxy, webserver, database, …) do not see them.
	Categories []string
	Range      diag.Range
}

// Pipeline is one named set of entries, as read from a YAML file.
type Pipeline struct {
	Name        string
	Description string
	File        string
	Entries     []Entry
	Products    []ProductRule
}

// Values returns the condition values on field (case-insensitive name), if any.
func (e *Entry) Values(field string) ([]string, bool) {
	for _, c := range e.Conditions {
		if strings.EqualFold(c.Field, field) {
			return c.Values, true
		}
	}
	return nil, false
}

// Describe renders the entry's conditions for summaries ("Channel=Security EventID=4688").
func (e *Entry) Describe() string {
	var parts []string
	for _, c := range e.Conditions {
		parts = append(parts, c.Field+"="+strings.Join(c.Values, "|"))
	}
	return strings.Join(parts, " ")
}
