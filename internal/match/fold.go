// Package match compiles checked Sigma rules into matchers and evaluates
// them against events. Compilation does all the work that does not depend
// on the event (folding literals, building regexes, parsing CIDRs, resolving
// condition patterns), so Match allocates nothing on the common path.
package match

import "unicode"

// fold maps r to one canonical member of its Unicode simple case-folding
// orbit (the smallest), so two runes are equal case-insensitively exactly
// when their folds are equal. Unlike ToLower this also identifies e.g. the
// Kelvin sign with 'k' and 'ſ' with 's', as Unicode case folding does.
func fold(r rune) rune {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}

// isDash reports whether r is one of the five characters the windash
// modifier treats as interchangeable.
func isDash(r rune) bool {
	switch r {
	case '-', '/', '\u2013', '\u2014', '\u2015':
		return true
	}
	return false
}

// dashes are the windash characters in the order the specification lists them.
var dashes = [...]rune{'-', '/', '\u2013', '\u2014', '\u2015'}
