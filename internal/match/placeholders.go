package match

import (
	"fmt"
	"strings"
)

// Placeholders maps a placeholder name (without the '%') to its values.
type Placeholders map[string][]string

// placeholderUse is how compilation treats placeholders: their values, and
// whether a missing one only warns (lint) or rejects the rule (scan).
type placeholderUse struct {
	values Placeholders
	check  bool
}

// missingPlaceholderError names a placeholder that has no values.
type missingPlaceholderError struct{ name string }

func (e *missingPlaceholderError) Error() string {
	return fmt.Sprintf("placeholder %%%s%% has no values", e.name)
}

// expandPlaceholders replaces every %name% in s by each of its values
// (every combination when there are several placeholders). "\%" is a
// literal percent sign. Values are inserted as Sigma strings, so their
// wildcards apply, as in pySigma's value_placeholders transformation.
func expandPlaceholders(s string, ph Placeholders) ([]string, error) {
	out := []string{""}
	appendAll := func(t string) {
		for i := range out {
			out[i] += t
		}
	}
	for i := 0; i < len(s); {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '%':
			appendAll("%")
			i += 2
		case s[i] == '%':
			j := strings.IndexByte(s[i+1:], '%')
			if j <= 0 {
				appendAll(s[i:])
				i = len(s)
				continue
			}
			name := s[i+1 : i+1+j]
			vals, ok := ph[name]
			if !ok || len(vals) == 0 {
				return nil, &missingPlaceholderError{name}
			}
			if len(out)*len(vals) > maxVariants {
				return nil, fmt.Errorf("placeholders expand to more than %d values", maxVariants)
			}
			next := make([]string, 0, len(out)*len(vals))
			for _, o := range out {
				for _, v := range vals {
					next = append(next, o+v)
				}
			}
			out = next
			i += j + 2
		default:
			k := i + 1
			for k < len(s) && s[k] != '%' && s[k] != '\\' {
				k++
			}
			appendAll(s[i:k])
			i = k
		}
	}
	return out, nil
}
