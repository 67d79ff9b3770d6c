package attack

import (
	"fmt"
	"regexp"
	"strings"
)

// TagResolution is what an ATT&CK tag (as Sigma writes it) refers to.
type TagResolution struct {
	Tag       string      `json:"tag"`
	Kind      string      `json:"kind"` // technique, tactic, group, software, unknown, or other (not attack.*)
	Domain    string      `json:"domain,omitempty"`
	Technique *ObjectRef  `json:"technique,omitempty"` // the live technique
	Tactics   []TacticRef `json:"tactics,omitempty"`   // the tactic, or the technique's tactics
	Object    *ObjectRef  `json:"object,omitempty"`    // group or software
	Note      string      `json:"note,omitempty"`      // revocation or rename explained
	// EarlierIDs are the IDs under which earlier ATT&CK releases filed the
	// technique, so data labelled against them still lines up.
	EarlierIDs []string `json:"earlier_ids,omitempty"`
}

var (
	tagTechRe = regexp.MustCompile(`^t\d{4}(\.\d{3})?$`)
	// other ATT&CK object tags: group, software, campaign, mitigation, data source, data component
	tagObjectRe = regexp.MustCompile(`^(g|s|c|m|ds|dc)\d{4}$`)
)

var objectTagKinds = map[string]string{"g": "group", "s": "software", "c": "campaign", "m": "mitigation", "ds": "data-source", "dc": "data-component"}

// ResolveTag resolves tags such as attack.t1059.001, attack.stealth,
// attack.defense_evasion, attack.g0016 or attack.s0154 against every domain,
// enterprise first. Revoked techniques resolve to their replacements and
// renamed tactics to their new names, with a note saying so.
func (kb *KB) ResolveTag(tag string) TagResolution {
	res := TagResolution{Tag: tag, Kind: "other"}
	rest, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(tag)), "attack.")
	if !ok {
		return res
	}
	res.Kind = "unknown"
	switch {
	case tagTechRe.MatchString(rest):
		ref, err := kb.Find("technique", rest, "")
		if err != nil {
			return res
		}
		d, t := ref.Domain, ref.Pos
		live := d.live(t)
		tech := &d.Techniques[live]
		res.Kind, res.Domain = "technique", d.Name
		tr := d.techRef(live)
		res.Technique, res.Tactics = &tr, d.tacticRefs(tech.Tactics)
		res.EarlierIDs = d.earlierIDs(live)
		if live != t {
			res.Note = fmt.Sprintf("%s was revoked; replaced by %s %s", d.Techniques[t].ID, tech.ID, tech.Name)
		} else if !tech.Active() {
			res.Note = tech.ID + " is deprecated"
		}
	case tagObjectRe.MatchString(rest):
		kind := objectTagKinds[strings.TrimRight(rest, "0123456789")]
		if ref, err := kb.Find(kind, rest, ""); err == nil {
			m := ref.Meta()
			res.Kind, res.Domain, res.Object = kind, ref.Domain.Name, &ObjectRef{ID: m.ID, Name: m.Name}
			if !m.Active() {
				res.Note = m.ID + " is deprecated or revoked in ATT&CK " + ref.Domain.Version
			}
		}
	default:
		short := strings.ReplaceAll(rest, "_", "-")
		for _, d := range kb.Domains {
			if t, ok := d.Tactic(short); ok && t.Active() {
				res.Kind, res.Domain, res.Tactics = "tactic", d.Name, d.tacticRefs([]string{short})
				return res
			}
			for _, rn := range d.Renamed {
				if rn.From == short {
					res.Kind, res.Domain, res.Tactics = "tactic", d.Name, d.tacticRefs([]string{rn.To})
					res.Note = fmt.Sprintf("tactic %s was renamed %s in ATT&CK %s", short, rn.To, d.viewVersion())
					return res
				}
			}
		}
	}
	return res
}

// viewVersion names the release a domain presents: the overlay's if any.
func (d *Domain) viewVersion() string {
	if d.Overlay != "" {
		if f := strings.Fields(d.Overlay); len(f) > 1 {
			return f[1]
		}
	}
	return d.Version
}
