package input

import (
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/winevent"
)

// FlatDecoder decodes flat JSON objects (top-level keys holding scalars or
// arrays of scalars: flat Windows exports, most JSON-lines logs) straight
// from their bytes into an event.Flat, without building a map or copying
// strings that need no unescaping. Anything else (a nested object, an
// unusual escape, invalid UTF-8, a syntax error) is declined, and the caller
// decodes the record with encoding/json as before, so the answers and the
// error messages stay those of the reference path.
//
// The returned event points into raw and into the decoder's scratch space:
// it is valid until the next Decode and while raw is unchanged.
type FlatDecoder struct {
	flat    event.Flat
	scratch []byte
}

// Decode decodes raw (one JSON object, surrounding white space allowed) and
// normalises it as winevent.Normalise would. ok is false when the record is
// not a flat object this decoder handles exactly.
func (d *FlatDecoder) Decode(raw []byte) (ev *event.Flat, ok bool) {
	d.flat.Fields = d.flat.Fields[:0]
	d.scratch = d.scratch[:0]
	p := flatParser{b: raw, d: d, cur: maskCursor{b: raw, base: noMask}}
	p.ws()
	if !p.byte('{') {
		return nil, false
	}
	keys := winevent.FlatKeys{Channel: -1, Provider: -1}
	p.ws()
	if !p.byte('}') {
		for {
			p.ws()
			key, kok := p.str()
			if !kok {
				return nil, false
			}
			p.ws()
			if !p.byte(':') {
				return nil, false
			}
			p.ws()
			v, vok := p.value(true)
			if !vok {
				return nil, false
			}
			switch key {
			case "Channel":
				keys.Channel = len(d.flat.Fields)
			case "Provider_Name":
				keys.Provider = len(d.flat.Fields)
			default:
				if !keys.HasAlias && winevent.IsFlatAliasSource(key) {
					keys.HasAlias = true
				}
			}
			d.flat.Fields = append(d.flat.Fields, event.Field{Key: key, Val: v})
			if !keys.HasSpace {
				for i := 0; i < len(key); i++ {
					if key[i] == ' ' {
						keys.HasSpace = true
						break
					}
				}
			}
			p.ws()
			if p.byte(',') {
				continue
			}
			if p.byte('}') {
				break
			}
			return nil, false
		}
	}
	p.ws()
	if p.i != len(p.b) {
		return nil, false
	}
	winevent.NormaliseFlat(&d.flat, keys)
	return &d.flat, true
}

type flatParser struct {
	b   []byte
	i   int
	d   *FlatDecoder
	cur maskCursor
}

func (p *flatParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *flatParser) byte(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// value parses a scalar, or (top level only) an array of scalars.
func (p *flatParser) value(top bool) (event.Value, bool) {
	if p.i >= len(p.b) {
		return event.Value{}, false
	}
	switch c := p.b[p.i]; {
	case c == '"':
		s, ok := p.str()
		return event.Str(s), ok
	case c == '-' || (c >= '0' && c <= '9'):
		return p.num()
	case c == 't':
		return event.Of(true), p.lit("true")
	case c == 'f':
		return event.Of(false), p.lit("false")
	case c == 'n':
		return event.Of(nil), p.lit("null")
	case c == '[' && top:
		p.i++
		arr := []any{}
		p.ws()
		if p.byte(']') {
			return event.Of(arr), true
		}
		for {
			p.ws()
			v, ok := p.value(false)
			if !ok {
				return event.Value{}, false
			}
			// Elements are boxed, so copy their text out of the record.
			switch v.Kind() {
			case event.String:
				s, _ := v.Str()
				arr = append(arr, string([]byte(s)))
			default:
				arr = append(arr, detach(v))
			}
			p.ws()
			if p.byte(',') {
				continue
			}
			if p.byte(']') {
				return event.Of(arr), true
			}
			return event.Value{}, false
		}
	}
	return event.Value{}, false
}

func detach(v event.Value) any {
	r := v.Raw()
	if n, ok := r.(interface{ String() string }); ok && v.Kind() == event.Number {
		s := n.String()
		return jsonNumber(string([]byte(s)))
	}
	return r
}

func (p *flatParser) lit(w string) bool {
	if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

// num accepts exactly the JSON number grammar and keeps the source text.
func (p *flatParser) num() (event.Value, bool) {
	b, start := p.b, p.i
	i := p.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return event.Value{}, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return event.Value{}, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return event.Value{}, false
		}
	}
	p.i = i
	return event.NumText(bstr(b[start:i])), true
}

// str parses a string. Without escapes it points into the record; with
// them it is unescaped into the decoder's scratch space. Invalid UTF-8 and
// lone surrogates (which encoding/json replaces with U+FFFD) are declined.
func (p *flatParser) str() (string, bool) {
	b := p.b
	if p.i >= len(b) || b[p.i] != '"' {
		return "", false
	}
	i := p.i + 1
	start := i
	ascii := true
	for {
		if i = p.cur.stop(i); i >= len(b) {
			break
		}
		c := b[i]
		if c == '"' {
			if !ascii && !utf8.Valid(b[start:i]) {
				return "", false
			}
			p.i = i + 1
			return bstr(b[start:i]), true
		}
		if c == '\\' {
			return p.escaped(start, i)
		}
		if c < 0x20 {
			return "", false
		}
		if c >= 0x80 {
			ascii = false
		}
		i++
	}
	return "", false
}

// strSpecial marks the bytes a string scan must look at: the quote, the
// backslash, control bytes and non-ASCII bytes.
var strSpecial = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80
	}
	return t
}()

func (p *flatParser) escaped(start, i int) (string, bool) {
	b := p.b
	d := p.d
	from := len(d.scratch)
	ascii := true // no raw byte >= 0x80 copied: the result is valid UTF-8
	for k := start; k < i; k++ {
		if b[k] >= 0x80 {
			ascii = false
			break
		}
	}
	d.scratch = append(d.scratch, b[start:i]...)
	for i < len(b) {
		// copy the run up to the next quote, backslash or control byte
		j := i
		for {
			if j = p.cur.stop(j); j >= len(b) || b[j] < 0x80 {
				break
			}
			ascii = false
			j++
		}
		d.scratch = append(d.scratch, b[i:j]...)
		i = j
		if i >= len(b) {
			break
		}
		c := b[i]
		switch {
		case c == '"':
			s := d.scratch[from:]
			if !ascii && !utf8.Valid(s) {
				return "", false
			}
			p.i = i + 1
			return bstr(s), true
		case c < 0x20:
			return "", false
		}
		if i+1 >= len(b) {
			return "", false
		}
		switch b[i+1] {
		case '"', '\\', '/':
			d.scratch = append(d.scratch, b[i+1])
		case 'b':
			d.scratch = append(d.scratch, '\b')
		case 'f':
			d.scratch = append(d.scratch, '\f')
		case 'n':
			d.scratch = append(d.scratch, '\n')
		case 'r':
			d.scratch = append(d.scratch, '\r')
		case 't':
			d.scratch = append(d.scratch, '\t')
		case 'u':
			r, ok := hex4(b, i+2)
			if !ok || utf16.IsSurrogate(r) {
				return "", false
			}
			d.scratch = utf8.AppendRune(d.scratch, r)
			i += 6
			continue
		default:
			return "", false
		}
		i += 2
	}
	return "", false
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// bstr views b as a string without copying. The scratch buffer may move
// when it grows; earlier strings keep the old array alive and unchanged,
// since the decoder only appends until the next Decode.
func bstr(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

type jsonNumber = json.Number
