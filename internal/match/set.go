package match

import (
	"runtime"
	"sync"

	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// Options configure compilation.
type Options struct {
	// Placeholders give the values of %name% placeholders under |expand.
	Placeholders Placeholders
	// CheckOnly is for lint: a placeholder without values is a warning,
	// not an error (the rule is valid; only running it needs the values).
	// A Set loaded this way must not be used to scan.
	CheckOnly bool
}

// Set is a compiled collection of rules.
type Set struct {
	Rules []*Rule
}

// Load compiles every loadable rule and filter of docs and applies the
// filters to the rules they name. Compile-time findings are appended to
// each document's Diags, so after Load a document is loaded exactly when
// Document.OK() holds. Correlations are checked (including that the rules
// they name are loaded) but not compiled yet.
func Load(docs []*sigma.Document, opt Options) *Set {
	set := &Set{}
	type filt struct {
		doc *sigma.Document
		c   *compiled
	}
	var filters []filt
	ok, cs := compileAll(docs, placeholderUse{opt.Placeholders, opt.CheckOnly})
	for i, d := range docs {
		if !ok[i] {
			continue
		}
		switch d.Kind {
		case sigma.KindRule:
			c := cs[i]
			if c == nil || !d.OK() {
				stamp(d) // its compile errors name it, as a filter's do
				continue
			}
			r := &Rule{Doc: d, Logsource: d.Rule.Logsource, det: c}
			r.addFields(c.preds)
			set.Rules = append(set.Rules, r)
		case sigma.KindFilter:
			if c := cs[i]; c != nil && d.OK() {
				filters = append(filters, filt{d, c})
			}
		}
		stamp(d)
	}
	for _, f := range filters {
		hit := false
		for _, r := range set.Rules {
			if appliesTo(f.doc.Filter, r) {
				r.filters = append(r.filters, f.c)
				r.Filters = append(r.Filters, f.doc.Meta.Title)
				r.addFields(f.c.preds)
				hit = true
			}
		}
		if !hit {
			f.doc.Diags.Add(diag.Diagnostic{Severity: diag.Warning, Code: sigma.CodeFilterTarget,
				Summary: "filter applies to no loaded rule",
				Detail:  "check filter.rules (ids or names) and that the filter's logsource matches the rules' logsource",
				Range:   f.doc.Meta.Range, RuleID: f.doc.Meta.ID, Title: f.doc.Meta.Title})
		}
	}
	checkCorrelationRefs(docs, set)
	return set
}

// compileAll compiles the detections of the rules and filters among docs
// on every core (each document's compile touches only that document); ok
// says which documents had no errors before compiling.
func compileAll(docs []*sigma.Document, ph placeholderUse) ([]bool, []*compiled) {
	ok := make([]bool, len(docs))
	cs := make([]*compiled, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(docs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d := docs[i]
				if ok[i] = d.OK(); !ok[i] {
					continue
				}
				switch d.Kind {
				case sigma.KindRule:
					cs[i] = compileDetection(&d.Rule.Detection, ph, &d.Diags)
				case sigma.KindFilter:
					cs[i] = compileDetection(&d.Filter.Detection, ph, &d.Diags)
				}
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return ok, cs
}

// stamp labels compile diagnostics with the document's id and title.
func stamp(d *sigma.Document) {
	for i := range d.Diags {
		d.Diags[i].RuleID, d.Diags[i].Title = d.Meta.ID, d.Meta.Title
	}
	d.Diags.Sort()
}

// appliesTo decides whether filter f tunes rule r: r must be named in
// f.rules (by id or name; "any" names every rule, as in pySigma) and its
// logsource must fall within the filter's: every logsource attribute the
// filter sets must equal the rule's (pySigma's "rule.logsource in
// filter.logsource").
func appliesTo(f *sigma.Filter, r *Rule) bool {
	named := false
	m := r.Meta()
	for _, ref := range f.Rules {
		if ref == "any" || (m.ID != "" && ref == m.ID) || (m.Name != "" && ref == m.Name) {
			named = true
			break
		}
	}
	if !named {
		return false
	}
	ls := f.Logsource
	return (ls.Category == "" || ls.Category == r.Logsource.Category) &&
		(ls.Product == "" || ls.Product == r.Logsource.Product) &&
		(ls.Service == "" || ls.Service == r.Logsource.Service)
}

// Match calls fn for every rule that ev triggers, in load order.
func (s *Set) Match(ev event.Event, fn func(*Rule)) {
	for _, r := range s.Rules {
		if r.Match(ev) {
			fn(r)
		}
	}
}
