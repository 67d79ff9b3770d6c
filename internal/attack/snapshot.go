package attack

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/gob"
	"fmt"
	"io"
)

// snapshotFormat changes whenever the model's serialised shape changes, so an
// old snapshot in a user's config dir is rejected instead of misread.
const snapshotFormat = 1

// Snapshot is the compact, pre-built form of domains and overlays.
type Snapshot struct {
	Format   int
	Domains  []*Domain
	Overlays []*Overlay
}

//go:generate go run ./gen -shared ../../../shared -out data/attack.snapshot.gz -map ../../docs/attack-v19-map.md
//go:embed data/attack.snapshot.gz
var embeddedSnapshot []byte

// WriteSnapshot writes domains and overlays as gzip'd gob. The output is
// deterministic for the same input, so the committed file diffs cleanly.
func WriteSnapshot(w io.Writer, domains []*Domain, overlays []*Overlay) error {
	gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err := gob.NewEncoder(gz).Encode(Snapshot{Format: snapshotFormat, Domains: domains, Overlays: overlays}); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	return gz.Close()
}

// ReadSnapshot reads what WriteSnapshot wrote; name labels errors.
func ReadSnapshot(r io.Reader, name string) (*Snapshot, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, &FormatError{File: name, Offset: 0, Reason: "not a vigil ATT&CK snapshot (bad gzip header)"}
	}
	var s Snapshot
	if err := gob.NewDecoder(gz).Decode(&s); err != nil {
		return nil, &FormatError{File: name, Offset: -1, Reason: "damaged vigil ATT&CK snapshot: " + err.Error()}
	}
	if s.Format != snapshotFormat {
		return nil, &FormatError{File: name, Offset: -1, Reason: fmt.Sprintf("snapshot format %d, this vigil reads %d: run `vigil attack update` again", s.Format, snapshotFormat)}
	}
	for _, d := range s.Domains {
		d.reindex()
	}
	return &s, nil
}

// EmbeddedSnapshot decodes the snapshot compiled into the binary.
func EmbeddedSnapshot() (*Snapshot, error) {
	return ReadSnapshot(bytes.NewReader(embeddedSnapshot), "embedded ATT&CK snapshot")
}
