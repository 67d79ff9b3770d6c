package condition

import (
	"fmt"
	"strings"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tWord
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tOf
	tOne
	tAll
	tAny
	tThem
)

type token struct {
	kind tokKind
	text string
	pos  int
}

// Error is a syntax error at a byte offset of the condition text.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// maxTokens bounds work on hostile input; real conditions have < 100 tokens.
const maxTokens = 4096

// isWordByte accepts the characters Sigma identifiers and patterns use:
// letters, digits, '_', '-', '.', and '*' for patterns.
func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c == '*' ||
		(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80
}

// lex splits src into tokens. Keywords are matched case-insensitively.
func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '(':
			toks = append(toks, token{tLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, token{tRParen, ")", i})
			i++
		case c == '|':
			// Everything after a pipe is v1 aggregation syntax; report that
			// rather than whatever character of it fails to lex first.
			return nil, &Error{i, ErrPipe}
		case isWordByte(c):
			j := i
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			w := src[i:j]
			toks = append(toks, token{keyword(w), w, i})
			i = j
		default:
			return nil, &Error{i, fmt.Sprintf("unexpected character %q", c)}
		}
		if len(toks) > maxTokens {
			return nil, &Error{i, fmt.Sprintf("condition has more than %d tokens", maxTokens)}
		}
	}
	return append(toks, token{tEOF, "", len(src)}), nil
}

func keyword(w string) tokKind {
	switch strings.ToLower(w) {
	case "and":
		return tAnd
	case "or":
		return tOr
	case "not":
		return tNot
	case "of":
		return tOf
	case "1":
		return tOne
	case "all":
		return tAll
	case "any":
		return tAny
	case "them":
		return tThem
	}
	return tWord
}
