package attack

import (
	"regexp"
	"strings"
)

// Descriptions are shown in a terminal: keep the first paragraph and drop the
// citation markers and markdown link targets that only make sense on the website.
var (
	citationRe = regexp.MustCompile(`\(Citation:[^)]*\)`)
	mdLinkRe   = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	codeTagRe  = regexp.MustCompile(`</?code>`)
)

// FirstParagraph shortens an ATT&CK description for terminal display.
func FirstParagraph(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n\n"); i >= 0 {
		s = s[:i]
	}
	s = citationRe.ReplaceAllString(s, "")
	s = mdLinkRe.ReplaceAllString(s, "$1")
	s = codeTagRe.ReplaceAllString(s, "`")
	return strings.Join(strings.Fields(s), " ")
}

// normalise folds a name for matching: lower case, punctuation as spaces.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127:
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
