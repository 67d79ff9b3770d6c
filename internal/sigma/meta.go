package sigma

import (
	"github.com/vigil-sec/vigil/internal/diag"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

var (
	// uuidRE accepts any RFC 4122 textual UUID; the spec recommends v4 but
	// the schema only asks for format "uuid".
	uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	dateRE = regexp.MustCompile(`^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$`)
	// oldDateRE is the v1 "YYYY/MM/DD" form that v2 dropped.
	oldDateRE = regexp.MustCompile(`^\d{4}/(0[1-9]|1[012])/(0[1-9]|[12][0-9]|3[01])$`)
	// tagRE is the schema's tag pattern.
	tagRE = regexp.MustCompile(`^[a-z0-9_-]+\.[a-z0-9._-]+$`)
)

var (
	statuses      = []string{"stable", "test", "experimental", "deprecated", "unsupported"}
	levels        = []string{"informational", "low", "medium", "high", "critical"}
	relationTypes = []string{"derived", "obsolete", "merged", "renamed", "similar"}
)

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// meta reads and checks the attributes shared by all document kinds.
func (r *reader) meta(n *yaml.Node, kind Kind) Meta {
	var m Meta
	m.Range = r.at(n)
	var tn *yaml.Node
	m.Title, tn = r.str(n, "title")
	switch {
	case tn == nil || isNull(tn):
		r.errorf(n, CodeMissing, "add a short \"title:\" saying what the "+kind.String()+" detects", "required attribute \"title\" is missing")
	case m.Title == "":
		r.errorf(tn, CodeMissing, "give the title some text", "title is empty")
	case utf8.RuneCountInString(m.Title) > 256:
		r.errorf(tn, CodeLength, "shorten the title; put detail in \"description\"", "title is longer than 256 characters")
	}
	var idn *yaml.Node
	m.ID, idn = r.str(n, "id")
	if idn != nil && !isNull(idn) && !uuidRE.MatchString(m.ID) {
		if kind == KindRule {
			r.errorf(idn, CodeID, "use a UUID (e.g. from uuidgen); other documents refer to rules by it", "id %q is not a UUID", m.ID)
		} else {
			r.warnf(idn, CodeID, "the specification recommends a UUID v4", "id %q is not a UUID", m.ID)
		}
	}
	m.Name, _ = r.str(n, "name")
	m.Description, _ = r.str(n, "description")
	if utf8.RuneCountInString(m.Description) > 65535 {
		r.errorf(lookup(n, "description"), CodeLength, "shorten the description", "description is longer than 65,535 characters")
	}
	m.Author, _ = r.str(n, "author")
	m.License, _ = r.str(n, "license")
	m.Taxonomy, _ = r.str(n, "taxonomy")
	var sn, ln *yaml.Node
	m.Status, sn = r.str(n, "status")
	if m.Status != "" && !oneOf(m.Status, statuses) {
		r.errorf(sn, CodeStatus, "use one of: "+strings.Join(statuses, ", "), "status %q is not a Sigma status", m.Status)
	}
	m.Level, ln = r.str(n, "level")
	if m.Level != "" && !oneOf(m.Level, levels) {
		r.errorf(ln, CodeLevel, "use one of: "+strings.Join(levels, ", "), "level %q is not a Sigma level", m.Level)
	}
	if kind == KindFilter && (sn != nil || ln != nil) {
		r.warnf(n, CodeFilter, "a filter only tunes other rules; remove status/level", "filters have no level or status")
	}
	m.Date = r.date(n, "date")
	m.Modified = r.date(n, "modified")
	m.References = r.strList(n, "references", false)
	m.FalsePositives = r.strList(n, "falsepositives", true)
	m.Fields = r.strList(n, "fields", false)
	m.Scope = r.strList(n, "scope", false)
	m.Tags, m.TagRanges = r.tags(n)
	m.Related = r.related(n)
	return m
}

// date accepts YAML timestamps and strings in ISO form; the v1 slash form
// still loads, with a warning, since v2 readers may not accept it.
func (r *reader) date(n *yaml.Node, key string) string {
	v := lookup(n, key)
	if v == nil || isNull(v) {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		r.errorf(v, CodeType, "write the date as YYYY-MM-DD", "%q must be a date", key)
		return ""
	}
	switch {
	case dateRE.MatchString(v.Value):
	case oldDateRE.MatchString(v.Value):
		r.errorf(v, CodeDate, "Sigma v2 dropped this form; write YYYY-MM-DD", "%s %q uses the v1 YYYY/MM/DD form", key, v.Value)
	default:
		r.errorf(v, CodeDate, "write the date as YYYY-MM-DD", "%s %q is not an ISO 8601 date", key, v.Value)
	}
	return v.Value
}

func (r *reader) tags(n *yaml.Node) ([]string, []diag.Range) {
	tags := r.strList(n, "tags", false)
	tn := lookup(n, "tags")
	seen := map[string]bool{}
	ranges := make([]diag.Range, len(tags))
	for i, t := range tags {
		at := tn
		if tn != nil && i < len(tn.Content) {
			at = tn.Content[i]
		}
		ranges[i] = r.at(at)
		if seen[t] {
			r.warnf(at, CodeTag, "remove the duplicate", "tag %q is listed twice", t)
		}
		seen[t] = true
		if !tagRE.MatchString(t) {
			r.errorf(at, CodeTag, "tags are lower case \"namespace.value\" using a-z, 0-9, '_', '-' and '.'", "tag %q does not follow the tag format", t)
			continue
		}
		if strings.HasPrefix(t, "attack.") && strings.Contains(t, "_") {
			r.warnf(at, CodeTagDeprecated, "Sigma v2 writes ATT&CK tactics with '-' (e.g. attack.credential-access)", "tag %q uses the deprecated underscore form", t)
		}
	}
	return tags, ranges
}

func (r *reader) related(n *yaml.Node) []Related {
	rn := lookup(n, "related")
	if rn == nil || isNull(rn) {
		return nil
	}
	if rn.Kind != yaml.SequenceNode {
		r.errorf(rn, CodeType, "write a list of {id, type} entries", "\"related\" must be a list")
		return nil
	}
	var out []Related
	for _, c := range rn.Content {
		c = resolve(c)
		if c.Kind != yaml.MappingNode {
			r.errorf(c, CodeRelated, "each entry needs \"id\" and \"type\"", "related entry is not a mapping")
			continue
		}
		var rel Related
		var idn, tn *yaml.Node
		rel.ID, idn = r.str(c, "id")
		rel.Type, tn = r.str(c, "type")
		if idn == nil {
			r.errorf(c, CodeRelated, "add the related rule's id", "related entry has no id")
		} else if !uuidRE.MatchString(rel.ID) {
			r.warnf(idn, CodeRelated, "related ids should be UUIDs", "related id %q is not a UUID", rel.ID)
		}
		if tn == nil {
			r.errorf(c, CodeRelated, "add type: one of "+strings.Join(relationTypes, ", "), "related entry has no type")
		} else if !oneOf(rel.Type, relationTypes) {
			r.errorf(tn, CodeRelated, "use one of: "+strings.Join(relationTypes, ", "), "related type %q is not a Sigma relation", rel.Type)
		}
		out = append(out, rel)
	}
	return out
}

// logsource reads the logsource map; required says whether its absence is
// an error (rules and filters) or not.
func (r *reader) logsource(n *yaml.Node) Logsource {
	var ls Logsource
	ln := lookup(n, "logsource")
	if ln == nil || isNull(ln) {
		r.errorf(n, CodeMissing, "add \"logsource:\" with category, product and/or service", "required attribute \"logsource\" is missing")
		return ls
	}
	if ln.Kind != yaml.MappingNode {
		r.errorf(ln, CodeLogsource, "logsource is a mapping of category/product/service", "logsource must be a mapping")
		return ls
	}
	r.pairs(ln) // duplicate-key check
	ls.Category, _ = r.str(ln, "category")
	ls.Product, _ = r.str(ln, "product")
	ls.Service, _ = r.str(ln, "service")
	ls.Definition, _ = r.str(ln, "definition")
	if ls.Category == "" && ls.Product == "" && ls.Service == "" {
		r.errorf(ln, CodeLogsource, "name at least one of category, product, service so the rule can be routed", "logsource names no category, product or service")
	}
	for _, v := range []string{ls.Category, ls.Product, ls.Service} {
		if v != strings.ToLower(v) || strings.ContainsRune(v, ' ') {
			r.warnf(ln, CodeLogsource, "logsource values are lower case with '_' for spaces", "logsource value %q is not lower case without spaces", v)
		}
	}
	return ls
}
