// Package rulepack is vigil's starter Sigma rule pack: rules written by the
// vigil project for the ATT&CK techniques that the threat groups targeting
// a health insurer use most (see docs/starter-pack.md).
//
// The rules are embedded, so the binary can scan without any rule files on
// disk. Every rule carries its own example events under the custom
// top-level key "tests" (match, nomatch and, for process_creation rules,
// match_4688 with Security 4688 field names); the package tests check that
// every example behaves as stated.
package rulepack

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed rules/*.yml
var rules embed.FS

// Dir is the directory of the rules inside FS.
const Dir = "rules"

// FS returns the embedded rules, under Dir ("rules/*.yml").
func FS() fs.FS { return rules }

// Files lists the rule files in FS, sorted by name.
func Files() []string {
	ents, _ := fs.ReadDir(rules, Dir) // cannot fail: the directory is embedded
	var out []string
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yml") {
			out = append(out, Dir+"/"+e.Name())
		}
	}
	return out
}
