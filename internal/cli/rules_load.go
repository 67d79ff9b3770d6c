package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/sigma"
	"go.yaml.in/yaml/v3"
)

// ruleFiles expands files and directories into Sigma files: a directory is
// walked recursively for .yml/.yaml, a file named explicitly is read
// whatever its extension. The result is sorted so output is stable.
func ruleFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usagef("rules path %s: %v", p, errorsUnwrapPath(err))
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (strings.HasSuffix(f, ".yml") || strings.HasSuffix(f, ".yaml")) {
				found = append(found, f)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func errorsUnwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// loadRules parses every file and compiles what loads.
func loadRules(paths []string, placeholderFile string) ([]*sigma.Document, *match.Set, error) {
	return loadRulesWith(paths, placeholderFile, match.Options{})
}

// loadRulesWith is loadRules with load options (lint sets CheckOnly).
func loadRulesWith(paths []string, placeholderFile string, opt match.Options) ([]*sigma.Document, *match.Set, error) {
	ph, err := loadPlaceholders(placeholderFile)
	if err != nil {
		return nil, nil, err
	}
	docs, err := parseRuleFiles(paths)
	if err != nil {
		return nil, nil, err
	}
	opt.Placeholders = ph
	return docs, match.Load(docs, opt), nil
}

// parseRuleFiles reads and parses the rule files on every core (parsing
// YAML is most of loading a rule set: ~0.3 s of one core for SigmaHQ's
// Windows rules); the documents come out in file order all the same.
func parseRuleFiles(paths []string) ([]*sigma.Document, error) {
	files, err := ruleFiles(paths)
	if err != nil {
		return nil, err
	}
	type parsed struct {
		docs []*sigma.Document
		err  error
	}
	out := make([]parsed, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := os.ReadFile(files[i])
				if err != nil {
					out[i].err = fmt.Errorf("read rule file: %w", err)
					continue
				}
				out[i].docs = sigma.ParseFile(files[i], data)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var docs []*sigma.Document
	for _, p := range out {
		if p.err != nil {
			return nil, p.err
		}
		docs = append(docs, p.docs...)
	}
	return docs, nil
}

// parseRuleFS parses every .yml under dir of an embedded file system; paths
// are shown as prefix + name (e.g. "starter:rules/x.yml").
func parseRuleFS(fsys fs.FS, dir, prefix string) ([]*sigma.Document, error) {
	var docs []*sigma.Document
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		docs = append(docs, sigma.ParseFile(prefix+p, data)...)
		return nil
	})
	return docs, err
}

// loadPlaceholders reads a YAML map of placeholder name → list of values.
func loadPlaceholders(path string) (match.Placeholders, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("--placeholders: %v", err)
	}
	var ph match.Placeholders
	if err := yaml.Unmarshal(data, &ph); err != nil {
		return nil, usagef("--placeholders %s: want a YAML map of name to list of strings: %v", path, err)
	}
	return ph, nil
}
