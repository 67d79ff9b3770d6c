package scan

import (
	"slices"
	"strings"

	"github.com/vigil-sec/vigil/internal/match"
)

// maxNeedle bounds the length of the needles the automata search for: a
// longer anchor is searched by its last maxNeedle bytes, which occur
// wherever the whole anchor does (folded text is compared byte by byte),
// and which for paths are the distinctive part (a file name rather than
// \Windows\System32).
// Long needles (file hashes, long command lines) would otherwise make most
// of the automata's states for no gain in selectivity.
const maxNeedle = 16

// window returns the part of a long needle the automata search for: its
// last maxNeedle bytes, or its first when those are all hex digits (a
// file hash after "SHA256="): hash text pairs every hex digit with every
// other, so a window that starts inside a hash starts everywhere, while
// "SHA256=" starts in few places.
func window(n string) string {
	tail := n[len(n)-maxNeedle:]
	for i := 0; i < len(tail); i++ {
		if !isHex(tail[i]) {
			return tail
		}
	}
	if head := n[:maxNeedle]; !isHex(head[0]) || !isHex(head[1]) {
		return head
	}
	return tail
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

// A needle's route entry is route<<2 | clause: at most four clauses fit,
// and this fails to compile if match allows more.
const _ = uint(4 - match.MaxClauses)

// buildPrefilter gathers the anchors of the plan's routes by event field
// (after the route's renames) and builds one automaton per field.
func (r *routerCore) buildPrefilter(p *plan) {
	byField := map[fkey]*fieldNeedles{}
	var order []fkey
	var lastF fkey
	var fn *fieldNeedles
	r.eachAnchor(p, func(f fkey, needle string, e int32) {
		if fn == nil || f != lastF { // a rule's anchors mostly name one field after another
			if fn = byField[f]; fn == nil {
				fn = &fieldNeedles{index: map[string]int32{}}
				byField[f] = fn
				order = append(order, f)
			}
			lastF = f
		}
		fn.link(fn.add(needle), e)
	})
	p.need = make([]uint8, len(p.routes))
	for i := range p.routes {
		if clauses, ok := r.anchors(p.routes[i].rule); ok {
			p.need[i] = uint8(1)<<len(clauses) - 1
		} else {
			p.routes[i].always = true
		}
	}
	merged := mergeKeywords(byField, order)
	var groups []*fieldNeedles // in needle-id order: group k's needles start at the sum of those before
	nNeedles := int32(0)
	for _, f := range order {
		fn := byField[f]
		var m *acMatcher
		if !f.num {
			m = r.ac(affixNeedles(fn.needles, f.at))
		}
		if !f.num && m == nil { // too many distinct bytes: give up prefiltering these routes
			for _, e := range fn.es {
				p.routes[e>>2].always = true
			}
			continue
		}
		var fi int32
		if f.kw && p.kw >= 0 {
			fi = p.kw
		} else if x, ok := p.byField[f.field]; ok && !f.kw {
			fi = x
		} else {
			fi = int32(len(p.fields))
			p.fields = append(p.fields, planField{name: f.field})
			if f.kw {
				p.kw = fi
			} else {
				p.byField[f.field] = fi
			}
		}
		if f.num {
			p.fields[fi].nums = append(p.fields[fi].nums, fieldNum{index: fn.index, base: nNeedles, n: int32(len(fn.needles))})
		} else {
			pf := &p.fields[fi]
			fa := fieldAC{ac: m, base: nNeedles, at: f.at}
			if f.at != match.AtAny {
				pf.affix = append(pf.affix, fa)
			} else {
				if len(pf.acs) == 0 || m.minLen < pf.minLen {
					pf.minLen = m.minLen
				}
				pf.keywords = pf.keywords || merged[f]
				pf.acs = append(pf.acs, fa)
			}
		}
		groups = append(groups, fn)
		nNeedles += int32(len(fn.needles))
	}
	for i := range p.routes {
		if p.routes[i].always {
			p.always = append(p.always, int32(i))
		}
	}
	p.flatten(groups, nNeedles)
	p.buildTable()
}

// eachAnchor calls fn with the group, needle and route clause
// (route<<2 | clause) of every anchor of p's routes, in plan order.
func (r *routerCore) eachAnchor(p *plan, fn func(f fkey, needle string, e int32)) {
	for i := range p.routes {
		pr := &p.routes[i]
		clauses, _ := r.anchors(pr.rule)
		for ci, clause := range clauses {
			for _, a := range clause {
				needle, at := a.Needle, a.At
				if !a.Number && len(needle) > maxNeedle {
					needle, at = windowAt(needle, at)
				}
				f := fkey{a.Keyword, pr.shared, a.Number, a.Field, at}
				if !a.Keyword && pr.alias != nil {
					if to, ok := pr.alias.fields[f.field]; ok {
						f.field = to
					}
				}
				fn(f, needle, int32(i)<<2|int32(ci))
			}
		}
	}
}

// flatten lays the groups' route clauses out as markNeedle reads them:
// needle i's in nrList[nrStart[i]:nrStart[i+1]], in the order they were
// linked (a counting sort of each group's pairs by needle).
func (p *plan) flatten(groups []*fieldNeedles, n int32) {
	p.nrStart = make([]int32, n+1)
	total, base := 0, int32(0)
	for _, g := range groups {
		for _, id := range g.ids {
			p.nrStart[base+id+1]++
		}
		total += len(g.ids)
		base += int32(len(g.needles))
	}
	for i := int32(1); i <= n; i++ {
		p.nrStart[i] += p.nrStart[i-1]
	}
	p.nrList = make([]int32, total)
	next := slices.Clone(p.nrStart[:n])
	base = 0
	for _, g := range groups {
		for j, id := range g.ids {
			x := base + id
			p.nrList[next[x]] = g.es[j]
			next[x]++
		}
		base += int32(len(g.needles))
	}
}

// ac returns the automaton for needles, shared by every plan with the same
// needle list (the Security channel's many EventIDs share most rules).
func (r *routerCore) ac(needles []string) *acMatcher {
	k := strings.Join(needles, "\x00")
	if m, ok := r.acs[k]; ok {
		return m
	}
	m := newAC(needles)
	r.acs[k] = m
	return m
}
