package attack

import (
	"sort"
	"strings"
)

// suggest proposes up to five live objects whose ID or name is close to q:
// a shared prefix or substring first, then small edit distances.
func (kb *KB) suggest(kind, q, domain string) []string {
	type cand struct {
		label string
		score int
	}
	qi, qn := canonicalID(q), normalise(q)
	var cands []cand
	seen := map[string]bool{}
	for _, d := range kb.domainsFor(domain) {
		for id, p := range d.idByKind(kind) {
			m := d.meta(kind, p)
			if !m.Active() {
				continue
			}
			name := normalise(m.Name)
			score := 100
			if e := editDistance(qi, id); e <= 2 {
				score = e
			}
			if len(qi) >= 3 && strings.HasPrefix(id, qi) {
				score = min(score, 1)
			}
			if len(qn) >= 3 && strings.Contains(name, qn) {
				score = min(score, 1)
			}
			if e := editDistance(qn, name); e <= max(2, len(qn)/4) {
				score = min(score, e)
			}
			label := id + " " + m.Name
			if score < 100 && !seen[label] {
				seen[label] = true
				cands = append(cands, cand{label, score})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score < cands[j].score
		}
		return cands[i].label < cands[j].label
	})
	var out []string
	for i := 0; i < len(cands) && i < 5; i++ {
		out = append(out, cands[i].label)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, over bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
