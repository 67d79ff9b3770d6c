package scan

import "github.com/vigil-sec/vigil/internal/match"

// fieldNeedles is one automaton's worth of needles while a plan is built:
// the needles, their index, and the route clauses each satisfies, as
// (needle, route<<2 | clause) pairs in the order they were added (one
// list for the group rather than one per needle: a plan has thousands).
type fieldNeedles struct {
	needles []string
	index   map[string]int32
	ids, es []int32
	last    []int32 // per needle: the last route clause linked to it, plus one
}

// add returns needle's id in g, adding it when new.
func (g *fieldNeedles) add(needle string) int32 {
	id, ok := g.index[needle]
	if !ok {
		id = int32(len(g.needles))
		g.index[needle] = id
		g.needles = append(g.needles, needle)
		g.last = append(g.last, 0)
	}
	return id
}

// link records that needle id satisfies route clause e (once, when the
// same clause names it twice in a row).
func (g *fieldNeedles) link(id, e int32) {
	if g.last[id] == e+1 {
		return
	}
	g.last[id] = e + 1
	g.ids, g.es = append(g.ids, id), append(g.es, e)
}

// fkey groups a plan's anchors: keyword or field, the Channel/EventID
// bucket's routes or the shared ones, numeric or text, and where in the
// value the needles must be.
type fkey struct {
	kw, shared, num bool
	field           string
	at              match.Position
}

// maxMergedKeywords bounds the keyword needles copied into field automata;
// minMergeTarget is the fewest needles a group must have to receive them:
// copying into every one- or two-needle group of every plan cost a third of
// plan building (a 20,000-event run 55k → 61–67k events/s without it) and
// saved nothing measurable, those fields being short.
const (
	maxMergedKeywords = 32
	minMergeTarget    = 4
)

// mergeKeywords copies the plan's keyword needles into one text automaton
// of every field that has one, and returns those groups. Keyword anchors
// must be looked for in every string of the event; a field that is scanned
// for its own anchors anyway (a command line, an image path) then needs no
// second pass by the keyword automaton. Few keyword needles only: every
// field automaton grows by them.
func mergeKeywords(byField map[fkey]*fieldNeedles, order []fkey) map[fkey]bool {
	var kw []*fieldNeedles
	n := 0
	for _, f := range order {
		if f.kw {
			kw = append(kw, byField[f])
			n += len(byField[f].needles)
		}
	}
	if n == 0 || n > maxMergedKeywords {
		return nil
	}
	merged := map[fkey]bool{}
	done := map[string]bool{}
	for _, f := range order {
		if f.kw || f.num || f.at != match.AtAny || done[f.field] || len(byField[f].needles) < minMergeTarget {
			continue
		}
		done[f.field] = true
		merged[f] = true
		g := byField[f]
		for _, k := range kw {
			for j, kid := range k.ids {
				g.link(g.add(k.needles[kid]), k.es[j])
			}
		}
	}
	return merged
}
