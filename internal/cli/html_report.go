package cli

import (
	"fmt"
	"os"

	"github.com/vigil-sec/vigil/internal/assess"
	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/report"
)

// writeHTMLReport renders the self-contained HTML report (internal/report).
func writeHTMLReport(e *env, a *assess.Assessment, path string) error {
	kb, err := e.loadKB()
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--html: %w", err)
	}
	if err := report.WriteHTML(f, a, kb.Domain(attack.Enterprise)); err != nil {
		f.Close()
		return fmt.Errorf("--html: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--html: %w", err)
	}
	fmt.Fprintf(e.stderr, "vigil: wrote HTML report %s\n", path)
	return nil
}
