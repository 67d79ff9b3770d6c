package match

import (
	"encoding/base64"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// maxVariants bounds how many strings one value may expand into (windash
// before an encoding, placeholders): past it the rule is rejected rather
// than compiled into something slow.
const maxVariants = 4096

// sval is a value on its way through the string modifiers: pattern pieces,
// and whether the literals are raw bytes (after a UTF-16 encoding) rather
// than runes.
type sval struct {
	ps    []piece
	bytes bool
}

// applyTransform applies one string modifier to every value.
func applyTransform(mod string, in []sval) ([]sval, error) {
	var out []sval
	for _, v := range in {
		switch mod {
		case "contains":
			out = append(out, sval{wrapStar(v.ps, true, true), v.bytes})
		case "startswith":
			out = append(out, sval{wrapStar(v.ps, false, true), v.bytes})
		case "endswith":
			out = append(out, sval{wrapStar(v.ps, true, false), v.bytes})
		case "windash":
			ps := append([]piece(nil), v.ps...)
			for i := range ps {
				if !ps[i].star && ps[i].u.kind == uLit && isDash(ps[i].u.r) {
					ps[i].u.kind = uDash
				}
			}
			out = append(out, sval{ps, v.bytes})
		case "base64", "base64offset":
			vs, err := expandDashes(v)
			if err != nil {
				return nil, err
			}
			for _, x := range vs {
				if hasWildcard(x.ps) {
					return nil, fmt.Errorf("%s cannot encode a value with wildcards (add contains/startswith/endswith after it instead)", mod)
				}
				data := x.raw()
				if mod == "base64" {
					out = append(out, literal(base64.StdEncoding.EncodeToString(data)))
					continue
				}
				for _, s := range base64Offsets(data) {
					out = append(out, literal(s))
				}
			}
		case "utf16le", "utf16be", "utf16":
			vs, err := expandDashes(v)
			if err != nil {
				return nil, err
			}
			for _, x := range vs {
				out = append(out, encodeUTF16(mod, x))
			}
		default:
			return nil, fmt.Errorf("modifier %q is not a string transformation", mod)
		}
		if len(out) > maxVariants {
			return nil, fmt.Errorf("value expands to more than %d variants", maxVariants)
		}
	}
	return out, nil
}

// wrapStar adds '*' at either end unless one is there already.
func wrapStar(ps []piece, front, back bool) []piece {
	out := make([]piece, 0, len(ps)+2)
	if front && (len(ps) == 0 || !ps[0].star) {
		out = append(out, piece{star: true})
	}
	out = append(out, ps...)
	if back && (len(out) == 0 || !out[len(out)-1].star) {
		out = append(out, piece{star: true})
	}
	return out
}

func literal(s string) sval {
	ps := make([]piece, 0, len(s))
	for _, r := range s {
		ps = append(ps, piece{u: unit{r: r}})
	}
	return sval{ps: ps}
}

// raw returns the bytes a wildcard-free value stands for.
func (v sval) raw() []byte {
	var b []byte
	for _, p := range v.ps {
		if v.bytes {
			b = append(b, byte(p.u.r))
		} else {
			b = utf8.AppendRune(b, p.u.r)
		}
	}
	return b
}

// expandDashes turns windash classes into explicit variants, which an
// encoding needs because it works on concrete characters.
func expandDashes(v sval) ([]sval, error) {
	out := []sval{{bytes: v.bytes}}
	for _, p := range v.ps {
		if p.star || p.u.kind != uDash {
			for i := range out {
				out[i].ps = append(out[i].ps, p)
			}
			continue
		}
		if len(out)*len(dashes) > maxVariants {
			return nil, fmt.Errorf("windash before an encoding expands to more than %d variants", maxVariants)
		}
		next := make([]sval, 0, len(out)*len(dashes))
		for _, o := range out {
			for _, d := range dashes {
				ps := append(append([]piece(nil), o.ps...), piece{u: unit{r: d}})
				next = append(next, sval{ps, v.bytes})
			}
		}
		out = next
	}
	return out, nil
}

// base64Offsets returns the three encodings of data shifted by 0, 1 and 2
// bytes, with the characters that depend on the unknown neighbours cut off,
// as the base64offset modifier specifies.
func base64Offsets(data []byte) []string {
	start := [3]int{0, 2, 3}
	endCut := [3]int{0, 3, 2} // indexed by (len(data)+shift) % 3
	var out []string
	for i := 0; i < 3; i++ {
		enc := base64.StdEncoding.EncodeToString(append(make([]byte, i), data...))
		end := len(enc) - endCut[(len(data)+i)%3]
		if start[i] < end {
			out = append(out, enc[start[i]:end])
		}
	}
	return out
}

// encodeUTF16 encodes the literal characters; wildcards are kept, so
// "wide|contains" style chains still work.
func encodeUTF16(mod string, v sval) sval {
	out := sval{bytes: true}
	add := func(b byte) { out.ps = append(out.ps, piece{u: unit{r: rune(b)}}) }
	if mod == "utf16" {
		add(0xFF)
		add(0xFE)
	}
	for _, p := range v.ps {
		if p.star || p.u.kind != uLit {
			out.ps = append(out.ps, p)
			continue
		}
		var units []uint16
		if v.bytes {
			units = []uint16{uint16(p.u.r)}
		} else {
			units = utf16.Encode([]rune{p.u.r})
		}
		for _, u := range units {
			if mod == "utf16be" {
				add(byte(u >> 8))
				add(byte(u))
			} else {
				add(byte(u))
				add(byte(u >> 8))
			}
		}
	}
	return out
}
