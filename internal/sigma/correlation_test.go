package sigma

import (
	"math"
	"testing"
)

func TestCorrelationConditionForms(t *testing.T) {
	for _, c := range []struct {
		src  string
		ok   bool
		cond map[string]float64
		pct  float64
	}{
		{"type: value_avg, rules: [a], group-by: [x], timespan: 1h, condition: {field: b, gt: 0.5}", true, map[string]float64{"gt": 0.5}, 0},
		{"type: value_percentile, rules: [a], group-by: [x], timespan: 1h, condition: {field: b, gte: 100, percentile: 95}", true, map[string]float64{"gte": 100}, 95},
		{"type: value_percentile, rules: [a], group-by: [x], timespan: 1h, condition: {field: b, lte: 1}", true, map[string]float64{"lte": 1}, 50},
		{"type: value_median, rules: [a], group-by: [x], timespan: 1h, condition: {field: b, gt: 10, lte: 20}", true, map[string]float64{"gt": 10, "lte": 20}, 50},
		{"type: event_count, rules: [a], group-by: [x], timespan: 1h, condition: {gte: 2.5}", false, nil, 0},
		{"type: value_sum, rules: [a], group-by: [x], timespan: 1h, condition: {field: [b, c], gt: 1}", false, nil, 0},
		{"type: value_percentile, rules: [a], group-by: [x], timespan: 1h, condition: {field: b, gt: 1, percentile: 101}", false, nil, 0},
		{"type: event_count, rules: [a], group-by: [x], timespan: 0s, condition: {gte: 1}", false, nil, 0},
		{"type: event_count, rules: [a], group-by: [x], timespan: 1h, condition: {gte: .inf}", false, nil, 0},
		{"type: event_count, rules: [a], group-by: [x], timespan: 1h, condition: {gte: '3'}", false, nil, 0},
	} {
		docs := ParseFile("c.yml", []byte("title: c\ncorrelation: {"+c.src[:len(c.src)]+"}\n"))
		d := docs[0]
		if d.OK() != c.ok {
			t.Errorf("%s: ok=%v %v", c.src, d.OK(), d.Diags)
			continue
		}
		if !c.ok {
			continue
		}
		for k, v := range c.cond {
			if d.Correlation.Condition[k] != v {
				t.Errorf("%s: condition %v", c.src, d.Correlation.Condition)
			}
		}
		if d.Correlation.Percentile != c.pct {
			t.Errorf("%s: percentile %v", c.src, d.Correlation.Percentile)
		}
	}
}

// FuzzCorrelation checks that whatever the correlation section holds, a
// correlation that loads is one an evaluator can run: a positive timespan,
// finite bounds, one field for metrics, a percentile within 0-100.
func FuzzCorrelation(f *testing.F) {
	f.Add([]byte("title: c\ncorrelation:\n  type: event_count\n  rules: [a]\n  group-by: [User]\n  timespan: 10m\n  condition: {gte: 10}\n"))
	f.Add([]byte("title: c\ncorrelation:\n  type: value_percentile\n  rules: a\n  timespan: 1d\n  condition: {field: x, percentile: 95, gt: 1.5, lte: 7}\n"))
	f.Add([]byte("title: c\ncorrelation:\n  type: temporal_ordered\n  rules: [a, b, a]\n  group-by: [ip]\n  aliases: {ip: {a: src, b: dst}}\n  timespan: 30s\n  generate: true\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range ParseFile("f.yml", b) {
			if d.Kind != KindCorrelation || !d.OK() {
				continue
			}
			c := d.Correlation
			if c == nil || c.Timespan <= 0 || len(c.Rules) == 0 || len(c.Condition) == 0 {
				t.Fatalf("loaded correlation is not runnable: %+v", c)
			}
			for _, v := range c.Condition {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("bound %v", v)
				}
			}
			if IsMetric(c.Type) && len(c.Fields) != 1 {
				t.Fatalf("metric with fields %q", c.Fields)
			}
			if c.Percentile < 0 || c.Percentile > 100 {
				t.Fatalf("percentile %v", c.Percentile)
			}
		}
	})
}
