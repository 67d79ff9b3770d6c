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
// bodies, most of a record, are passed over eight bytes at a time, and an
// escape with the byte it escapes in one step (Windows paths are full of
// them).
func (s *valueScanner) feed(line []byte) bool {
	for i := 0; i < len(line); i++ {
		if s.inString {
			if s.escaped {
				s.escaped = false
				continue
			}
			for {
				j := quoteIndex(line, i)
				if j >= len(line) {
					return false // the string goes on past the line
				}
				if line[j] == '"' {
					s.inString, i = false, j
					break
				}
				if j+1 == len(line) {
					s.escaped = true // the backslash ends the line
					return false
				}
				i = j + 2
			}
			continue
		}
		switch line[i] {
		case '"':
			s.inString = true
		case '{', '[':
			s.depth++
			s.started = true
		case '}', ']':
			s.depth--
			if s.started && s.depth <= 0 {
				return true
			}
		}
	}
	return false
}
