package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder owned by the Sigma engine work; replaced entirely there.
func newScanCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "scan", Short: "Scan logs with Sigma rules", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return errors.New("scan: not built yet") }}
}
