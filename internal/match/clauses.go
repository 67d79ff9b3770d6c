package match

import "sort"

// MaxClauses bounds AnchorClauses: each clause costs the prefilter needles
// and a bit per route, and past two or three the rules that still reach
// evaluation are the ones that match.
const MaxClauses = 3

// AnchorClauses returns up to MaxClauses anchor sets, every one of which
// holds (at least one of its anchors occurs, as Anchor says) in every
// event the rule matches: when an event lacks one, Match is false and need
// not run. The first is the most selective; the others let a prefilter also
// demand, say, both the image and the command line of a rule that tests
// the two (`Image|endswith` AND `CommandLine|contains`), where one set
// alone makes the rule a candidate on every run of that image. ok is false
// when no set is known and the rule must always be evaluated: a condition
// under not, neq, null and exists tests, regular expressions without a
// required literal of three bytes (rare punctuation counting two more),
// non-integer numbers, CIDR, field references, cased values, and patterns
// with no literal run.
//
// An AND needs the sets of all its operands (the best MaxClauses of them);
// an OR of operands with several sets each is still a conjunction of
// unions, pairing the operands' sets position by position: if any operand
// holds, every one of its sets does, so every union does.
func (r *Rule) AnchorClauses() ([][]Anchor, bool) {
	c := clausesOf(r.det.root)
	if c == nil {
		return nil, false
	}
	out := make([][]Anchor, len(c))
	for i, s := range c {
		out[i] = dedupe(s.list)
	}
	return out, true
}

// cnf is a conjunction of anchor sets, best first; nil is "unknown".
type cnf []*anchorSet

func clausesOf(n node) cnf {
	switch t := n.(type) {
	case andNode:
		return conj(len(t), func(i int) cnf { return clausesOf(t[i]) })
	case orNode:
		return disj(len(t), func(i int) cnf { return clausesOf(t[i]) })
	case search:
		return disj(len(t), func(i int) cnf {
			alt := t[i]
			return conj(len(alt), func(j int) cnf { return predClauses(alt[j]) })
		})
	}
	return nil
}

func predClauses(p Predicate) cnf {
	var field string
	var keyword, all bool
	var tests []valueTest
	switch l := p.(type) {
	case *keywordLeaf:
		if l.neq || len(l.tests) == 0 {
			return nil
		}
		keyword, all, tests = true, l.all, l.tests
	case *fieldLeaf:
		if l.neq || l.nullAny || len(l.tests) == 0 {
			return nil
		}
		field, all, tests = l.field, l.all, l.tests
	default:
		return nil
	}
	if !all || len(tests) == 1 {
		if a := leafAnchors(field, keyword, tests); a != nil {
			return cnf{a}
		}
		return nil
	}
	// |all: every value must occur, so each is a set of its own.
	return conj(len(tests), func(i int) cnf {
		if a := leafAnchors(field, keyword, tests[i:i+1]); a != nil {
			return cnf{a}
		}
		return nil
	})
}

// conj joins the sets of operands that must all hold, keeping the best.
func conj(n int, f func(int) cnf) cnf {
	var out cnf
	for i := 0; i < n; i++ {
		out = append(out, f(i)...)
	}
	if len(out) == 0 {
		return nil
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score() > out[j].score() })
	keep := 1
	for keep < len(out) && keep < MaxClauses && out[keep].shortest() >= minClauseNeedle {
		keep++
	}
	return out[:keep]
}

// minClauseNeedle keeps a set past the first only when its shortest needle
// has three bytes: shorter ones occur in most values and would only add
// prefilter work.
const minClauseNeedle = 3

// disj is the OR of operands: set k is the union of each operand's set k
// (or its last, when it has fewer).
func disj(n int, f func(int) cnf) cnf {
	if n == 0 {
		return nil
	}
	parts := make([]cnf, n)
	width := 0
	for i := range parts {
		if parts[i] = f(i); parts[i] == nil {
			return nil
		}
		width = max(width, len(parts[i]))
	}
	out := make(cnf, width)
	for k := range out {
		s := &anchorSet{}
		for _, p := range parts {
			s.list = append(s.list, p[min(k, len(p)-1)].list...)
		}
		out[k] = s
	}
	return out
}
