// gsre: peer harness for github.com/markuskont/go-sigma-rule-engine, built by
// bench/compare.sh inside a temporary copy of ../shared/bench/peers.
// GSRE_NOCOLLAPSE=1 turns off the engine's whitespace collapsing.
package main

import (
	"bytes"
	"fmt"
	"os"

	gsre "github.com/markuskont/go-sigma-rule-engine"
	"gopkg.in/yaml.v2"

	"peers/harness/common"
)

// event adapts a decoded map: Select reads a field, Keywords lists the
// string values (computed once per event, on first use).
type event struct {
	m   map[string]any
	kw  []string
	has bool
}

func (e *event) Select(k string) (any, bool) { v, ok := e.m[k]; return v, ok }
func (e *event) Keywords() ([]string, bool) {
	if !e.has {
		e.has = true
		for _, v := range e.m {
			if s, ok := v.(string); ok {
				e.kw = append(e.kw, s)
			}
		}
	}
	return e.kw, len(e.kw) > 0
}

func main() {
	nocollapse := os.Getenv("GSRE_NOCOLLAPSE") == "1"
	var trees []*gsre.Tree
	e := &common.Engine{
		Name:    "go-sigma-rule-engine",
		Version: "v0.3.0",
		Prep:    func(ev map[string]any) any { return &event{m: ev} },
		Match: func(i int, ev any) (bool, error) {
			ok, _ := trees[i].Match(ev.(*event))
			return ok, nil
		},
	}
	common.Main(e, func(rf *common.RuleFile) (string, string, bool) {
		if !bytes.HasPrefix(rf.Bytes, []byte("---")) && bytes.Contains(rf.Bytes, []byte("\n---")) {
			return "multipart rule", "", false
		}
		var r gsre.Rule
		if err := yaml.Unmarshal(rf.Bytes, &r); err != nil {
			return common.ErrClass(err.Error()), err.Error(), false
		}
		t, err := gsre.NewTree(gsre.RuleHandle{Rule: r, Path: rf.Path, NoCollapseWS: nocollapse})
		if err != nil {
			return common.ErrClass(fmt.Sprint(err)), fmt.Sprint(err), false
		}
		trees = append(trees, t)
		return "", "", true
	})
}
