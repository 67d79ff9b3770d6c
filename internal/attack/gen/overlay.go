package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/vigil-sec/vigil/internal/attack"
)

type mispCluster struct {
	Version int `json:"version"`
	Values  []struct {
		UUID        string `json:"uuid"`
		Value       string `json:"value"`
		Description string `json:"description"`
		Revoked     bool   `json:"revoked"`
		Meta        struct {
			ExternalID string   `json:"external_id"`
			KillChain  []string `json:"kill_chain"`
			Platforms  []string `json:"mitre_platforms"`
		} `json:"meta"`
		Related []struct {
			DestUUID string `json:"dest-uuid"`
			Type     string `json:"type"`
		} `json:"related"`
	} `json:"values"`
}

type matrixFile struct {
	Domain  string                 `json:"domain"`
	Version string                 `json:"version"`
	Tactics []attack.OverlayTactic `json:"tactics"`
}

func readGzJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := json.NewDecoder(gz).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// buildOverlay derives the enterprise v19 overlay and a markdown report of it.
func buildOverlay(clusterPath, matrixPath string, base *attack.Domain) (*attack.Overlay, string, error) {
	var c mispCluster
	if err := readGzJSON(clusterPath, &c); err != nil {
		return nil, "", err
	}
	var m matrixFile
	raw, err := os.ReadFile(matrixPath)
	if err != nil {
		return nil, "", err
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, "", fmt.Errorf("%s: %w", matrixPath, err)
	}
	known := map[string]bool{}
	for _, t := range m.Tactics {
		known[t.Shortname] = true
	}
	inBase := map[string]int{}
	for i, t := range base.Techniques {
		inBase[t.STIXID] = i
	}
	ov := &attack.Overlay{Domain: m.Domain, Version: m.Version, Tactics: m.Tactics,
		Source: fmt.Sprintf("MISP galaxy mitre-attack-pattern cluster v%d", c.Version)}
	for _, v := range c.Values {
		id := "attack-pattern--" + v.UUID
		var tactics []string
		enterprise := false
		for _, k := range v.Meta.KillChain {
			plat, tac, ok := strings.Cut(k, ":")
			if ok && strings.HasPrefix(plat, "attack-") {
				enterprise = true
				if !known[tac] {
					return nil, "", fmt.Errorf("%s uses tactic %q, which %s does not list", v.Meta.ExternalID, tac, matrixPath)
				}
				if !contains(tactics, tac) {
					tactics = append(tactics, tac)
				}
			}
		}
		if _, ok := inBase[id]; !enterprise && !ok {
			continue // mobile, PRE-ATT&CK, or an object this domain never had
		}
		ot := attack.OverlayTechnique{STIXID: id, ID: v.Meta.ExternalID, Name: nameOf(v.Value, v.Meta.ExternalID),
			Tactics: tactics, Platforms: v.Meta.Platforms, Revoked: v.Revoked}
		if _, ok := inBase[id]; !ok {
			ot.Description = attack.FirstParagraph(v.Description)
		}
		for _, r := range v.Related {
			switch r.Type {
			case "subtechnique-of":
				ot.Parent = "attack-pattern--" + r.DestUUID
			case "revoked-by":
				ot.RevokedBy = "attack-pattern--" + r.DestUUID
			}
		}
		ov.Techniques = append(ov.Techniques, ot)
	}
	sort.Slice(ov.Techniques, func(i, j int) bool { return ov.Techniques[i].STIXID < ov.Techniques[j].STIXID })
	return ov, report(ov, base, c), nil
}

func nameOf(value, id string) string { return strings.TrimSuffix(value, " - "+id) }

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
