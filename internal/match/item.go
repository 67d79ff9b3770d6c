package match

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// compileItem turns one checked detection item into a predicate. Problems
// that only show when values are built (regex syntax, CIDR, placeholders
// without values, encodings of wildcards) are reported in diags.
func compileItem(it *sigma.Item, ph placeholderUse, diags *diag.List) Predicate {
	typ := ""
	var transforms, flags []string
	for _, m := range it.Modifiers {
		info, _ := sigma.Modifier(m)
		switch info.Class {
		case sigma.ModType:
			typ = m
		case sigma.ModTransform:
			transforms = append(transforms, m)
		case sigma.ModRegexFlag:
			flags = append(flags, m)
		}
	}
	fail := func(code string, v sigma.Value, detail, format string, a ...any) Predicate {
		diags.Errorf(v.Range, code, detail, format, a...)
		return nil
	}
	fl := &fieldLeaf{field: it.Field, all: it.Has("all"), neq: it.Has("neq")}
	switch {
	case typ == "exists":
		return &existsLeaf{field: it.Field, want: it.Values[0].Text == "true"}
	case sigma.IsCompare(typ) || sigma.IsTimePart(typ):
		for _, v := range it.Values {
			f, err := strconv.ParseFloat(v.Text, 64)
			if err != nil {
				return fail(sigma.CodeModValue, v, "write a decimal number", "%q is not a number", v.Text)
			}
			if sigma.IsCompare(typ) {
				fl.tests = append(fl.tests, &cmpTest{op: typ, num: f})
			} else {
				fl.tests = append(fl.tests, &timeTest{part: typ, want: int(f)})
			}
		}
	case typ == "cidr":
		for _, v := range it.Values {
			p, err := parseCIDR(v.Text)
			if err != nil {
				return fail(sigma.CodeCIDR, v, "write an IPv4 or IPv6 network such as 10.0.0.0/8 or fe80::/10", "invalid CIDR %q: %v", v.Text, err)
			}
			fl.tests = append(fl.tests, &cidrTest{p})
		}
	case typ == "re":
		if contains(transforms, "expand") {
			return fail(sigma.CodePlaceholder, it.Values[0], "write the values into the regular expression", "placeholders inside regular expressions are not supported")
		}
		prefix := ""
		for _, f := range flags {
			prefix += "(?" + f + ")"
		}
		for _, v := range it.Values {
			re, err := regexp.Compile(prefix + v.Text)
			if err != nil {
				return fail(sigma.CodeRegex, v, "use the PCRE subset of the Sigma modifiers appendix; look-arounds and back-references are not available", "regular expression does not compile: %v", err)
			}
			fl.tests = append(fl.tests, newReTest(re))
		}
	case typ == "fieldref":
		mode := byte('=')
		for _, t := range transforms {
			mode = map[string]byte{"contains": 'c', "startswith": 's', "endswith": 'e'}[t]
		}
		for _, v := range it.Values {
			fl.tests = append(fl.tests, &fieldrefTest{ref: v.Text, mode: mode, cased: it.Has("cased"), negate: fl.neq})
		}
		fl.neq = false // handled per test, so a missing reference stays false
	default:
		if !compileStrings(it, fl, transforms, ph, diags) {
			return nil
		}
	}
	if it.Keyword {
		return &keywordLeaf{tests: fl.tests, all: fl.all, neq: fl.neq, needles: fl.needles}
	}
	return fl
}

// compileStrings builds the plain (possibly transformed) string values.
func compileStrings(it *sigma.Item, fl *fieldLeaf, transforms []string, ph placeholderUse, diags *diag.List) bool {
	cased := it.Has("cased")
	fl.nullAll = true
	for _, v := range it.Values {
		if v.Kind == sigma.VNull {
			fl.tests = append(fl.tests, nullTest{})
			fl.nullAny = true
			continue
		}
		fl.nullAll = false
		raws := []string{v.Text}
		if contains(transforms, "expand") {
			var err error
			raws, err = expandPlaceholders(v.Text, ph.values)
			var miss *missingPlaceholderError
			if errors.As(err, &miss) && ph.check {
				// Lint: the rule is valid; only running it needs the values.
				// The value is kept as literal text so the rest is checked.
				diags.Warnf(v.Range, sigma.CodePlaceholder, fmt.Sprintf("give %%%s%% values in the placeholder file (--placeholders FILE) before scanning with it", miss.name), "placeholder %%%s%% has no values: the rule is valid, but vigil scan rejects it until it has them", miss.name)
				raws, err = []string{v.Text}, nil
			} else if errors.As(err, &miss) {
				diags.Errorf(v.Range, sigma.CodePlaceholder, fmt.Sprintf("give %%%s%% values in the placeholder file (--placeholders FILE)", miss.name), "rule cannot load: %v", err)
				return false
			} else if err != nil {
				diags.Errorf(v.Range, sigma.CodeExpansion, "use fewer placeholder values", "%v", err)
				return false
			}
		}
		vals := make([]sval, 0, len(raws))
		for _, r := range raws {
			vals = append(vals, sval{ps: parseSigmaString(r)})
		}
		var err error
		for _, t := range transforms {
			if t == "expand" {
				continue
			}
			if vals, err = applyTransform(t, vals); err != nil {
				code := sigma.CodeEncoding
				if strings.Contains(err.Error(), "variants") {
					code = sigma.CodeExpansion
				}
				diags.Errorf(v.Range, code, "reorder the modifiers or simplify the value", "%v", err)
				return false
			}
		}
		if it.Keyword {
			for i := range vals {
				vals[i].ps = wrapStar(vals[i].ps, true, true)
			}
		}
		for _, sv := range vals {
			pt := &plainTest{m: newStrMatcher(sv.ps, cased)}
			if v.Kind == sigma.VNumber && len(transforms) == 0 && !it.Keyword {
				pt.num, err = strconv.ParseFloat(v.Text, 64)
				pt.hasNum = err == nil
				if pt.hasNum && !cased {
					pt.intLit, _ = pt.intNeedle()
				}
			}
			fl.tests = append(fl.tests, pt)
			fl.needles = append(fl.needles, pt.m.needles())
		}
	}
	return true
}

// parseCIDR accepts a network ("10.0.0.0/8") or a single address.
func parseCIDR(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, err
		}
		return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return p, err
	}
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96).Masked(), nil
	}
	return p.Masked(), nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
