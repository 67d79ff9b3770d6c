package winevent

import (
	"bufio"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func corpora(t *testing.T) string {
	t.Helper()
	c := filepath.Join("..", "..", "..", "shared", "corpora")
	if _, err := os.Stat(c); err != nil {
		t.Skipf("shared corpora not found at %s (../shared beside the repo root); skipping", c)
	}
	return c
}

// TestNormaliseMordor: flat Security-Datasets events get the canonical
// names (Provider_Name, Computer, ...) a rule expects, keep every original
// key, and a Sysmon process-creation event carries the same field names as
// the evtx_dump twin of one.
func TestNormaliseMordor(t *testing.T) {
	root := filepath.Join(corpora(t), "security-datasets", "datasets")
	twin := sysmonTwin(t, filepath.Join(corpora(t), "sigma", "regression_data"))
	core := []string{"EventID", "Channel", "Computer"}
	sysmon1 := []string{"Image", "CommandLine", "ParentImage", "ParentCommandLine", "User", "ProcessId", "Hashes", "IntegrityLevel"}
	events, seen1 := 0, 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for n := 0; n < 200 && sc.Scan(); n++ {
			d := json.NewDecoder(strings.NewReader(sc.Text()))
			d.UseNumber()
			var m map[string]any
			if d.Decode(&m) != nil || m["EventID"] == nil {
				continue
			}
			orig := make([]string, 0, len(m))
			for k := range m {
				orig = append(orig, k)
			}
			got := Normalise(m)
			for _, k := range orig {
				if _, ok := got[k]; !ok {
					t.Fatalf("%s: Normalise dropped %s", p, k)
				}
			}
			for _, k := range core {
				if _, ok := got[k]; !ok {
					t.Errorf("%s: no %s after Normalise (keys %v)", p, k, orig)
					return nil
				}
			}
			// One dataset exports Security events without any provider
			// field; Normalise does not invent one (Security has several).
			_, hasSource := m["SourceName"]
			if _, ok := got["Provider_Name"]; !ok && (hasSource || strings.Contains(Text(got["Channel"]), "Sysmon")) {
				t.Errorf("%s: no Provider_Name after Normalise", p)
			}
			if Text(got["Channel"]) == "security" {
				t.Errorf("%s: lower-case security channel kept", p)
			}
			if Text(got["EventID"]) == "1" && Text(got["Channel"]) == "Microsoft-Windows-Sysmon/Operational" {
				seen1++
				for _, k := range sysmon1 {
					if _, ok := got[k]; !ok {
						t.Errorf("%s: Sysmon 1 without %s", p, k)
					}
					if _, ok := twin[k]; !ok {
						t.Errorf("evtx_dump Sysmon 1 twin without %s", k)
					}
				}
			}
			events++
		}
		return nil
	})
	if events == 0 || seen1 == 0 {
		t.Fatalf("checked %d events, %d Sysmon 1", events, seen1)
	}
	t.Logf("%d flat events normalised, %d Sysmon process creations compared with the evtx_dump twin", events, seen1)
}

// sysmonTwin returns the flattened evtx_dump JSON of one Sysmon EventID 1.
func sysmonTwin(t *testing.T, root string) map[string]any {
	var found map[string]any
	filepath.WalkDir(filepath.Join(root, "rules", "windows", "process_creation"), func(p string, d fs.DirEntry, err error) error {
		if found != nil || err != nil || !strings.HasSuffix(p, ".json") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		dec := json.NewDecoder(f)
		dec.UseNumber()
		for {
			var m map[string]any
			if err := dec.Decode(&m); err == io.EOF || err != nil {
				return nil
			}
			if flat, ok := FromEvtxDump(m); ok && Text(flat["EventID"]) == "1" && Text(flat["Provider_Name"]) == "Microsoft-Windows-Sysmon" {
				found = flat
				return nil
			}
		}
	})
	if found == nil {
		t.Skip("no Sysmon 1 evtx_dump twin found")
	}
	return found
}
