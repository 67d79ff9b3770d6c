package sink

// compactor copies one JSON value from src to dst without white space
// outside strings, checking the grammar (RFC 8259) as it goes. Strings are
// copied byte for byte, as encoding/json's compaction leaves them.
type compactor struct {
	src []byte
	i   int
	dst []byte
}

func (c *compactor) ws() {
	for c.i < len(c.src) {
		switch c.src[c.i] {
		case ' ', '\t', '\r', '\n':
			c.i++
		default:
			return
		}
	}
}

func (c *compactor) value(depth int) bool {
	if c.i >= len(c.src) {
		return false
	}
	switch b := c.src[c.i]; {
	case b == '"':
		return c.str()
	case b == '{':
		return c.object(depth + 1)
	case b == '[':
		return c.array(depth + 1)
	case b == 't':
		return c.lit("true")
	case b == 'f':
		return c.lit("false")
	case b == 'n':
		return c.lit("null")
	case b == '-' || (b >= '0' && b <= '9'):
		return c.num()
	}
	return false
}

func (c *compactor) object(depth int) bool {
	return c.seq(depth, '}', func() bool {
		if c.i >= len(c.src) || c.src[c.i] != '"' || !c.str() {
			return false
		}
		c.ws()
		if c.i >= len(c.src) || c.src[c.i] != ':' {
			return false
		}
		c.i++
		c.dst = append(c.dst, ':')
		c.ws()
		return c.value(depth)
	})
}

func (c *compactor) array(depth int) bool {
	return c.seq(depth, ']', func() bool { return c.value(depth) })
}

// seq copies an object or array: the opening byte, members separated by
// commas, and end.
func (c *compactor) seq(depth int, end byte, member func() bool) bool {
	if depth > maxDepth {
		return false
	}
	c.dst = append(c.dst, c.src[c.i])
	c.i++
	c.ws()
	if c.i < len(c.src) && c.src[c.i] == end {
		c.i++
		c.dst = append(c.dst, end)
		return true
	}
	for {
		c.ws()
		if !member() {
			return false
		}
		c.ws()
		if c.i >= len(c.src) {
			return false
		}
		switch c.src[c.i] {
		case ',':
			c.i++
			c.dst = append(c.dst, ',')
		case end:
			c.i++
			c.dst = append(c.dst, end)
			return true
		default:
			return false
		}
	}
}

// str copies a string, checking its escapes; bytes below 0x20 are errors.
func (c *compactor) str() bool {
	start := c.i
	c.i++
	for c.i < len(c.src) {
		switch b := c.src[c.i]; {
		case b == '"':
			c.i++
			c.dst = append(c.dst, c.src[start:c.i]...)
			return true
		case b < 0x20:
			return false
		case b == '\\':
			if c.i+1 >= len(c.src) {
				return false
			}
			switch c.src[c.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				c.i += 2
			case 'u':
				if c.i+6 > len(c.src) {
					return false
				}
				for _, h := range c.src[c.i+2 : c.i+6] {
					if !isHex(h) {
						return false
					}
				}
				c.i += 6
			default:
				return false
			}
		default:
			c.i++
		}
	}
	return false
}

func isHex(b byte) bool {
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')
}

func (c *compactor) lit(w string) bool {
	if len(c.src)-c.i < len(w) || string(c.src[c.i:c.i+len(w)]) != w {
		return false
	}
	c.i += len(w)
	c.dst = append(c.dst, w...)
	return true
}

// num copies a number in exactly the JSON grammar.
func (c *compactor) num() bool {
	b, start, i := c.src, c.i, c.i
	digits := func() bool {
		n := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > n
	}
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		digits()
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	c.i = i
	c.dst = append(c.dst, b[start:i]...)
	return true
}
