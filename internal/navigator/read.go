package navigator

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
)

// Read parses a layer file; errors name the file.
func Read(r io.Reader, name string) (*Layer, error) {
	var l Layer
	dec := json.NewDecoder(io.LimitReader(r, 64<<20))
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("%s: not a Navigator layer: %v", name, err)
	}
	if len(l.Techniques) == 0 && l.Versions.Layer == "" {
		return nil, fmt.Errorf("%s: not a Navigator layer: no versions.layer and no techniques", name)
	}
	return &l, nil
}

// Coverage turns an imported layer into coverage values 0..1 per technique:
// a scored technique's score placed within the layer's gradient range
// (0–100 without a gradient); an enabled technique without a score counts
// as 1. Where a technique appears under several tactics, the highest counts.
func Coverage(l *Layer) map[string]float64 {
	lo, hi := 0.0, 100.0
	if g := l.Gradient; g != nil && g.MaxValue > g.MinValue {
		lo, hi = g.MinValue, g.MaxValue
	}
	out := map[string]float64{}
	for _, t := range l.Techniques {
		if t.Enabled != nil && !*t.Enabled {
			continue
		}
		v := 1.0
		if t.Score != nil {
			v = math.Max(0, math.Min(1, (*t.Score-lo)/(hi-lo)))
		}
		id := strings.ToUpper(t.TechniqueID)
		out[id] = math.Max(out[id], math.Round(v*1000)/1000)
	}
	return out
}
