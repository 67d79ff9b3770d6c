package logsource

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

//go:embed pipelines/*.yml
var builtinFS embed.FS

// Builtin parses the pipelines shipped in the binary, in name order.
func Builtin() ([]*Pipeline, error) {
	names, err := fs.Glob(builtinFS, "pipelines/*.yml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*Pipeline
	for _, n := range names {
		data, err := builtinFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		p, diags := Parse("builtin:"+path.Base(n), data)
		if diags.HasErrors() {
			return nil, fmt.Errorf("built-in pipeline %s: %s", n, diags)
		}
		out = append(out, p)
	}
	return out, nil
}

// BuiltinFiles exposes the embedded YAML, for `vigil pipelines show`.
func BuiltinFiles() fs.FS { return builtinFS }
