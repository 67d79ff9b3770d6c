package cli

import (
	"github.com/vigil-sec/vigil/internal/assess"
)

// writeHTMLReport renders the self-contained HTML report (internal/report).
func writeHTMLReport(e *env, a *assess.Assessment, path string) error {
	return usagef("--html: the HTML report is not in this build yet")
}
