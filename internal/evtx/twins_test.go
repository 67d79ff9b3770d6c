package evtx

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/winevent"
)

// TestRegressionTwins checks that each SigmaHQ regression EVTX and its
// evtx_dump JSON twin give identical canonical maps, record by record: the
// same field names and the same value text. This is what guarantees a rule
// sees one event whether the user has the .evtx or the JSON export.
func TestRegressionTwins(t *testing.T) {
	root := filepath.Join(corpora(t), "sigma", "regression_data")
	files := evtxFiles(t, root)
	if len(files) == 0 {
		t.Skipf("no regression EVTX under %s", root)
	}
	pairs, records := 0, 0
	for _, ev := range files {
		twin := strings.TrimSuffix(ev, filepath.Ext(ev)) + ".json"
		want, err := readTwin(twin)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", twin, err)
		}
		got, errs, _ := readAll(t, ev)
		for _, e := range errs {
			t.Errorf("%v", e)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d records, twin has %d", ev, len(got), len(want))
			continue
		}
		for i := range got {
			for _, k := range knownTwinDiffs[filepath.Base(ev)] {
				delete(got[i].Fields, k)
				delete(want[i], k)
			}
			if diff := diffFields(got[i].Fields, want[i]); diff != "" {
				t.Errorf("%s record %d: EVTX vs JSON twin: %s", rel(root, ev), got[i].ID, diff)
			}
		}
		pairs++
		records += len(got)
	}
	t.Logf("%d EVTX/JSON pairs, %d records compared", pairs, records)
	if pairs == 0 {
		t.Fatal("no EVTX/JSON pair found")
	}
}

// knownTwinDiffs lists fields where a twin was not made from its EVTX by
// evtx_dump. ad691d92 (RTLO rule): the JSON has a 9-digit SystemTime, which
// evtx_dump never writes, and "Explorer.exe" where the EVTX record holds
// "Explorer.EXE"; every other field agrees. The EVTX is the ground truth.
var knownTwinDiffs = map[string][]string{
	"ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx": {"ParentCommandLine", "TimeCreated"},
}

// readTwin decodes the concatenated JSON objects of a twin file and
// flattens each with FromEvtxDump.
func readTwin(path string) ([]map[string]any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.UseNumber()
	var out []map[string]any
	for {
		var m map[string]any
		if err := dec.Decode(&m); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		flat, ok := winevent.FromEvtxDump(m)
		if !ok {
			return nil, errors.New("object is not evtx_dump shaped")
		}
		out = append(out, flat)
	}
}

// diffFields compares two canonical maps by key set and value text.
func diffFields(got, want map[string]any) string {
	var d []string
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			d = append(d, "missing "+k+"="+winevent.Text(w))
		} else if winevent.Text(g) != winevent.Text(w) {
			d = append(d, k+": "+winevent.Text(g)+" != "+winevent.Text(w))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			d = append(d, "extra "+k+"="+winevent.Text(g))
		}
	}
	sort.Strings(d)
	return strings.Join(d, "; ")
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil {
		return r
	}
	return p
}
