package cli

import (
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/rulepack"
	"github.com/vigil-sec/vigil/internal/sigma"
)

// starterDocs parses the embedded starter rule pack.
func starterDocs() ([]*sigma.Document, error) {
	return parseRuleFS(rulepack.FS(), rulepack.Dir, "starter:")
}

// demoSource opens the embedded demo dataset.
func demoSource() (input.Source, string, error) {
	return nil, "demo", usagef("give PATH: the embedded demo dataset is not in this build yet")
}
