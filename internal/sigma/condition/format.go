package condition

import "strings"

// String renders n fully parenthesised, so tests and diagnostics can show how
// precedence was resolved.
func String(n Node) string {
	var b strings.Builder
	format(&b, n)
	return b.String()
}

func format(b *strings.Builder, n Node) {
	switch t := n.(type) {
	case *Ident:
		b.WriteString(t.Name)
	case *Not:
		b.WriteString("not ")
		format(b, t.X)
	case *And:
		list(b, t.Xs, " and ")
	case *Or:
		list(b, t.Xs, " or ")
	case *Of:
		if t.All {
			b.WriteString("all of ")
		} else {
			b.WriteString("1 of ")
		}
		if t.Them {
			b.WriteString("them")
		} else {
			b.WriteString(t.Pattern)
		}
	}
}

func list(b *strings.Builder, xs []Node, sep string) {
	b.WriteByte('(')
	for i, x := range xs {
		if i > 0 {
			b.WriteString(sep)
		}
		format(b, x)
	}
	b.WriteByte(')')
}
