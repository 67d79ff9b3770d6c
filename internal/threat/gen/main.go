// Command gen compacts ../shared/misp-galaxy/group-targeting.json.gz (the
// per-ATT&CK-group join of Tidal and MISP threat-actor records) into the
// evidence list vigil embeds. Run it with `go generate ./internal/threat`.
package main

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/vigil-sec/vigil/internal/threat"
)

type source struct {
	GeneratedFrom map[string]string `json:"generated_from"`
	Groups        map[string]struct {
		Name  string `json:"name"`
		Actor []struct {
			Value    string   `json:"value"`
			Methods  []string `json:"link_methods"`
			Strength string   `json:"link_strength"`
			CFR      []string `json:"cfr-target-category"`
			Targeted []string `json:"targeted-sector"`
			Victims  []string `json:"cfr-suspected-victims"`
			Country  string   `json:"country"`
		} `json:"misp_threat_actor"`
		Tidal *struct {
			Value       string   `json:"value"`
			Categories  []string `json:"target_categories"`
			Countries   []string `json:"observed_countries"`
			Country     string   `json:"country"`
			Motivations []string `json:"observed_motivations"`
		} `json:"tidal"`
	} `json:"groups"`
}

func main() {
	in := flag.String("in", "", "group-targeting.json.gz")
	out := flag.String("out", "data/targeting.json.gz", "output")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	var src source
	if err := json.NewDecoder(gz).Decode(&src); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	ds := threat.Dataset{Source: "MISP galaxy (CC0/BSD-2): tidal-groups, threat-actor, mitre-intrusion-set clusters, joined to ATT&CK 18.1 groups"}
	for id, g := range src.Groups {
		gt := threat.GroupTargeting{ID: id, Name: g.Name}
		origin := map[string]bool{}
		if t := g.Tidal; t != nil {
			ev := func(field, v string) threat.Evidence {
				return threat.Evidence{Source: "tidal", Actor: t.Value, Link: "group_attack_id", Strength: "direct", Field: field, Value: v}
			}
			for _, v := range t.Categories {
				gt.Sectors = append(gt.Sectors, ev("target_categories", v))
			}
			for _, v := range t.Countries {
				gt.Countries = append(gt.Countries, ev("observed_countries", v))
			}
			if t.Country != "" {
				origin[t.Country] = true
			}
			gt.Motivations = append(gt.Motivations, t.Motivations...)
		}
		for _, a := range g.Actor {
			ev := func(field, v string) threat.Evidence {
				return threat.Evidence{Source: "misp", Actor: a.Value, Link: strings.Join(a.Methods, "+"), Strength: a.Strength, Field: field, Value: strings.TrimSpace(v)}
			}
			for _, v := range a.CFR {
				gt.Sectors = append(gt.Sectors, ev("cfr-target-category", v))
			}
			for _, v := range a.Targeted {
				gt.Sectors = append(gt.Sectors, ev("targeted-sector", v))
			}
			for _, v := range a.Victims {
				gt.Countries = append(gt.Countries, ev("cfr-suspected-victims", v))
			}
			if a.Country != "" && a.Strength != "weak" {
				origin[a.Country] = true
			}
		}
		for c := range origin {
			gt.Origin = append(gt.Origin, c)
		}
		sort.Strings(gt.Origin)
		if len(gt.Sectors)+len(gt.Countries) > 0 {
			ds.Groups = append(ds.Groups, gt)
		}
	}
	sort.Slice(ds.Groups, func(i, j int) bool { return ds.Groups[i].ID < ds.Groups[j].ID })
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	w, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	if err := json.NewEncoder(w).Encode(ds); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return o.Close()
}
