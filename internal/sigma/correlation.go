package sigma

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Correlation is a Sigma correlation rule, parsed and checked; package
// correlate evaluates it over event streams. The model keeps everything an
// evaluator needs, already typed.
type Correlation struct {
	Type      string
	Rules     []string
	Aliases   map[string]map[string]string // alias → rule name → field
	GroupBy   []string
	Timespan  time.Duration
	Condition map[string]float64 // operator (gt, gte, lt, lte, eq, neq) → bound; AND-ed
	Fields    []string           // condition.field (value_count and metrics)
	// Percentile is condition.percentile (0–100) for value_percentile; 50
	// for value_median and for a value_percentile that names none.
	Percentile float64
	Generate   bool
}

var correlationTypes = []string{"event_count", "value_count", "temporal", "temporal_ordered", "value_sum", "value_avg", "value_percentile", "value_median"}

// IsMetric reports whether t aggregates a numeric field (value_sum,
// value_avg, value_percentile, value_median).
func IsMetric(t string) bool {
	return t == "value_sum" || t == "value_avg" || t == "value_percentile" || t == "value_median"
}

var timespanRE = regexp.MustCompile(`^([0-9]+)([smhd])$`)

func (r *reader) correlation(n *yaml.Node) *Correlation {
	c := &Correlation{}
	cn := lookup(n, "correlation")
	if cn.Kind != yaml.MappingNode {
		r.errorf(cn, CodeCorrelation, "correlation holds type, rules, timespan, group-by and condition", "\"correlation\" must be a mapping")
		return c
	}
	r.pairs(cn)
	var tn *yaml.Node
	c.Type, tn = r.str(cn, "type")
	switch {
	case tn == nil:
		r.errorf(cn, CodeCorrelation, "set type: one of "+strings.Join(correlationTypes, ", "), "correlation has no type")
	case !oneOf(c.Type, correlationTypes):
		r.errorf(tn, CodeCorrelation, "use one of "+strings.Join(correlationTypes, ", "), "correlation type %q is not a Sigma correlation type", c.Type)
	}
	c.Rules = r.strList(cn, "rules", true)
	if len(c.Rules) == 0 {
		r.errorf(cn, CodeCorrelation, "list the names or ids of the rules to correlate", "correlation names no rules")
	}
	c.GroupBy = r.strList(cn, "group-by", true)
	if len(c.GroupBy) == 0 && c.Type != "" {
		r.warnf(cn, CodeCorrelation, "without group-by all events share one group", "correlation has no group-by")
	}
	ts, tsn := r.str(cn, "timespan")
	if m := timespanRE.FindStringSubmatch(ts); m != nil {
		v, _ := strconv.ParseInt(m[1], 10, 64)
		unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[m[2]]
		c.Timespan = time.Duration(v) * unit
		if v <= 0 || v > int64(math.MaxInt64/unit) {
			r.errorf(tsn, CodeCorrelation, "a positive number followed by s, m, h or d, e.g. 15m", "timespan %q is not a usable duration", ts)
			c.Timespan = 0
		}
	} else if tsn == nil {
		r.errorf(cn, CodeCorrelation, "add e.g. \"timespan: 5m\"", "correlation has no timespan")
	} else {
		r.errorf(tsn, CodeCorrelation, "a number followed by s, m, h or d, e.g. 15m", "timespan %q is not valid", ts)
	}
	if g := lookup(cn, "generate"); g != nil {
		if g.ShortTag() != "!!bool" {
			r.errorf(g, CodeCorrelation, "generate is true or false", "generate must be a boolean")
		}
		c.Generate = g.Value == "true"
	}
	if g := lookup(n, "generate"); g != nil && g.ShortTag() == "!!bool" {
		c.Generate = g.Value == "true"
	}
	c.Aliases = r.aliases(cn)
	r.correlationCondition(cn, c)
	return c
}

