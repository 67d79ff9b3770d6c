package logsource

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vigil-sec/vigil/internal/diag"
)

// Diagnostic codes for pipeline files.
const (
	CodeYAML      = "PIP001" // the file is not YAML
	CodeStructure = "PIP002" // a key is missing, unknown or of the wrong type
	CodeEmpty     = "PIP003" // an entry that could never select an event
)

// Parse reads one pipeline file. The pipeline is usable only when the
// returned list has no errors.
func Parse(file string, data []byte) (*Pipeline, diag.List) {
	p := &parser{file: file}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		p.diags.Errorf(diag.Range{File: file}, CodeYAML, "fix the YAML syntax", "pipeline is not valid YAML: %v", err)
		return nil, p.diags
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		p.diags.Errorf(diag.Range{File: file}, CodeStructure, "a pipeline is a mapping with name, description and mappings", "pipeline is not a YAML mapping")
		return nil, p.diags
	}
	pl := &Pipeline{File: file}
	for _, kv := range pairs(root.Content[0]) {
		switch kv[0].Value {
		case "name":
			pl.Name = p.scalar(kv[1], "name")
		case "description":
			pl.Description = p.scalar(kv[1], "description")
		case "mappings":
			if kv[1].Kind != yaml.SequenceNode {
				p.errorf(kv[1], CodeStructure, "mappings is a list of {logsource, conditions, fields}", "mappings must be a list")
				continue
			}
			for _, n := range kv[1].Content {
				if e, ok := p.entry(n); ok {
					pl.Entries = append(pl.Entries, e)
				}
			}
		case "products":
			if kv[1].Kind != yaml.SequenceNode {
				p.errorf(kv[1], CodeStructure, "products is a list of {product, conditions}", "products must be a list")
				continue
			}
			for _, n := range kv[1].Content {
				if pr, ok := p.product(n); ok {
					pl.Products = append(pl.Products, pr)
				}
			}
		default:
			p.errorf(kv[0], CodeStructure, "use name, description, products and mappings", "unknown pipeline key %q", kv[0].Value)
		}
	}
	if pl.Name == "" {
		p.errorf(root.Content[0], CodeStructure, "add \"name: my-pipeline\"", "pipeline has no name")
	}
	for i := range pl.Entries {
		pl.Entries[i].Pipeline = pl.Name
	}
	p.diags.Sort()
	return pl, p.diags
}

type parser struct {
	file  string
	diags diag.List
}

func (p *parser) at(n *yaml.Node) diag.Range {
	return diag.Range{File: p.file, Start: diag.Pos{Line: n.Line, Column: n.Column}}
}

func (p *parser) errorf(n *yaml.Node, code, detail, format string, a ...any) {
	p.diags.Errorf(p.at(n), code, detail, format, a...)
}

func pairs(m *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, [2]*yaml.Node{m.Content[i], m.Content[i+1]})
	}
	return out
}

func (p *parser) scalar(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, CodeStructure, what+" takes a single value", "%s must be a scalar", what)
		return ""
	}
	return n.Value
}

// entry reads one mapping: logsource, conditions, fields, extend.
func (p *parser) entry(n *yaml.Node) (Entry, bool) {
	e := Entry{Range: p.at(n), Fields: map[string]string{}}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, CodeStructure, "each mapping is {logsource: …, conditions: …}", "mapping entry must be a YAML mapping")
		return e, false
	}
	ok := true
	for _, kv := range pairs(n) {
		switch kv[0].Value {
		case "logsource":
			ok = p.logsource(kv[1], &e) && ok
		case "conditions":
			ok = p.conditions(kv[1], &e) && ok
		case "fields":
			ok = p.fields(kv[1], &e) && ok
		case "extend":
			e.Extend = kv[1].Value == "true"
		default:
			p.errorf(kv[0], CodeStructure, "use logsource, conditions, fields and extend", "unknown mapping key %q", kv[0].Value)
			ok = false
		}
	}
	if e.Logsource == (Logsource{}) {
		p.errorf(n, CodeEmpty, "name at least one of product, category, service", "mapping has no logsource")
		ok = false
	}
	if len(e.Conditions) == 0 {
		p.errorf(n, CodeEmpty, "add conditions such as Channel and EventID; an unconditioned mapping would match every event", "mapping has no conditions")
		ok = false
	}
	return e, ok
}

