package sigma

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"

	"github.com/vigil-sec/vigil/internal/diag"
	"go.yaml.in/yaml/v3"
)

// MaxDocuments bounds how many YAML documents one file may hold.
const MaxDocuments = 10000

// ParseFile reads every YAML document of one Sigma file. It never fails as a
// whole: a broken document becomes a Document with an error diagnostic, so
// lint can count and report it. Empty documents (a stray "---") are skipped.
func ParseFile(file string, data []byte) []*Document {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*Document
	for i := 0; i < MaxDocuments; i++ {
		var root yaml.Node
		err := dec.Decode(&root)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			d := &Document{Kind: KindRule, File: file, Index: len(docs)}
			d.Diags.Add(diag.Diagnostic{Severity: diag.Error, Code: CodeYAML,
				Summary: "YAML does not parse: " + err.Error(),
				Detail:  "fix the YAML syntax; documents after this point in the file were not read",
				Range:   diag.Range{File: file, Start: diag.Pos{Line: yamlErrLine(err)}}})
			docs = append(docs, d)
			break // the decoder cannot resynchronise after a syntax error
		}
		if len(root.Content) == 0 || isNull(root.Content[0]) {
			continue
		}
		docs = append(docs, parseDocument(file, len(docs), root.Content[0]))
	}
	return docs
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func yamlErrLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// parseDocument classifies one document by its distinguishing attribute and
// reads it; the checks of each kind run as part of reading.
func parseDocument(file string, index int, n *yaml.Node) *Document {
	d := &Document{File: file, Index: index}
	r := &reader{file: file, diags: &d.Diags}
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.Kind = KindRule
		r.errorf(n, CodeNotMapping, "a Sigma document is a YAML mapping with title, logsource and detection", "document is not a mapping")
		return d
	}
	r.pairs(n) // reports repeated top-level keys
	switch {
	case lookup(n, "correlation") != nil:
		d.Kind = KindCorrelation
	case lookup(n, "filter") != nil && lookup(n, "detection") == nil:
		d.Kind = KindFilter
	default:
		d.Kind = KindRule
	}
	d.Meta = r.meta(n, d.Kind)
	switch d.Kind {
	case KindRule:
		d.Rule = r.rule(n)
	case KindFilter:
		d.Filter = r.filter(n)
	case KindCorrelation:
		d.Correlation = r.correlation(n)
	}
	for i := range d.Diags {
		d.Diags[i].RuleID, d.Diags[i].Title = d.Meta.ID, d.Meta.Title
	}
	d.Diags.Sort()
	return d
}
