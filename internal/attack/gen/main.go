// Command gen builds vigil's embedded ATT&CK snapshot from ../shared: the
// enterprise, mobile and ICS 18.1 STIX bundles plus a v19 overlay derived from
// the MISP galaxy ATT&CK v19 clusters. It also writes the documented old→new
// technique ID map. Run it with `go generate ./internal/attack`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/vigil-sec/vigil/internal/attack"
)

func main() {
	shared := flag.String("shared", "../../../shared", "path to the shared data folder")
	out := flag.String("out", "data/attack.snapshot.gz", "snapshot to write")
	mapOut := flag.String("map", "", "markdown file for the v19 old→new ID map")
	flag.Parse()
	if err := run(*shared, *out, *mapOut); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(shared, out, mapOut string) error {
	var domains []*attack.Domain
	for _, f := range []string{"enterprise-attack-18.1.json.gz", "mobile-attack-18.1.json.gz", "ics-attack-18.1.json.gz"} {
		d, err := attack.ReadBundleFile(filepath.Join(shared, "attack", f))
		if err != nil {
			return err
		}
		domains = append(domains, d)
	}
	ov, report, err := buildOverlay(filepath.Join(shared, "misp-galaxy", "mitre-attack-pattern.json.gz"), filepath.Join("gen", "v19-matrix.json"), domains[0])
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := attack.WriteSnapshot(f, domains, []*attack.Overlay{ov}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if mapOut != "" {
		return os.WriteFile(mapOut, []byte(report), 0o644)
	}
	return nil
}
