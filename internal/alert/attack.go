package alert

import (
	"strings"

	"github.com/vigil-sec/vigil/internal/attack"
)

// TagResolver resolves one ATT&CK tag; *attack.KB satisfies it.
type TagResolver interface {
	ResolveTag(tag string) attack.TagResolution
}

// AttackFromKB derives the ATT&CK context of a rule's tags through the
// knowledge base: revoked techniques become their replacements and renamed
// tactics their current names (attack.defense_evasion → stealth), each change
// noted, so alerts speak the ATT&CK version vigil reports in. When the rule
// names techniques but no tactic, the techniques' tactics are used.
func AttackFromKB(kb TagResolver, tags []string) Attack {
	a := Attack{Techniques: []string{}, Tactics: []string{}}
	var techTactics []string
	add := func(list *[]string, v string) {
		for _, x := range *list {
			if x == v {
				return
			}
		}
		*list = append(*list, v)
	}
	for _, t := range tags {
		if !strings.HasPrefix(strings.ToLower(t), "attack.") {
			continue
		}
		r := kb.ResolveTag(t)
		switch r.Kind {
		case "technique":
			add(&a.Techniques, r.Technique.ID)
			for _, id := range r.EarlierIDs {
				add(&a.EarlierIDs, id)
			}
			for _, tac := range r.Tactics {
				add(&techTactics, tac.Shortname)
			}
		case "tactic":
			add(&a.Tactics, r.Tactics[0].Shortname)
		case "unknown":
			a.Notes = append(a.Notes, "unknown ATT&CK tag "+t)
		}
		if r.Note != "" {
			a.Notes = append(a.Notes, r.Note)
		}
	}
	if len(a.Tactics) == 0 {
		a.Tactics = append(a.Tactics, techTactics...)
	}
	return a
}
