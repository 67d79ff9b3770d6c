package sigma

import (
	"strings"

	"github.com/vigil-sec/vigil/internal/diag"
)

// AttackTagCheck says what the ATT&CK knowledge base makes of one tag:
// known is false when the tag names no technique, tactic, group or software;
// note explains a revocation or rename ("T1562.001 was revoked; replaced by
// T1685 …"). Package sigma does not import the knowledge base; the caller
// adapts it.
type AttackTagCheck func(tag string) (known bool, note string)

// CheckAttackTags warns, at the tag's position, about attack.* tags that do
// not resolve or that resolve through a revocation or rename. Warnings only:
// a rule with a stale tag still detects what it detects.
func CheckAttackTags(d *Document, check AttackTagCheck) {
	for i, t := range d.Meta.Tags {
		if !strings.HasPrefix(t, "attack.") || !tagRE.MatchString(t) {
			continue
		}
		at := d.Meta.Range
		if i < len(d.Meta.TagRanges) {
			at = d.Meta.TagRanges[i]
		}
		known, note := check(t)
		switch {
		case !known:
			d.Diags.Add(diag.Diagnostic{Severity: diag.Warning, Code: CodeAttackUnknown, Range: at,
				Summary: "ATT&CK tag " + t + " names no technique, tactic, group or software",
				Detail:  "check the ID against `vigil attack search`; coverage reports ignore this tag",
				RuleID:  d.Meta.ID, Title: d.Meta.Title})
		case note != "":
			d.Diags.Add(diag.Diagnostic{Severity: diag.Warning, Code: CodeAttackChanged, Range: at,
				Summary: "ATT&CK tag " + t + ": " + note,
				Detail:  "update or drop the tag: ATT&CK changed it as the summary says (alerts and coverage already use the current name)",
				RuleID:  d.Meta.ID, Title: d.Meta.Title})
		}
	}
	d.Diags.Sort()
}
