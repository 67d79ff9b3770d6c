package logsource

import "github.com/vigil-sec/vigil/internal/event"

// productIndex recognises the product of a flat event in one pass over its
// keys, instead of a search per condition of every product rule: an event
// of the last product tried (Windows) would otherwise be searched end to
// end for every field of the others (eventVersion, Workload, uuid, ts, …).
// It answers exactly as conditionsHold does: the last of duplicate keys
// wins.
type productIndex struct {
	slot  map[string]int // condition field → slot
	first [64][4]uint64  // bit (len, first byte) of each condition field, len < 64
	conds [][]slotCond   // per product rule
}

type slotCond struct {
	slot   int
	values []string // nil: any value ("*")
}

// maxSlots bounds the condition fields the index tracks, so an event's
// values fit an array on the stack.
const maxSlots = 32

func newProductIndex(products []ProductRule) *productIndex {
	x := &productIndex{slot: map[string]int{}}
	for _, p := range products {
		var cs []slotCond
		for _, c := range p.Conditions {
			s, ok := x.slot[c.Field]
			if !ok {
				if len(x.slot) == maxSlots || c.Field == "" {
					return nil
				}
				s = len(x.slot)
				x.slot[c.Field] = s
				if len(c.Field) < 64 {
					b := c.Field[0]
					x.first[len(c.Field)][b>>6] |= 1 << (b & 63)
				}
			}
			sc := slotCond{slot: s}
			if !(len(c.Values) == 1 && c.Values[0] == "*") {
				sc.values = c.Values
			}
			cs = append(cs, sc)
		}
		x.conds = append(x.conds, cs)
	}
	return x
}

// product returns the index of the first product rule f satisfies, or -1.
func (x *productIndex) product(f *event.Flat) int {
	var vals [maxSlots]event.Value
	var has uint32
	for i := range f.Fields {
		k := f.Fields[i].Key
		if k == "" {
			continue
		}
		if len(k) < 64 && x.first[len(k)][k[0]>>6]&(1<<(k[0]&63)) == 0 {
			continue
		}
		if s, ok := x.slot[k]; ok {
			vals[s], has = f.Fields[i].Val, has|1<<s
		}
	}
rules:
	for r, cs := range x.conds {
		for _, c := range cs {
			if has&(1<<c.slot) == 0 {
				continue rules
			}
			if c.values == nil {
				continue
			}
			if s, ok := vals[c.slot].Text(); !ok || !anyEqualFold(c.values, s) {
				continue rules
			}
		}
		return r
	}
	return -1
}
