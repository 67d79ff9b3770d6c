package attack

import "fmt"

// KB is a set of domains, at most one per domain name.
type KB struct {
	Domains []*Domain
}

// Domain returns the named domain or nil.
func (kb *KB) Domain(name string) *Domain {
	for _, d := range kb.Domains {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Put adds or replaces a domain, keeping the order enterprise, mobile, ics.
func (kb *KB) Put(d *Domain) {
	if d.idx == nil {
		d.reindex()
	}
	for i, old := range kb.Domains {
		if old.Name == d.Name {
			kb.Domains[i] = d
			return
		}
	}
	kb.Domains = append(kb.Domains, d)
	order := map[string]int{Enterprise: 0, Mobile: 1, ICS: 2}
	for i := len(kb.Domains) - 1; i > 0 && order[kb.Domains[i].Name] < order[kb.Domains[i-1].Name]; i-- {
		kb.Domains[i], kb.Domains[i-1] = kb.Domains[i-1], kb.Domains[i]
	}
}

// NewKB builds a KB from domains; a domain given twice is an error.
func NewKB(domains ...*Domain) (*KB, error) {
	kb := &KB{}
	for _, d := range domains {
		if kb.Domain(d.Name) != nil {
			return nil, fmt.Errorf("two bundles for %s", d.Name)
		}
		kb.Put(d)
	}
	return kb, nil
}
