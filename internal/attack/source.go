package attack

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Sources says where to take ATT&CK data from, in order of preference:
// explicit bundle files, then snapshots stored by `vigil attack update` in
// StoreDir, then the embedded snapshot. Overlays from the embedded snapshot
// apply to any domain older than them.
type Sources struct {
	Files    []string // STIX bundles (--attack-data)
	StoreDir string   // per-user store, "" to skip
}

// Load builds the knowledge base from s.
func Load(s Sources) (*KB, error) {
	snap, err := EmbeddedSnapshot()
	if err != nil {
		return nil, err
	}
	kb := &KB{}
	for _, d := range snap.Domains {
		kb.Put(d)
	}
	stored, err := readStore(s.StoreDir)
	if err != nil {
		return nil, err
	}
	for _, d := range stored {
		kb.Put(d)
	}
	seen := map[string]string{}
	for _, f := range s.Files {
		d, err := ReadBundleFile(f)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[d.Name]; ok {
			return nil, fmt.Errorf("%s and %s are both %s bundles; give one per domain", prev, f, d.Name)
		}
		seen[d.Name] = f
		kb.Put(d)
	}
	for _, d := range kb.Domains {
		for _, o := range snap.Overlays {
			if o.AppliesTo(d) {
				if err := o.Apply(d); err != nil {
					return nil, err
				}
			}
		}
	}
	return kb, nil
}

// DefaultStoreDir is where `vigil attack update` keeps newer data.
func DefaultStoreDir() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "vigil", "attack")
}

func storePath(dir, domain string) string { return filepath.Join(dir, domain+".snapshot.gz") }

func readStore(dir string) ([]*Domain, error) {
	if dir == "" {
		return nil, nil
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.snapshot.gz"))
	sort.Strings(paths)
	var out []*Domain
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		s, err := ReadSnapshot(f, p)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, s.Domains...)
	}
	return out, nil
}

// Store validates a bundle and saves it, pre-built, in dir for later loads.
func Store(dir, bundle string) (*Domain, string, error) {
	if dir == "" {
		return nil, "", errors.New("no user config directory to store ATT&CK data in")
	}
	d, err := ReadBundleFile(bundle)
	if err != nil {
		return nil, "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", err
	}
	path := storePath(dir, d.Name)
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return nil, "", err
	}
	if err := WriteSnapshot(f, []*Domain{d}, nil); err != nil {
		f.Close()
		return nil, "", err
	}
	if err := f.Close(); err != nil {
		return nil, "", err
	}
	return d, path, os.Rename(tmp, path)
}
