package attack

import (
	"bytes"
	"reflect"
	"testing"
)

func TestSnapshotRoundTrip(t *testing.T) {
	d := bundle(t, "enterprise-attack-17.1.json.gz")
	var buf bytes.Buffer
	if err := WriteSnapshot(&buf, []*Domain{d}, nil); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSnapshot(bytes.NewReader(buf.Bytes()), "mem")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Domains[0], d) {
		t.Fatal("snapshot round trip changed the domain")
	}
	var again bytes.Buffer
	WriteSnapshot(&again, s.Domains, nil)
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("snapshot bytes are not deterministic")
	}
	if _, err := ReadSnapshot(bytes.NewReader(buf.Bytes()[:buf.Len()/2]), "half"); err == nil {
		t.Error("a truncated snapshot loaded")
	}
}

// The committed snapshot must equal a fresh build from ../shared; run
// `go generate ./internal/attack` when this fails.
func TestEmbeddedSnapshotIsFresh(t *testing.T) {
	snap, err := EmbeddedSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"enterprise-attack-18.1.json.gz", "mobile-attack-18.1.json.gz", "ics-attack-18.1.json.gz"} {
		if !reflect.DeepEqual(snap.Domains[i], bundle(t, name)) {
			t.Errorf("embedded %s differs from %s: run go generate ./internal/attack", snap.Domains[i].Name, name)
		}
	}
	if len(snap.Overlays) != 1 || snap.Overlays[0].Version != "19.0" || len(snap.Overlays[0].Techniques) < 800 {
		t.Errorf("embedded overlays: %d", len(snap.Overlays))
	}
}

func BenchmarkLoadEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := Load(Sources{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadBundleEnterprise(b *testing.B) {
	sharedDir(b)
	for b.Loop() {
		if _, err := ReadBundleFile(sharedDir(b) + "/attack/enterprise-attack-18.1.json.gz"); err != nil {
			b.Fatal(err)
		}
	}
}
