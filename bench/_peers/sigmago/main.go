// sigmago: peer harness for github.com/bradleyjkemp/sigma-go, built by
// bench/compare.sh inside a temporary copy of ../shared/bench/peers (never
// part of vigil's module: directories starting with '_' are ignored by go).
package main

import (
	"context"

	sigma "github.com/bradleyjkemp/sigma-go"
	"github.com/bradleyjkemp/sigma-go/evaluator"

	"peers/harness/common"
)

func main() {
	var rules []*evaluator.RuleEvaluator
	ctx := context.Background()
	e := &common.Engine{
		Name:    "sigma-go",
		Version: "v0.6.6",
		Prep:    func(ev map[string]any) any { return ev },
		Match: func(i int, ev any) (bool, error) {
			r, err := rules[i].Matches(ctx, ev)
			return r.Match, err
		},
	}
	common.Main(e, func(rf *common.RuleFile) (string, string, bool) {
		r, err := sigma.ParseRule(rf.Bytes)
		if err != nil {
			return common.ErrClass(err.Error()), err.Error(), false
		}
		ev := evaluator.ForRule(r)
		rules = append(rules, ev)
		return "", "", true
	})
}
