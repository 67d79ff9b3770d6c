package scan

import (
	"encoding/binary"
	"unsafe"
)

// Plans of different keys often have the same routes (most Channel/EventID
// keys have no rules of their own, only their channel's general ones), and
// a plan's prefilter depends on its routes alone, so such plans share one
// (routerCore.prefilters).

// routesKey names what a plan's prefilter is built from: each route's
// rule, field renames and whether it is shared (the routes' residual
// conditions are checked when an event is matched, not prefiltered).
func routesKey(routes []planRoute) string {
	b := make([]byte, 0, 13*len(routes))
	for _, pr := range routes {
		b = binary.LittleEndian.AppendUint32(b, uint32(pr.rule))
		b = binary.LittleEndian.AppendUint64(b, uint64(uintptr(unsafe.Pointer(pr.alias))))
		b = append(b, btoiByte(pr.shared))
	}
	return string(b)
}

func btoiByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// sharePrefilter gives p the prefilter built for q, whose routes are the
// same: the automata, needle lists and field table are read-only once
// built. Which routes are evaluated always is part of it.
func (p *plan) sharePrefilter(q *plan) {
	for i := range p.routes {
		p.routes[i].always = q.routes[i].always
	}
	p.fields, p.byField, p.kw, p.table = q.fields, q.byField, q.kw, q.table
	p.nrStart, p.nrList, p.need, p.always = q.nrStart, q.nrList, q.need, q.always
}
