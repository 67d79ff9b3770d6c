package attack

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const miniCollection = `{"type":"x-mitre-collection","id":"x-mitre-collection--1","name":"Enterprise ATT&CK","x_mitre_version":"%s","x_mitre_attack_spec_version":"3.3.0"}`

func TestBadBundles(t *testing.T) {
	coll := strings.Replace(miniCollection, "%s", "18.1", 1)
	matrix := `{"type":"x-mitre-matrix","id":"x-mitre-matrix--1","external_references":[{"source_name":"mitre-attack","external_id":"enterprise-attack"}],"tactic_refs":[]}`
	cases := []struct{ name, data, want string }{
		{"empty", "", "unexpected end of file"},
		{"garbage", "\x00\x01\x02binary", "not JSON"},
		{"array", `[1,2]`, "not a STIX bundle"},
		{"not bundle", `{"type":"indicator","objects":[{}]}`, `"type" is "indicator"`},
		{"stix 2.0", `{"type":"bundle","spec_version":"2.0","objects":[{"type":"attack-pattern"}]}`, "STIX 2.0"},
		{"no objects", `{"type":"bundle","objects":[]}`, "no objects"},
		{"truncated", `{"type":"bundle","objects":[` + coll + `,{"type":"attack-pat`, "unexpected end of file"},
		{"not attack", `{"type":"bundle","objects":[{"type":"indicator","id":"indicator--1"}]}`, "not an ATT&CK bundle"},
		{"no collection", `{"type":"bundle","objects":[` + matrix + `]}`, "no x-mitre-collection"},
		{"too old", `{"type":"bundle","objects":[` + strings.Replace(miniCollection, "%s", "16.1", 1) + `,` + matrix + `]}`, "too old"},
		{"bad gzip", "\x1f\x8bnot really", "gzip"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadBundle(strings.NewReader(c.data), "bad.json")
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want *FormatError", err)
			}
			if fe.File != "bad.json" || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bad.json") {
				t.Errorf("error %q, want file name and %q", err, c.want)
			}
		})
	}
}

func TestTruncatedRealBundleNamesOffset(t *testing.T) {
	path := filepath.Join(sharedDir(t), "attack", "ics-attack-18.1.json.gz")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gz, _ := gzip.NewReader(bytes.NewReader(raw))
	var plain bytes.Buffer
	plain.ReadFrom(gz)
	cut := plain.Bytes()[:plain.Len()/2]
	_, err = ReadBundle(bytes.NewReader(cut), "ics-half.json")
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Offset <= 0 || fe.Offset > int64(len(cut)) {
		t.Fatalf("error %v: want a FormatError with an offset inside the file", err)
	}
}

func FuzzReadBundle(f *testing.F) {
	f.Add([]byte(`{"type":"bundle","objects":[` + strings.Replace(miniCollection, "%s", "18.1", 1) + `]}`))
	f.Add([]byte(`{"type":"bundle","objects":[{"type":"relationship","source_ref":"a","target_ref":"b","relationship_type":"revoked-by"}]}`))
	f.Add([]byte(`{"type":"bundle","spec_version":"2.1","objects":[{"type":"x-mitre-matrix","external_references":[{"source_name":"mitre-attack","external_id":"ics-attack"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ReadBundle(bytes.NewReader(data), "fuzz")
		if err == nil {
			d.Stats()
			d.TacticsReport()
			kb, _ := NewKB(d)
			kb.Search("a")
			for i := range d.Techniques {
				Ref{d, "technique", int32(i)}.TechniqueReport()
			}
			for i := range d.Groups {
				Ref{d, "group", int32(i)}.GroupReport(true)
			}
		}
	})
}
