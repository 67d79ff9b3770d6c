package ruletest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/match"
)

// RegressionCase is one entry of an info.yml: a rule, an EVTX with its JSON
// twin, and how many times the rule must fire on each.
type RegressionCase struct {
	Info       string // path of the info.yml
	Name       string
	RuleID     string
	RuleTitle  string
	RuleFile   string // where the SigmaHQ layout puts the rule (may not exist)
	EVTX, JSON string
	MatchCount int // 0: at least once
}

type infoFile struct {
	RuleMetadata []struct {
		ID    string `yaml:"id"`
		Title string `yaml:"title"`
	} `yaml:"rule_metadata"`
	Tests []struct {
		Name       string `yaml:"name"`
		Type       string `yaml:"type"`
		Path       string `yaml:"path"`
		MatchCount int    `yaml:"match_count"`
	} `yaml:"regression_tests_info"`
}

// DiscoverRegression finds every info.yml under dir (SigmaHQ's
// regression_data). Paths inside info.yml start with "regression_data/",
// so they are resolved against dir's parent, as is the rule file, which
// mirrors the info.yml's folder in the rule tree. Unreadable info files are
// returned as errors naming them; discovery carries on.
func DiscoverRegression(dir string) ([]RegressionCase, []error) {
	root := filepath.Dir(filepath.Clean(dir))
	var cases []RegressionCase
	var errs []error
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if d.IsDir() || d.Name() != "info.yml" {
			return nil
		}
		cs, err := readInfo(root, dir, p)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		cases = append(cases, cs...)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Info < cases[j].Info })
	return cases, errs
}

func readInfo(root, dir, p string) ([]RegressionCase, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var inf infoFile
	if err := yaml.Unmarshal(data, &inf); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if len(inf.RuleMetadata) == 0 {
		return nil, fmt.Errorf("%s: no rule_metadata", p)
	}
	rel, _ := filepath.Rel(dir, filepath.Dir(p))
	ruleFile := filepath.Join(root, rel) + ".yml"
	var out []RegressionCase
	for _, t := range inf.Tests {
		if t.Type != "evtx" {
			continue // the SigmaHQ runner also tests EVTX only
		}
		evtxPath := filepath.Join(root, filepath.FromSlash(t.Path))
		out = append(out, RegressionCase{Info: p, Name: t.Name, RuleID: inf.RuleMetadata[0].ID,
			RuleTitle: inf.RuleMetadata[0].Title, RuleFile: ruleFile, EVTX: evtxPath,
			JSON: strings.TrimSuffix(evtxPath, ".evtx") + ".json", MatchCount: t.MatchCount})
	}
	return out, nil
}

// Run evaluates the case's rule over the EVTX and its JSON twin. It passes
// when the rule fires at least MatchCount times (once when unset) on each,
// as SigmaHQ's own CI counts it.
func (e Env) Run(c RegressionCase, rule *match.Rule) Result {
	res := Result{Name: c.Info, Rule: c.RuleTitle, RuleID: c.RuleID, Passed: true}
	want := max(c.MatchCount, 1)
	var details []string
	for _, f := range []string{c.EVTX, c.JSON} {
		n, skipped, err := e.count(rule, f)
		switch {
		case errors.Is(err, fs.ErrNotExist) && f == c.JSON:
			details = append(details, "json twin: absent")
			continue
		case err != nil:
			res.Passed = false
			details = append(details, fmt.Sprintf("%s: %v", filepath.Base(f), err))
			continue
		}
		ok := n >= want
		res.Passed = res.Passed && ok
		d := fmt.Sprintf("%s: %d matches (want ≥%d)", kindOf(f), n, want)
		if skipped > 0 {
			d += fmt.Sprintf(", %d records unreadable", skipped)
		}
		details = append(details, d)
	}
	res.Detail = strings.Join(details, "; ")
	return res
}

func kindOf(path string) string {
	if strings.HasSuffix(path, ".evtx") {
		return "evtx"
	}
	return "json"
}

// count reads a file through the scan input layer and counts the rule's matches.
func (e Env) count(rule *match.Rule, path string) (matches, skipped int, err error) {
	src, err := input.Open(path, nil)
	if err != nil {
		return 0, 0, err
	}
	defer src.Close()
	router := e.router(rule)
	for {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			return matches, skipped, nil
		}
		if input.Skipped(err) {
			skipped++
			continue
		}
		if err != nil {
			return matches, skipped, err
		}
		router.Match(rec.Ev(), func(*match.Rule) { matches++ })
	}
}
