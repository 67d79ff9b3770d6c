package attack

import (
	"fmt"
	"sort"
	"strings"
)

// NotFoundError is returned for an unknown ID or name, with near misses.
type NotFoundError struct {
	Kind        string
	Query       string
	Suggestions []string // "ID Name"
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("%s %q not found", e.Kind, e.Query)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean: " + strings.Join(e.Suggestions, ", ")
	}
	return msg
}

// Ref locates one object: its domain, kind and index.
type Ref struct {
	Domain *Domain
	Kind   string
	Pos    int32
}

// canonicalID upper-cases an ID and accepts the URL form T1059/001.
func canonicalID(q string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(q), "/", "."))
}

// domainsFor returns the domain named by filter, or all domains in order.
func (kb *KB) domainsFor(filter string) []*Domain {
	if filter == "" {
		return kb.Domains
	}
	if d := kb.Domain(filter); d != nil {
		return []*Domain{d}
	}
	return nil
}

// Find resolves an ID, name or alias of the given kind ("technique", "group",
// "software", "campaign", "mitigation", "tactic") in domain (or every domain).
func (kb *KB) Find(kind, query, domain string) (Ref, error) {
	id := canonicalID(query)
	for _, d := range kb.domainsFor(domain) {
		if p, ok := d.idByKind(kind)[id]; ok {
			return Ref{d, kind, p}, nil
		}
		if kind == "tactic" {
			if p, ok := d.idx.tacticShort[strings.ToLower(strings.ReplaceAll(strings.TrimSpace(query), "_", "-"))]; ok {
				return Ref{d, kind, p}, nil
			}
		}
	}
	key := normalise(query)
	for _, d := range kb.domainsFor(domain) {
		var hits []int32
		for _, r := range d.idx.names[key] {
			if r.Kind == kind {
				hits = append(hits, r.Pos)
			}
		}
		if len(hits) > 0 {
			sort.Slice(hits, func(i, j int) bool { // prefer live objects
				return d.meta(kind, hits[i]).Active() && !d.meta(kind, hits[j]).Active()
			})
			return Ref{d, kind, hits[0]}, nil
		}
	}
	return Ref{}, &NotFoundError{Kind: kind, Query: query, Suggestions: kb.suggest(kind, query, domain)}
}

func (d *Domain) idByKind(kind string) map[string]int32 {
	switch kind {
	case "technique":
		return d.idx.tech
	case "group":
		return d.idx.group
	case "software":
		return d.idx.soft
	case "campaign":
		return d.idx.camp
	case "mitigation":
		return d.idx.mitig
	case "tactic":
		return d.idx.tactic
	case "data-source":
		return d.idx.dsrc
	case "data-component":
		return d.idx.comp
	}
	return nil
}

// meta returns the common fields of the object at pos of kind.
func (d *Domain) meta(kind string, pos int32) *Meta {
	switch kind {
	case "technique":
		return &d.Techniques[pos].Meta
	case "group":
		return &d.Groups[pos].Meta
	case "software":
		return &d.Software[pos].Meta
	case "campaign":
		return &d.Campaigns[pos].Meta
	case "mitigation":
		return &d.Mitigations[pos].Meta
	case "tactic":
		return &d.Tactics[pos].Meta
	case "data-source":
		return &d.DataSources[pos].Meta
	case "data-component":
		return &d.DataComponents[pos].Meta
	}
	return nil
}

// Meta returns the common fields of the referenced object.
func (r Ref) Meta() *Meta { return r.Domain.meta(r.Kind, r.Pos) }
