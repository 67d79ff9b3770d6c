package ruletest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/match"
	"github.com/vigil-sec/vigil/internal/winevent"
)

// Example is one event a rule carries under its custom "tests" key:
// tests: {match: [...], nomatch: [...], match_4688: [...]}. match and
// match_4688 events must fire the rule, nomatch events must not.
type Example struct {
	RuleID string
	Kind   string // match, nomatch or match_4688
	Index  int    // 0-based within its list
	Event  map[string]any
}

// Examples reads the tests of every document in a rule file, keyed by rule id.
func Examples(data []byte) (map[string][]Example, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	out := map[string][]Example{}
	for {
		var doc struct {
			ID    string                      `yaml:"id"`
			Tests map[string][]map[string]any `yaml:"tests"`
		}
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return out, err
		}
		for _, kind := range []string{"match", "match_4688", "nomatch"} {
			for i, ev := range doc.Tests[kind] {
				out[doc.ID] = append(out[doc.ID], Example{RuleID: doc.ID, Kind: kind, Index: i, Event: ev})
			}
		}
	}
}

// RunExample evaluates one example through the rule's log source routing.
func (e Env) RunExample(ex Example, rule *match.Rule) Result {
	res := Result{Name: fmt.Sprintf("%s[%d]", ex.Kind, ex.Index), Rule: rule.Meta().Title, RuleID: ex.RuleID}
	ev, err := asEvent(ex.Event)
	if err != nil {
		res.Detail = err.Error()
		return res
	}
	fired := false
	e.router(rule).Match(ev, func(*match.Rule) { fired = true })
	want := ex.Kind != "nomatch"
	res.Passed = fired == want
	switch {
	case res.Passed:
		res.Detail = map[bool]string{true: "fired", false: "did not fire"}[fired]
	case want:
		res.Detail = "expected the rule to fire; it did not (check the event's Channel/EventID routing and the selection)"
	default:
		res.Detail = "expected the rule not to fire; it did"
	}
	return res
}

// asEvent gives a YAML example the types of an event read from JSON lines.
func asEvent(m map[string]any) (event.Map, error) {
	js, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("example is not JSON-encodable: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var out map[string]any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return winevent.Normalise(out), nil
}
