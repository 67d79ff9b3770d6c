package match

import (
	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/sigma"
	"github.com/vigil-sec/vigil/internal/sigma/condition"
)

// node is a compiled condition; eval never allocates.
type node interface{ eval(ev event.Event) bool }

type notNode struct{ x node }
type andNode []node
type orNode []node

// search is a compiled search identifier: OR of alternatives, each an AND
// of predicates.
type search [][]Predicate

func (n notNode) eval(ev event.Event) bool { return !n.x.eval(ev) }

func (n andNode) eval(ev event.Event) bool {
	for _, x := range n {
		if !x.eval(ev) {
			return false
		}
	}
	return true
}

func (n orNode) eval(ev event.Event) bool {
	for _, x := range n {
		if x.eval(ev) {
			return true
		}
	}
	return false
}

func (s search) eval(ev event.Event) bool {
	for _, alt := range s {
		ok := true
		for _, p := range alt {
			if !p.eval(ev) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// compiled is a detection turned into a condition tree plus its predicates.
type compiled struct {
	root  node
	preds []Predicate
}

// compileDetection compiles every search identifier, then the conditions
// (OR-ed when there are several). It returns nil when anything failed; the
// reasons are in diags.
func compileDetection(d *sigma.Detection, ph placeholderUse, diags *diag.List) *compiled {
	c := &compiled{}
	searches := map[string]search{}
	ok := true
	for _, s := range d.Searches {
		var cs search
		for _, alt := range s.Alternatives {
			var preds []Predicate
			for _, it := range alt {
				p := compileItem(it, ph, diags)
				if p == nil {
					ok = false
					continue
				}
				preds = append(preds, p)
				c.preds = append(c.preds, p)
			}
			cs = append(cs, preds)
		}
		searches[s.Name] = cs
	}
	if !ok || len(d.Conditions) == 0 {
		return nil
	}
	var roots orNode
	for _, cond := range d.Conditions {
		if cond.AST == nil {
			return nil
		}
		roots = append(roots, compileCond(cond.AST, d, searches))
	}
	if len(roots) == 1 {
		c.root = roots[0]
	} else {
		c.root = roots
	}
	return c
}

// compileCond maps the AST onto compiled searches. Names were bound by the
// checker, so an unknown name cannot occur in a document without errors.
func compileCond(n condition.Node, d *sigma.Detection, s map[string]search) node {
	switch t := n.(type) {
	case *condition.Ident:
		return s[t.Name]
	case *condition.Not:
		return notNode{compileCond(t.X, d, s)}
	case *condition.And:
		out := make(andNode, 0, len(t.Xs))
		for _, x := range t.Xs {
			out = append(out, compileCond(x, d, s))
		}
		return out
	case *condition.Or:
		out := make(orNode, 0, len(t.Xs))
		for _, x := range t.Xs {
			out = append(out, compileCond(x, d, s))
		}
		return out
	case *condition.Of:
		var xs []node
		for _, name := range sigma.Resolve(d, t) {
			xs = append(xs, s[name])
		}
		if t.All {
			return andNode(xs)
		}
		return orNode(xs)
	}
	panic("condition: unknown node type") // unreachable: the AST is sealed
}
