package report

import (
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/assess"
	"github.com/vigil-sec/vigil/internal/atomic"
	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/coverage"
	"github.com/vigil-sec/vigil/internal/inventory"
	"github.com/vigil-sec/vigil/internal/logsource"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/profile"
	"github.com/vigil-sec/vigil/internal/rulepack"
	"github.com/vigil-sec/vigil/internal/sigma"
	"github.com/vigil-sec/vigil/internal/threat"
)

var demoOnce struct {
	sync.Once
	a   *assess.Assessment
	d   *attack.Domain
	err error
}

// demo runs the assessment `vigil assess` runs with no flags (the embedded
// demo profile, inventory and starter rules; internal/cli (*env).assessment).
func demo(t testing.TB) (*assess.Assessment, *attack.Domain) {
	t.Helper()
	demoOnce.Do(func() { demoOnce.a, demoOnce.d, demoOnce.err = runDemo() })
	if demoOnce.err != nil {
		t.Fatal(demoOnce.err)
	}
	return demoOnce.a, demoOnce.d
}

func runDemo() (*assess.Assessment, *attack.Domain, error) {
	kb, err := attack.Load(attack.Sources{})
	if err != nil {
		return nil, nil, err
	}
	prof, err := profile.Parse("embedded demo profile", profile.Demo)
	if err != nil {
		return nil, nil, err
	}
	cat, err := inventory.DefaultCatalog()
	if err != nil {
		return nil, nil, err
	}
	inv, err := inventory.Parse("embedded demo inventory", inventory.Demo, cat)
	if err != nil {
		return nil, nil, err
	}
	builtin, err := logsource.Builtin()
	if err != nil {
		return nil, nil, err
	}
	var docs []*sigma.Document
	fsys := rulepack.FS()
	err = fs.WalkDir(fsys, rulepack.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		docs = append(docs, sigma.ParseFile("starter:"+p, data)...)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	var rules []coverage.Rule
	for _, r := range match.Load(docs, match.Options{}).Rules {
		m := r.Meta()
		rules = append(rules, coverage.Rule{ID: m.ID, Title: m.Title, Level: m.Level, Status: m.Status, Path: r.Doc.File,
			Logsource:  logsource.Of(r.Logsource.Product, r.Logsource.Category, r.Logsource.Service),
			Techniques: alert.AttackFromKB(kb, m.Tags).Techniques})
	}
	ax, err := atomic.Embedded()
	if err != nil {
		return nil, nil, err
	}
	targeting, err := threat.EmbeddedDataset()
	if err != nil {
		return nil, nil, err
	}
	a, err := assess.Run(assess.Input{KB: kb, Profile: prof, Inventory: inv, Catalog: cat, Mapping: logsource.NewMapping(builtin, nil),
		Rules: rules, RuleSets: []string{"embedded starter pack"}, Atomic: ax, Targeting: targeting, TopN: 20})
	if err != nil {
		return nil, nil, err
	}
	return a, kb.Domain(attack.Enterprise), nil
}
