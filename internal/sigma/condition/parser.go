package condition

import (
	"fmt"
	"strings"
)

// MaxNodes caps the AST size so a hostile condition cannot make the parser
// or a later evaluator do unbounded work. MaxDepth caps nesting, which bounds
// the recursion of this parser and of every tree walk after it.
const (
	MaxNodes = 2000
	MaxDepth = 100
)

// ErrPipe is the message for the v1 aggregation syntax, which Sigma v2
// replaced by correlation rules.
const ErrPipe = "the pipe aggregation syntax (\"| count() by …\") is deprecated and not supported"

type parser struct {
	toks  []token
	i     int
	nodes int
	depth int
}

// Parse parses one condition string.
func Parse(src string) (Node, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.peek().kind == tEOF {
		return nil, &Error{0, "empty condition"}
	}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, &Error{t.pos, fmt.Sprintf("unexpected %q after a complete expression", t.text)}
	}
	return n, nil
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) count() error {
	p.nodes++
	if p.nodes > MaxNodes {
		return &Error{p.peek().pos, fmt.Sprintf("condition has more than %d nodes", MaxNodes)}
	}
	return nil
}

// parseOr: or_expr = and_expr { "or" and_expr } .
func (p *parser) parseOr() (Node, error) {
	x, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	xs := []Node{x}
	for p.peek().kind == tOr {
		p.next()
		y, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		xs = append(xs, y)
	}
	if len(xs) == 1 {
		return x, nil
	}
	return &Or{xs}, p.count()
}

// parseAnd: and_expr = not_expr { "and" not_expr } .
func (p *parser) parseAnd() (Node, error) {
	x, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	xs := []Node{x}
	for p.peek().kind == tAnd {
		p.next()
		y, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		xs = append(xs, y)
	}
	if len(xs) == 1 {
		return x, nil
	}
	return &And{xs}, p.count()
}

// parseNot: not_expr = "not" not_expr | primary .
func (p *parser) parseNot() (Node, error) {
	if p.peek().kind != tNot {
		return p.parsePrimary()
	}
	t := p.next()
	if err := p.enter(t); err != nil {
		return nil, err
	}
	defer p.leave()
	x, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	return &Not{X: x, Pos: t.pos}, p.count()
}

// parsePrimary: primary = "(" or_expr ")" | quantifier "of" target | identifier .
func (p *parser) parsePrimary() (Node, error) {
	t := p.peek()
	switch t.kind {
	case tLParen:
		p.next()
		if err := p.enter(t); err != nil {
			return nil, err
		}
		defer p.leave()
		x, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if c := p.peek(); c.kind != tRParen {
			return nil, &Error{c.pos, fmt.Sprintf("expected ')' to close '(' at offset %d, found %s", t.pos, describe(c))}
		}
		p.next()
		return x, nil
	case tOne, tAll, tAny:
		return p.parseOf()
	case tWord:
		p.next()
		if strings.Contains(t.text, "*") {
			return nil, &Error{t.pos, fmt.Sprintf("pattern %q is only allowed after \"1 of\" or \"all of\"", t.text)}
		}
		if isNumber(t.text) {
			return nil, &Error{t.pos, fmt.Sprintf("\"%s of\" is not Sigma: only \"1 of\", \"any of\" and \"all of\" exist", t.text)}
		}
		return &Ident{Name: t.text, Pos: t.pos}, p.count()
	}
	return nil, &Error{t.pos, fmt.Sprintf("expected an identifier, 'not', '(' or '1 of'/'all of', found %s", describe(t))}
}

// parseOf: of_expr = ( "1" | "any" | "all" ) "of" ( "them" | pattern ) .
func (p *parser) parseOf() (Node, error) {
	q := p.next()
	if o := p.peek(); o.kind != tOf {
		if q.kind == tOne {
			return nil, &Error{o.pos, fmt.Sprintf("expected \"of\" after %q, found %s", q.text, describe(o))}
		}
		// "all" or "any" alone is not a keyword use: treat as an identifier name.
		return &Ident{Name: q.text, Pos: q.pos}, p.count()
	}
	p.next()
	target := p.next()
	n := &Of{All: q.kind == tAll, Pos: q.pos}
	switch target.kind {
	case tThem:
		n.Them = true
	case tWord, tOne, tAll, tAny:
		n.Pattern = target.text
	default:
		return nil, &Error{target.pos, fmt.Sprintf("expected \"them\" or an identifier pattern after \"of\", found %s", describe(target))}
	}
	return n, p.count()
}

func (p *parser) enter(t token) error {
	p.depth++
	if p.depth > MaxDepth {
		return &Error{t.pos, fmt.Sprintf("condition nests deeper than %d levels", MaxDepth)}
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func describe(t token) string {
	if t.kind == tEOF {
		return "end of condition"
	}
	return fmt.Sprintf("%q", t.text)
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