func (p *parser) logsource(n *yaml.Node, e *Entry) bool {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, CodeStructure, "write {product: windows, category: process_creation}", "logsource must be a mapping")
		return false
	}
	var prod, cat, svc string
	for _, kv := range pairs(n) {
		v := p.scalar(kv[1], "logsource."+kv[0].Value)
		switch kv[0].Value {
		case "product":
			prod = v
		case "category":
			cat = v
		case "service":
			svc = v
		default:
			p.errorf(kv[0], CodeStructure, "use product, category and service", "unknown logsource key %q", kv[0].Value)
			return false
		}
	}
	e.Logsource = Of(prod, cat, svc)
	return true
}

func (p *parser) conditions(n *yaml.Node, e *Entry) bool {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, CodeStructure, "write {Channel: Security, EventID: [4688]}", "conditions must be a mapping of field to value(s)")
		return false
	}
	for _, kv := range pairs(n) {
		c := Condition{Field: kv[0].Value}
		switch kv[1].Kind {
		case yaml.ScalarNode:
			c.Values = []string{kv[1].Value}
		case yaml.SequenceNode:
			for _, v := range kv[1].Content {
				c.Values = append(c.Values, p.scalar(v, "condition value"))
			}
		default:
			p.errorf(kv[1], CodeStructure, "a value or a list of values", "condition %q has a map as value", c.Field)
			return false
		}
		if len(c.Values) == 0 {
			p.errorf(kv[1], CodeEmpty, "list at least one value", "condition %q has no values", c.Field)
			return false
		}
		e.Conditions = append(e.Conditions, c)
	}
	return true
}

func (p *parser) fields(n *yaml.Node, e *Entry) bool {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, CodeStructure, "write {Image: NewProcessName}", "fields must map Sigma field names to event field names")
		return false
	}
	for _, kv := range pairs(n) {
		to := p.scalar(kv[1], "fields."+kv[0].Value)
		if strings.TrimSpace(to) == "" {
			p.errorf(kv[1], CodeStructure, "name the event field", "field %q maps to nothing", kv[0].Value)
			return false
		}
		e.Fields[kv[0].Value] = to
	}
	return true
}

// product reads one {product, conditions} recogniser.
func (p *parser) product(n *yaml.Node) (ProductRule, bool) {
	pr := ProductRule{Range: p.at(n)}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, CodeStructure, "write {product: windows, conditions: {Channel: '*'}}", "product entry must be a mapping")
		return pr, false
	}
	var e Entry
	for _, kv := range pairs(n) {
		switch kv[0].Value {
		case "product":
			pr.Product = strings.ToLower(p.scalar(kv[1], "product"))
		case "conditions":
			if !p.conditions(kv[1], &e) {
				return pr, false
			}
		case "categories":
			if kv[1].Kind != yaml.SequenceNode {
				p.errorf(kv[1], CodeStructure, "a list of category names", "categories must be a list")
				return pr, false
			}
			for _, c := range kv[1].Content {
				pr.Categories = append(pr.Categories, strings.ToLower(p.scalar(c, "category")))
			}
		default:
			p.errorf(kv[0], CodeStructure, "use product, conditions and categories", "unknown product key %q", kv[0].Value)
			return pr, false
		}
	}
	pr.Conditions = e.Conditions
	if pr.Product == "" || len(pr.Conditions) == 0 {
		p.errorf(n, CodeEmpty, "name the product and how to recognise its events", "product entry needs product and conditions")
		return pr, false
	}
	return pr, true
}

// String helps error messages name an entry.
func (e *Entry) String() string {
	return fmt.Sprintf("%s: %s → %s", e.Pipeline, e.Logsource, e.Describe())
}
