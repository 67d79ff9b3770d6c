package sigma

import (
	"github.com/vigil-sec/vigil/internal/diag"
	"go.yaml.in/yaml/v3"
)

// reader carries the file name and the diagnostics of the document being
// read, so helpers can report with a position without threading both.
type reader struct {
	file  string
	diags *diag.List
}

func (r *reader) at(n *yaml.Node) diag.Range {
	if n == nil {
		return diag.Range{File: r.file}
	}
	return diag.Range{File: r.file, Start: diag.Pos{Line: n.Line, Column: n.Column}}
}

func (r *reader) errorf(n *yaml.Node, code, detail, format string, a ...any) {
	r.diags.Errorf(r.at(n), code, detail, format, a...)
}

func (r *reader) warnf(n *yaml.Node, code, detail, format string, a ...any) {
	r.diags.Warnf(r.at(n), code, detail, format, a...)
}

// pair is one key/value of a YAML mapping, aliases resolved.
type pair struct{ key, val *yaml.Node }

// pairs lists a mapping's entries, reporting repeated keys (YAML forbids
// them and the second would silently win).
func (r *reader) pairs(m *yaml.Node) []pair {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]pair, 0, len(m.Content)/2)
	seen := make(map[string]bool, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := resolve(m.Content[i]), resolve(m.Content[i+1])
		if seen[k.Value] {
			r.errorf(k, CodeDuplicateKey, "remove or rename one of them", "key %q appears twice in this mapping", k.Value)
		}
		seen[k.Value] = true
		out = append(out, pair{k, v})
	}
	return out
}

// resolve follows YAML aliases so callers never see AliasNode.
func resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode && depth < 16; depth++ {
		n = n.Alias
	}
	return n
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return resolve(m.Content[i+1])
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str reads an optional string attribute; any other type is an error.
func (r *reader) str(m *yaml.Node, key string) (string, *yaml.Node) {
	n := lookup(m, key)
	if n == nil || isNull(n) {
		return "", n
	}
	if n.Kind != yaml.ScalarNode {
		r.errorf(n, CodeType, "write it as a single string", "%q must be a string", key)
		return "", n
	}
	return n.Value, n
}

// strList reads an optional list of strings; a single string is accepted
// for leniency where the schema allows it (allowScalar).
func (r *reader) strList(m *yaml.Node, key string, allowScalar bool) []string {
	n := lookup(m, key)
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode && allowScalar {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, CodeType, "write it as a YAML list: one \"- item\" per line", "%q must be a list of strings", key)
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode {
			r.errorf(c, CodeType, "every entry must be a plain string", "%q entries must be strings", key)
			continue
		}
		out = append(out, c.Value)
	}
	return out
}
