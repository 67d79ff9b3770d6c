// Package condition parses the condition of a Sigma detection into a small
// sealed AST. The lexer turns the text into a token slice; a recursive-descent
// parser, one function per grammar production, builds the tree. Nothing here
// knows about search identifiers' contents: binding names to selections is the
// checker's job.
package condition

// Node is a condition AST node. The unexported method seals the set: only the
// types in this file are nodes, so a type switch over them is exhaustive.
type Node interface {
	// Offset is the byte offset of the node's first token in the source.
	Offset() int
	node()
}

// Ident references one search identifier by name.
type Ident struct {
	Name string
	Pos  int
}

// Not negates X.
type Not struct {
	X   Node
	Pos int
}

// And is true when every element of Xs is (n-ary, left to right).
type And struct{ Xs []Node }

// Or is true when any element of Xs is.
type Or struct{ Xs []Node }

// Of is "1 of P", "any of P" or "all of P"; P is a name pattern with '*'
// wildcards, or "them" for every identifier not starting with '_'.
type Of struct {
	All     bool   // all of … (otherwise 1/any of …)
	Them    bool   // … of them
	Pattern string // pattern when !Them
	Pos     int
}

func (n *Ident) Offset() int { return n.Pos }
func (n *Not) Offset() int   { return n.Pos }
func (n *And) Offset() int   { return n.Xs[0].Offset() }
func (n *Or) Offset() int    { return n.Xs[0].Offset() }
func (n *Of) Offset() int    { return n.Pos }

func (*Ident) node() {}
func (*Not) node()   {}
func (*And) node()   {}
func (*Or) node()    {}
func (*Of) node()    {}

// Walk calls fn for n and every node below it, parents first.
func Walk(n Node, fn func(Node)) {
	fn(n)
	switch t := n.(type) {
	case *Not:
		Walk(t.X, fn)
	case *And:
		for _, x := range t.Xs {
			Walk(x, fn)
		}
	case *Or:
		for _, x := range t.Xs {
			Walk(x, fn)
		}
	}
}

// MatchPattern reports whether name matches pattern, where '*' stands for
// any run of characters (possibly empty) at any position.
func MatchPattern(pattern, name string) bool {
	for len(pattern) > 0 {
		if pattern[0] == '*' {
			for len(pattern) > 0 && pattern[0] == '*' {
				pattern = pattern[1:]
			}
			if pattern == "" {
				return true
			}
			for i := 0; i <= len(name); i++ {
				if MatchPattern(pattern, name[i:]) {
					return true
				}
			}
			return false
		}
		if name == "" || name[0] != pattern[0] {
			return false
		}
		pattern, name = pattern[1:], name[1:]
	}
	return name == ""
}
