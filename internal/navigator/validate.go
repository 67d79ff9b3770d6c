package navigator

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	techIDRe = regexp.MustCompile(`^T\d{4}(\.\d{3})?$`)
	colorRe  = regexp.MustCompile(`^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$`)
)

// Validate checks a layer against the format 4.5 rules the Navigator
// enforces when it opens a file; it returns every problem found.
func Validate(l *Layer) []error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if l.Name == "" {
		add("layer has no name")
	}
	if l.Versions.Layer == "" || !strings.HasPrefix(l.Versions.Layer, "4.") {
		add("versions.layer %q is not a 4.x layer format", l.Versions.Layer)
	}
	switch l.Domain {
	case "enterprise-attack", "mobile-attack", "ics-attack":
	default:
		add("domain %q is not enterprise-attack, mobile-attack or ics-attack", l.Domain)
	}
	if l.Sorting < 0 || l.Sorting > 3 {
		add("sorting %d is not 0..3", l.Sorting)
	}
	for i, t := range l.Techniques {
		if !techIDRe.MatchString(t.TechniqueID) {
			add("techniques[%d]: techniqueID %q is not Txxxx or Txxxx.yyy", i, t.TechniqueID)
		}
		if t.Tactic != "" && (strings.ToLower(t.Tactic) != t.Tactic || strings.Contains(t.Tactic, " ")) {
			add("techniques[%d]: tactic %q is not a tactic shortname", i, t.Tactic)
		}
		if t.Color != "" && !colorRe.MatchString(t.Color) {
			add("techniques[%d]: color %q is not #rrggbb", i, t.Color)
		}
	}
	if g := l.Gradient; g != nil {
		if len(g.Colors) < 2 {
			add("gradient needs at least two colors")
		}
		for _, c := range g.Colors {
			if !colorRe.MatchString(c) {
				add("gradient color %q is not #rrggbb", c)
			}
		}
		if g.MinValue >= g.MaxValue {
			add("gradient minValue %v is not below maxValue %v", g.MinValue, g.MaxValue)
		}
	}
	for i, li := range l.LegendItems {
		if li.Label == "" || !colorRe.MatchString(li.Color) {
			add("legendItems[%d] needs a label and a #rrggbb color", i)
		}
	}
	return errs
}
