package input

// valueScanner finds where a JSON value ends without decoding it: it tracks
// bracket depth outside strings, so a pretty-printed object can be
// assembled line by line and an NDJSON line is recognised as complete at
// once. Malformed JSON is left for the decoder to report.
type valueScanner struct {
	depth    int
	inString bool
	escaped  bool
	started  bool
}

// feed consumes one line and reports whether the value has closed. String
// bodies, most of a record, are passed over eight bytes at a time.
func (s *valueScanner) feed(line []byte) bool {
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case s.inString:
			switch {
			case s.escaped:
				s.escaped = false
			case c == '\\':
				s.escaped = true
			case c == '"':
				s.inString = false
			default:
				// to the byte before the next quote or backslash
				i = quoteIndex(line, i+1) - 1
			}
		case c == '"':
			s.inString = true
		case c == '{' || c == '[':
			s.depth++
			s.started = true
		case c == '}' || c == ']':
			s.depth--
			if s.started && s.depth <= 0 {
				return true
			}
		}
	}
	return false
}
