package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/vigil-sec/vigil/internal/assess"
	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/navigator"
)

// writeAssessExtras writes the Navigator layer and the HTML report.
func writeAssessExtras(e *env, a *assess.Assessment, f assessFlags) error {
	if f.layer != "" {
		l, err := navigator.FromAssessment(a, f.layerType)
		if err != nil {
			return usagef("--layer-type: %v", err)
		}
		if err := writeJSONFile(f.layer, l); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "vigil: wrote %s layer %s (%d technique entries)\n", f.layerType, f.layer, len(l.Techniques))
	}
	if f.html != "" {
		if err := writeHTMLReport(e, a, f.html); err != nil {
			return err
		}
	}
	return nil
}

func writeJSONFile(path string, v any) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// importedCoverage reads a Navigator layer as detection coverage, with
// technique IDs resolved to the current ATT&CK (a revoked ID counts for its
// replacement).
func (e *env) importedCoverage(path string, kb *attack.KB) (map[string]float64, []string, error) {
	if path == "" {
		return nil, nil, nil
	}
	l, err := readLayer(path)
	if err != nil {
		return nil, nil, err
	}
	out := map[string]float64{}
	var notes []string
	for id, v := range navigator.Coverage(l) {
		r := kb.ResolveTag("attack." + strings.ToLower(id))
		if r.Kind != "technique" {
			notes = append(notes, fmt.Sprintf("%s: not a known technique, ignored", id))
			continue
		}
		if r.Note != "" {
			notes = append(notes, r.Note)
		}
		if v > out[r.Technique.ID] {
			out[r.Technique.ID] = v
		}
	}
	return out, notes, nil
}

func readLayer(path string) (*navigator.Layer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("layer: %v", err)
	}
	defer f.Close()
	return navigator.Read(f, path)
}
