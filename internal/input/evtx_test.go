package input

import (
	"os"
	"path/filepath"
	"testing"
)

func sharedEVTX(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "corpora", "benign-evtx", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpora not present (%s)", p)
	}
	return p
}

func TestEVTXByContent(t *testing.T) {
	// Copy under a name without .evtx: detection must not rely on the extension.
	src := sharedEVTX(t, "benign/sysmon.evtx")
	data, _ := os.ReadFile(src)
	p := write(t, t.TempDir(), "exported.log", data)
	s, err := Open(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, skips := readAll(t, s)
	if s.Format() != FormatEVTX || len(recs) != 358 || len(skips) != 0 {
		t.Fatalf("format %s, %d records, %d skips", s.Format(), len(recs), len(skips))
	}
	r := recs[0]
	if r.RecordID == 0 || r.Offset == 0 || r.Map()["Channel"] != "Microsoft-Windows-Sysmon/Operational" || r.Map()["EventID"] == nil {
		t.Errorf("record: id %d offset %d event %v", r.RecordID, r.Offset, r.Map())
	}
}

func TestDamagedEVTXCarriesOn(t *testing.T) {
	s, err := Open(sharedEVTX(t, "parser-edge-cases/sample_with_a_bad_chunk_magic.evtx"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, skips := readAll(t, s)
	if len(recs) < 270 || len(skips) == 0 {
		t.Fatalf("%d records, %d skips; the README says 270 records are readable around one bad chunk", len(recs), len(skips))
	}
	if re, ok := skips[0].(*RecordError); !ok || re.Where == "" || re.Reason == "" {
		t.Errorf("skip %v does not say where and why", skips[0])
	}
}
