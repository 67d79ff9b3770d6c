package cli

import (
	"github.com/vigil-sec/vigil/internal/demo"
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/profile"
	"github.com/vigil-sec/vigil/internal/rulepack"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// starterDocs parses the embedded starter rule pack.
func starterDocs() ([]*sigma.Document, error) {
	return parseRuleFS(rulepack.FS(), rulepack.Dir, "starter:")
}

// demoSource opens the embedded demo dataset.
func demoSource() (input.Source, string, error) {
	rc, err := demo.Open()
	if err != nil {
		return nil, demo.Name(), err
	}
	s, err := input.FromReader(demo.Name(), rc)
	return s, demo.Name(), err
}

// profileTemplate is the commented profile `vigil profile init` writes.
func profileTemplate() string { return profile.Template }
