package attack

import "sort"

// earlierIDs lists the IDs earlier releases used for technique t: every
// technique revoked in its favour (T1070.001 for T1685.005). A sub-technique
// that only the overlay knows (no bundle Modified date, e.g. T1686.003) has
// no predecessor of its own; earlier releases filed that behaviour under its
// parent's predecessors (T1686 ← T1562.004), so those are given instead.
func (d *Domain) earlierIDs(t int32) []string {
	ids := d.revokedInto(t)
	if len(ids) == 0 {
		tech := &d.Techniques[t]
		if tech.IsSub && tech.Parent != None && tech.Modified == "" {
			ids = d.revokedInto(tech.Parent)
		}
	}
	return ids
}

// revokedInto returns, sorted, the IDs of revoked techniques whose
// replacement chain ends at t.
func (d *Domain) revokedInto(t int32) []string {
	var ids []string
	for i := range d.Techniques {
		o := &d.Techniques[i]
		if int32(i) != t && o.Revoked && o.RevokedBy != None && o.ID != d.Techniques[t].ID && d.live(int32(i)) == t {
			ids = append(ids, o.ID)
		}
	}
	sort.Strings(ids)
	return ids
}
