package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder owned by the Sigma engine work; replaced entirely there.
func newRulesCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "rules", Short: "Lint and test Sigma rules", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return errors.New("rules: not built yet") }}
}
