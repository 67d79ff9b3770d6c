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

// feed consumes one line and reports whether the value has closed.
func (s *valueScanner) feed(line []byte) bool {
	for _, c := range line {
		switch {
		case s.inString:
			switch {
			case s.escaped:
				s.escaped = false
			case c == '\\':
				s.escaped = true
			case c == '"':
				s.inString = false
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
