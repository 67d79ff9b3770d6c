package scan

import (
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
)

// routeSeen is the anchor clauses of a route seen in event gen.
type routeSeen struct {
	gen  uint32
	have uint8
}

// pfState is one worker's prefilter scratch, used with any plan: seen (per
// route), needleStamp (per needle), fieldStamp (per field) and covered (per
// event field) hold the number of the event that last marked them, so
// nothing is cleared between events.
type pfState struct {
	p           *plan
	seen        []routeSeen // per route
	needleStamp []uint32
	fieldStamp  []uint32
	covered     []uint32 // per field of a flat event: gen when its automaton held the keyword needles
	gen         uint32
	buf         []byte
	cands       []int32 // routes whose clauses were all seen, in discovery order
	memo        memoState
}

// prefilter marks the routes of p whose anchors occur in ev.
func (st *pfState) prefilter(p *plan, ev event.Event) {
	st.gen++
	if st.gen == 0 {
		clear(st.seen)
		clear(st.needleStamp)
		clear(st.fieldStamp)
		clear(st.covered)
		st.gen = 1
	}
	st.p = p
	st.cands = st.cands[:0]
	if len(st.seen) < len(p.routes) {
		st.seen = append(st.seen, make([]routeSeen, len(p.routes)-len(st.seen))...)
	}
	st.needleStamp = grow(st.needleStamp, len(p.nrStart)-1)
	st.fieldStamp = grow(st.fieldStamp, len(p.fields))
	if len(p.fields) == 0 {
		return
	}
	if f, ok := ev.(*event.Flat); ok && len(f.Fields) < 2*len(p.fields) {
		// Walk the event's own fields, last first (the last duplicate wins).
		for i := len(f.Fields) - 1; i >= 0; i-- {
			fi := p.lookup(f.Fields[i].Key)
			if fi < 0 || st.fieldStamp[fi] == st.gen {
				continue
			}
			st.fieldStamp[fi] = st.gen
			st.scanValue(&p.fields[fi], f.Fields[i].Val)
			if p.fields[fi].keywords {
				st.covered = grow(st.covered, i+1)
				st.covered[i] = st.gen
			}
		}
		st.keywords(ev)
		return
	}
	for i := range p.fields {
		if int32(i) == p.kw {
			continue
		}
		if v, ok := ev.Get(p.fields[i].name); ok {
			st.scanValue(&p.fields[i], v)
		}
	}
	st.keywords(ev)
}

// grow returns s with at least n elements; new ones are zero, which no
// event's gen equals.
func grow(s []uint32, n int) []uint32 {
	if len(s) >= n {
		return s
	}
	return append(s, make([]uint32, n-len(s))...)
}

// keywords scans every string value of the event for keyword anchors, as
// keyword searches see them (Walk, strings only). Of a flat event's
// duplicate keys Walk sees only the last; scanning the others too can only
// make a rule a candidate that evaluation then rejects, and spares a
// search for later duplicates of every field.
func (st *pfState) keywords(ev event.Event) {
	p := st.p
	if p.kw < 0 {
		return
	}
	pf := &p.fields[p.kw]
	if f, ok := ev.(*event.Flat); ok {
		for i := range f.Fields {
			if i < len(st.covered) && st.covered[i] == st.gen {
				continue // scanned for the keyword needles with its own anchors
			}
			switch v := f.Fields[i].Val; v.Kind() {
			case event.String:
				s, _ := v.Str()
				st.scanText(pf, s) // keyword anchors are never numbers
			case event.Array:
				st.scanStrings(pf, v)
			}
		}
		return
	}
	ev.Walk(func(v event.Value) bool {
		if v.Kind() == event.String {
			st.scanValue(pf, v)
		}
		return true
	})
}

func (st *pfState) scanValue(pf *planField, v event.Value) {
	switch v.Kind() {
	case event.Array:
		for i := 0; i < v.Len(); i++ {
			st.scanValue(pf, v.Index(i))
		}
		return
	case event.Object:
		return
	}
	s, ok := v.Text()
	if !ok {
		return
	}
	for k := range pf.nums {
		st.scanNum(&pf.nums[k], s)
	}
	st.scanText(pf, s)
}

// scanText runs pf's automata over the text s, or marks what they found
// in it before (memo.go).
func (st *pfState) scanText(pf *planField, s string) {
	if len(pf.acs) == 0 && len(pf.affix) == 0 {
		return
	}
	if m := st.memo.lookup(pf, len(s)); m != nil {
		st.scanMemo(m, pf, s)
		return
	}
	st.scanFolded(pf, s)
}

// scanFolded is scanText without the memo.
func (st *pfState) scanFolded(pf *planField, s string) {
	if !isASCII(s) {
		st.buf = foldInto(st.buf[:0], s)
		s = bstring(st.buf)
	}
	for k := range pf.affix {
		st.scanAffix(&pf.affix[k], s)
	}
	if len(s) < pf.minLen { // most values are shorter than the keyword needles
		return
	}
	for k := range pf.acs {
		st.scanAC(&pf.acs[k], s)
	}
}

// scanNum marks the numeric needle equal to s, or all of them when s is
// not canonical integer text.
func (st *pfState) scanNum(fn *fieldNum, s string) {
	if match.CanonicalInt(s) {
		if id, ok := fn.index[s]; ok {
			st.markNeedle(fn.base + id)
		}
		return
	}
	for id := fn.base; id < fn.base+fn.n; id++ {
		st.markNeedle(id)
	}
}

func (st *pfState) markNeedle(id int32) {
	if st.memo.recording {
		st.memo.rec = append(st.memo.rec, id)
	}
	if st.needleStamp[id] == st.gen {
		return
	}
	st.needleStamp[id] = st.gen
	p := st.p
	for _, e := range p.nrList[p.nrStart[id]:p.nrStart[id+1]] {
		ri, bit := e>>2, uint8(1)<<(e&3)
		r := &st.seen[ri]
		if r.gen != st.gen {
			r.gen, r.have = st.gen, 0
		}
		if h := r.have; h|bit != h {
			h |= bit
			r.have = h
			if h == p.need[ri] {
				st.cands = append(st.cands, ri)
			}
		}
	}
}

// scanStrings scans the strings of v (the elements of an array) as Walk
// would present them to a keyword search.
func (st *pfState) scanStrings(pf *planField, v event.Value) {
	if v.Kind() == event.Array {
		for i := 0; i < v.Len(); i++ {
			st.scanStrings(pf, v.Index(i))
		}
		return
	}
	if v.Kind() == event.String {
		st.scanValue(pf, v)
	}
}
