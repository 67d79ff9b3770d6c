package attack

import (
	"fmt"
	"strconv"
	"strings"
)

// Overlay carries a newer ATT&CK release's technique catalogue onto an older
// bundle when the newer bundle itself is not available (the embedded v19 view
// is built from MISP galaxy clusters). It changes names, tactics, platforms,
// parents and revocations, adds new techniques, and moves every relationship
// that pointed at a now-revoked technique onto its replacement.
type Overlay struct {
	Domain     string
	Version    string // release the overlay describes, e.g. "19.0"
	Source     string // where it was derived from, shown to users
	Tactics    []OverlayTactic
	Techniques []OverlayTechnique
}

// OverlayTactic is one column of the newer matrix, in order.
type OverlayTactic struct {
	ID, Shortname, Name string
	Replaces            string // shortname this tactic takes over, e.g. stealth replaces defense-evasion
}

// OverlayTechnique is a technique as the newer release has it.
type OverlayTechnique struct {
	STIXID, ID, Name, Description string
	Tactics, Platforms            []string
	Parent                        string // STIX id of the parent technique, or ""
	Revoked                       bool
	RevokedBy                     string // STIX id of the replacement, or ""
}

func majorOf(v string) int {
	n, _ := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
	return n
}

// AppliesTo reports whether the overlay is newer than the domain's release.
func (o *Overlay) AppliesTo(d *Domain) bool {
	return o != nil && d.Name == o.Domain && d.MajorVersion() < majorOf(o.Version)
}

// Apply rewrites d in place into the overlay's view.
func (o *Overlay) Apply(d *Domain) error {
	if !o.AppliesTo(d) {
		return fmt.Errorf("overlay %s %s does not apply to %s %s", o.Domain, o.Version, d.Name, d.Version)
	}
	renamed := o.applyTactics(d)
	for from, to := range renamed {
		d.Renamed = append(d.Renamed, TacticRename{from, to})
	}
	pos := map[string]int32{}
	for i, t := range d.Techniques {
		pos[t.STIXID] = int32(i)
	}
	for _, ot := range o.Techniques {
		i, ok := pos[ot.STIXID]
		if !ok {
			i = int32(len(d.Techniques))
			d.Techniques = append(d.Techniques, Technique{Meta: Meta{STIXID: ot.STIXID, RevokedBy: None,
				URL: techniqueURL(ot.ID)}, Parent: None})
			pos[ot.STIXID] = i
		}
		t := &d.Techniques[i]
		t.ID, t.Name, t.Revoked = ot.ID, ot.Name, ot.Revoked
		if ot.Description != "" {
			t.Description = ot.Description
		}
		if len(ot.Tactics) > 0 || !ot.Revoked {
			t.Tactics = ot.Tactics
		}
		if len(ot.Platforms) > 0 {
			t.Platforms = ot.Platforms
		}
	}
	for _, ot := range o.Techniques {
		t := &d.Techniques[pos[ot.STIXID]]
		if p, ok := pos[ot.Parent]; ok && ot.Parent != "" {
			t.Parent, t.IsSub = p, true
		}
		if r, ok := pos[ot.RevokedBy]; ok && ot.RevokedBy != "" {
			t.RevokedBy = r
		}
	}
	for i := range d.Techniques {
		t := &d.Techniques[i]
		for j, s := range t.Tactics {
			if n, ok := renamed[s]; ok {
				t.Tactics[j] = n
			}
		}
		t.Tactics = d.orderTactics(t.Tactics)
	}
	d.remapRevokedTargets()
	d.Overlay = fmt.Sprintf("ATT&CK %s view (%s)", o.Version, o.Source)
	d.reindex()
	return nil
}

// applyTactics reorders and renames tactics; it returns old → new shortnames.
func (o *Overlay) applyTactics(d *Domain) map[string]string {
	renamed := map[string]string{}
	byID := map[string]Tactic{}
	for _, t := range d.Tactics {
		byID[t.ID] = t
	}
	var out []Tactic
	used := map[string]bool{}
	for _, ot := range o.Tactics {
		t, ok := byID[ot.ID]
		if !ok {
			t = Tactic{Meta: Meta{ID: ot.ID, RevokedBy: None, URL: "https://attack.mitre.org/tactics/" + ot.ID}}
		}
		if ot.Replaces != "" {
			renamed[ot.Replaces] = ot.Shortname
		}
		if t.Shortname != "" && t.Shortname != ot.Shortname {
			renamed[t.Shortname] = ot.Shortname
		}
		t.Name, t.Shortname = ot.Name, ot.Shortname
		used[ot.ID] = true
		out = append(out, t)
	}
	for _, t := range d.Tactics {
		if !used[t.ID] {
			t.Deprecated = true // the newer matrix no longer lists it
			out = append(out, t)
		}
	}
	d.Tactics = out
	return renamed
}

// remapRevokedTargets moves technique-targeting edges onto live replacements.
func (d *Domain) remapRevokedTargets() {
	for i := range d.Edges {
		if e := &d.Edges[i]; e.Kind.targetsTechnique() {
			e.To = d.live(e.To)
		}
	}
	d.Edges = sortEdges(d.Edges)
}

// live follows revoked-by from technique t to its current replacement.
func (d *Domain) live(t int32) int32 {
	for hops := 0; hops < 16 && d.Techniques[t].Revoked && d.Techniques[t].RevokedBy != None; hops++ {
		t = d.Techniques[t].RevokedBy
	}
	return t
}

func techniqueURL(id string) string {
	return "https://attack.mitre.org/techniques/" + strings.ReplaceAll(id, ".", "/")
}
