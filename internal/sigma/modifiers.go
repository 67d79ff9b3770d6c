package sigma

import (
	"fmt"
	"strings"
)

// ModClass groups modifiers by what they do to a detection item.
type ModClass int

const (
	// ModTransform rewrites string values (wildcards, encodings, windash, expand).
	ModTransform ModClass = iota + 1
	// ModType changes how values are compared (regex, CIDR, numbers, …);
	// an item has at most one.
	ModType
	// ModRegexFlag is a sub-modifier of re (i, m, s).
	ModRegexFlag
	// ModFlag changes the item as a whole (all, cased, neq).
	ModFlag
)

// ModInfo describes one modifier.
type ModInfo struct {
	Name  string
	Class ModClass
	// Canonical is the name the engine implements it under (aliases such
	// as wide → utf16le, ignorecase → i).
	Canonical string
}

// Modifier returns what the specification says about modifier name. The
// table is a switch, not a package-level map, so nothing can mutate it.
func Modifier(name string) (ModInfo, bool) {
	c := func(class ModClass, canon string) (ModInfo, bool) {
		if canon == "" {
			canon = name
		}
		return ModInfo{Name: name, Class: class, Canonical: canon}, true
	}
	switch name {
	case "contains", "startswith", "endswith", "windash", "base64", "base64offset",
		"utf16le", "utf16be", "utf16", "expand":
		return c(ModTransform, "")
	case "wide":
		return c(ModTransform, "utf16le")
	case "re", "cidr", "gt", "gte", "lt", "lte", "exists", "fieldref",
		"minute", "hour", "day", "week", "month", "year":
		return c(ModType, "")
	case "i", "m", "s":
		return c(ModRegexFlag, "")
	case "ignorecase":
		return c(ModRegexFlag, "i")
	case "multiline":
		return c(ModRegexFlag, "m")
	case "dotall":
		return c(ModRegexFlag, "s")
	case "all", "cased", "neq":
		return c(ModFlag, "")
	}
	return ModInfo{}, false
}

// IsTimePart reports whether m is one of the date-part modifiers of v2.1.
func IsTimePart(m string) bool {
	switch m {
	case "minute", "hour", "day", "week", "month", "year":
		return true
	}
	return false
}

// IsCompare reports whether m is a numeric comparison modifier.
func IsCompare(m string) bool {
	switch m {
	case "gt", "gte", "lt", "lte":
		return true
	}
	return false
}

// checkChain validates the modifier chain of it (already canonicalised)
// and the values it is applied to. Modifiers apply left to right; the rules
// below are the specification's where it speaks, pySigma's where it is
// silent (re and cidr take unmodified values, exists only booleans).
func (r *reader) checkChain(it *Item) {
	typ := ""
	var transforms []string
	seen := map[string]bool{}
	for _, m := range it.Modifiers {
		info, _ := Modifier(m)
		if seen[m] {
			r.diags.Warnf(it.Range, CodeModifierCombo, "remove the repeated modifier", "modifier %q is applied twice", m)
		}
		seen[m] = true
		switch info.Class {
		case ModType:
			if typ != "" {
				r.combo(it, fmt.Sprintf("%q and %q cannot be combined: each decides how values are compared", typ, m))
				return
			}
			if (m == "re" || m == "cidr" || m == "exists" || IsCompare(m) || IsTimePart(m)) && len(transforms) > 0 {
				r.combo(it, fmt.Sprintf("%q takes the value as written, but %q comes before it", m, transforms[0]))
				return
			}
			if m == "fieldref" && len(transforms) > 0 {
				r.combo(it, fmt.Sprintf("fieldref must come before %q", transforms[0]))
				return
			}
			typ = m
		case ModTransform:
			switch {
			case typ == "re" && (m == "contains" || m == "startswith" || m == "endswith"):
				// pySigma pads the regex with ".*"; a regex already matches
				// anywhere, so these are accepted and change nothing.
			case typ == "fieldref" && (m == "contains" || m == "startswith" || m == "endswith"):
			case typ != "":
				r.combo(it, fmt.Sprintf("%q cannot follow %q", m, typ))
				return
			}
			transforms = append(transforms, m)
		case ModRegexFlag:
			if typ != "re" {
				r.combo(it, fmt.Sprintf("%q is a sub-modifier of re and needs \"re\" before it", m))
				return
			}
		case ModFlag:
			if m == "cased" && typ != "" && typ != "fieldref" {
				r.combo(it, fmt.Sprintf("cased applies to string matching, not to %q", typ))
				return
			}
		}
	}
	if it.Keyword && (typ == "exists" || typ == "fieldref" || IsCompare(typ) || IsTimePart(typ) || typ == "cidr") {
		r.combo(it, fmt.Sprintf("%q needs a field; keyword lists search the whole event", typ))
		return
	}
	if seen["windash"] && seen["all"] {
		r.diags.Warnf(it.Range, CodeModifierCombo, "each value becomes several variants; \"all\" then requires every value in some dash form, which is rarely intended", "windash combined with all")
	}
	r.checkValues(it, typ, transforms)
}

func (r *reader) combo(it *Item, msg string) {
	r.diags.Errorf(it.Range, CodeModifierCombo, "see the Sigma modifiers appendix for how modifiers chain", "invalid modifier chain %q: %s", strings.Join(it.Modifiers, "|"), msg)
}

// checkValues checks that each value has the type its modifiers need.
func (r *reader) checkValues(it *Item, typ string, transforms []string) {
	bad := func(v Value, format string, a ...any) {
		r.diags.Errorf(v.Range, CodeModValue, "change the value or the modifier", format, a...)
	}
	for _, v := range it.Values {
		switch {
		case typ == "exists":
			if v.Kind != VBool {
				bad(v, "exists takes true or false, not %q", v.Text)
			}
		case IsCompare(typ) || IsTimePart(typ):
			if v.Kind != VNumber {
				bad(v, "%s compares numbers, %q is not one", typ, v.Text)
			}
		case v.Kind == VNull && (typ != "" || len(transforms) > 0 || it.Has("cased")):
			bad(v, "null cannot be used with modifiers; write \"%s: null\" on its own", it.Field)
		case v.Kind == VNull && it.Keyword:
			bad(v, "null is not a keyword")
		case (typ == "re" || typ == "cidr" || typ == "fieldref") && v.Kind != VString:
			bad(v, "%s needs a string value, %q is a %s", typ, v.Text, kindName(v.Kind))
		case typ == "fieldref" && strings.ContainsAny(v.Text, "*?"):
			bad(v, "field reference %q contains a wildcard; it must name one field", v.Text)
		}
	}
	if it.Has("all") && len(it.Values) < 2 {
		r.diags.Errorf(it.Range, CodeAllSingle, "drop \"|all\", or put a second condition in a new selection", "\"all\" on a single value is not allowed by the specification")
	}
	if typ == "exists" && len(it.Values) != 1 {
		r.diags.Errorf(it.Range, CodeModValue, "write \"field|exists: true\" or \"false\"", "exists takes exactly one boolean")
	}
}

func kindName(k ValueKind) string {
	switch k {
	case VString:
		return "string"
	case VNumber:
		return "number"
	case VBool:
		return "boolean"
	}
	return "null"
}
