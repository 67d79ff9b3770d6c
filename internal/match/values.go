package match

import (
	"net/netip"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vigil-sec/vigil/internal/event"
)

// valueTest is one compiled value of a detection item, tested against one
// scalar of the event (arrays are unrolled by the caller). ev is passed for
// field references.
type valueTest interface {
	test(v event.Value, ev event.Event) bool
}

// plainTest is a Sigma string pattern, with an exact numeric comparison on
// the side when the rule wrote a number (so 4688 matches "4688" and 4688.0).
type plainTest struct {
	m      *strMatcher
	num    float64
	hasNum bool
	intLit string // the number's canonical text when the value is exactly an integer (intNeedle)
}

func (p *plainTest) test(v event.Value, _ event.Event) bool {
	if p.intLit != "" {
		// Canonical integer text equals the number exactly when it is the
		// number's own text (see CanonicalInt), pattern and number alike.
		if s, ok := v.Text(); ok && CanonicalInt(s) {
			return s == p.intLit
		}
	}
	if p.hasNum {
		if f, ok := v.Float(); ok && f == p.num {
			return true
		}
	}
	s, ok := v.Text()
	return ok && p.m.match(s)
}

// nullTest matches a JSON null; a missing field is handled by the leaf.
type nullTest struct{}

func (nullTest) test(v event.Value, _ event.Event) bool { return v.Kind() == event.Null }

// cmpTest is gt/gte/lt/lte against a number or numeric string.
type cmpTest struct {
	op  string
	num float64
}

func (c *cmpTest) test(v event.Value, _ event.Event) bool {
	f, ok := v.Float()
	if !ok {
		return false
	}
	switch c.op {
	case "gt":
		return f > c.num
	case "gte":
		return f >= c.num
	case "lt":
		return f < c.num
	}
	return f <= c.num
}

// reTest is the re modifier: Go RE2, unanchored like a search, as SigmaHQ
// rules assume (they anchor with ^ and $ where they mean it).

// cidrTest is the cidr modifier, IPv4 and IPv6; IPv4-mapped IPv6
// addresses in the event count as their IPv4 form.
type cidrTest struct{ p netip.Prefix }

func (c *cidrTest) test(v event.Value, _ event.Event) bool {
	s, ok := v.Text()
	if !ok {
		return false
	}
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return false
	}
	return c.p.Contains(a.Unmap().WithZone(""))
}

// timeTest is a date-part modifier (minute … year) compared for equality.
// It reads common timestamp layouts as written, without time-zone
// conversion, as the specification warns.
type timeTest struct {
	part string
	want int
}

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02"}

func (c *timeTest) test(v event.Value, _ event.Event) bool {
	s, ok := v.Text()
	if !ok {
		return false
	}
	for _, l := range timeLayouts {
		t, err := time.Parse(l, strings.TrimSpace(s))
		if err != nil {
			continue
		}
		var got int
		switch c.part {
		case "minute":
			got = t.Minute()
		case "hour":
			got = t.Hour()
		case "day":
			got = t.Day()
		case "week":
			_, got = t.ISOWeek()
		case "month":
			got = int(t.Month())
		case "year":
			got = t.Year()
		}
		return got == c.want
	}
	return false
}

// fieldrefTest compares the field with another field of the same event.
// A missing referenced field never matches.
type fieldrefTest struct {
	ref   string
	mode  byte // '=' exact, 'c' contains, 's' startswith, 'e' endswith
	cased bool
	// negate is fieldref|neq: different from the referenced field, which
	// must exist (a missing reference makes the test false either way).
	negate bool
}

func (f *fieldrefTest) test(v event.Value, ev event.Event) bool {
	s, ok := v.Text()
	if !ok {
		return false
	}
	rv, ok := ev.Get(f.ref)
	if !ok {
		return false
	}
	if rv.Kind() == event.Array {
		for i := 0; i < rv.Len(); i++ {
			if t, ok := rv.Index(i).Text(); ok && f.cmp(s, t) {
				return !f.negate
			}
		}
		return f.negate
	}
	t, ok := rv.Text()
	if !ok {
		return false
	}
	return f.cmp(s, t) != f.negate
}

func (f *fieldrefTest) cmp(s, t string) bool {
	switch f.mode {
	case 'c':
		for i := 0; ; {
			if _, ok := f.prefixAt(s, i, t); ok {
				return true
			}
			if i >= len(s) {
				return false
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	case 's':
		_, ok := f.prefixAt(s, 0, t)
		return ok
	case 'e':
		start, ok := backStart(s, utf8.RuneCountInString(t))
		if !ok {
			return false
		}
		end, ok := f.prefixAt(s, start, t)
		return ok && end == len(s)
	}
	end, ok := f.prefixAt(s, 0, t)
	return ok && end == len(s)
}

// prefixAt compares t with s from byte i, rune by rune, folding unless cased.
func (f *fieldrefTest) prefixAt(s string, i int, t string) (int, bool) {
	for _, tr := range t {
		if i >= len(s) {
			return 0, false
		}
		sr, n := utf8.DecodeRuneInString(s[i:])
		if sr != tr && (f.cased || fold(sr) != fold(tr)) {
			return 0, false
		}
		i += n
	}
	return i, true
}