func (r *reader) aliases(cn *yaml.Node) map[string]map[string]string {
	an := lookup(cn, "aliases")
	if an == nil || isNull(an) {
		return nil
	}
	out := map[string]map[string]string{}
	for _, p := range r.pairs(an) {
		if p.val.Kind != yaml.MappingNode {
			r.errorf(p.val, CodeCorrelation, "map each rule name to its field", "alias %q must map rule names to fields", p.key.Value)
			continue
		}
		m := map[string]string{}
		for _, q := range r.pairs(p.val) {
			m[q.key.Value] = q.val.Value
		}
		out[p.key.Value] = m
	}
	return out
}

func (r *reader) correlationCondition(cn *yaml.Node, c *Correlation) {
	n := lookup(cn, "condition")
	temporal := c.Type == "temporal" || c.Type == "temporal_ordered"
	if n == nil || isNull(n) {
		if temporal {
			// The specification makes it optional; pySigma defaults to all rules.
			c.Condition = map[string]float64{"gte": float64(len(c.Rules))}
			return
		}
		if c.Type != "" {
			r.errorf(cn, CodeCorrelation, "add e.g. \"condition: {gte: 10}\"", "%s correlation needs a condition", c.Type)
		}
		return
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, CodeCorrelation, "write e.g. \"condition: {gte: 10}\"", "correlation condition must be a mapping")
		return
	}
	c.Condition = map[string]float64{}
	for _, p := range r.pairs(n) {
		switch k := p.key.Value; k {
		case "gt", "gte", "lt", "lte", "eq", "neq":
			v, ok := number(p.val)
			if !ok {
				r.errorf(p.val, CodeCorrelation, "the bound is a number (an integer for counts; metrics may use fractions)", "condition %s: %q is not a number", k, p.val.Value)
				continue
			}
			c.Condition[k] = v
		case "percentile":
			v, ok := number(p.val)
			if !ok || v < 0 || v > 100 {
				r.errorf(p.val, CodeCorrelation, "the percentile is a number from 0 to 100, e.g. 95", "condition percentile: %q is not a number from 0 to 100", p.val.Value)
				continue
			}
			if c.Type != "value_percentile" && c.Type != "" {
				r.warnf(p.key, CodeCorrelation, "remove it, or use type value_percentile", "percentile is ignored by %s correlations", c.Type)
			}
			c.Percentile = v
		case "field":
			if p.val.Kind == yaml.SequenceNode {
				c.Fields = r.strList(n, "field", false)
			} else {
				c.Fields = []string{p.val.Value}
			}
		default:
			r.errorf(p.key, CodeCorrelation, "use gt, gte, lt, lte, eq, neq, field and percentile", "unknown correlation condition key %q", k)
		}
	}
	if len(c.Condition) == 0 {
		r.errorf(n, CodeCorrelation, "add a comparison such as gte: 10", "correlation condition has no comparison")
	}
	needsField := strings.HasPrefix(c.Type, "value_")
	if needsField && len(c.Fields) == 0 {
		r.errorf(n, CodeCorrelation, "name the field whose values are counted or aggregated", "%s correlation needs condition.field", c.Type)
	}
	if IsMetric(c.Type) && len(c.Fields) > 1 {
		r.errorf(n, CodeCorrelation, "a metric aggregates one numeric field; chain correlations for more", "%s correlation names %d fields", c.Type, len(c.Fields))
	}
	if !IsMetric(c.Type) {
		for k, v := range c.Condition {
			if v != math.Trunc(v) {
				r.errorf(n, CodeCorrelation, "counts are whole numbers", "condition %s: %v is not an integer", k, v)
			}
		}
	}
	switch {
	case c.Type == "value_median":
		c.Percentile = 50
	case c.Type == "value_percentile" && lookup(n, "percentile") == nil:
		r.warnf(n, CodeCorrelation, "add e.g. \"percentile: 95\"; vigil uses 50 (the median)", "value_percentile correlation names no percentile")
		c.Percentile = 50
	}
}

// number reads a YAML scalar as a finite number.
func number(n *yaml.Node) (float64, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil {
		if i, err2 := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err2 == nil {
			return float64(i), true
		}
		return 0, false
	}
	return v, !math.IsInf(v, 0) && !math.IsNaN(v)
}
