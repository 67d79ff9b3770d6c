package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is the release name; builds from a checkout report "dev" plus the VCS revision.
const version = "0.1.0-dev"

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print vigil's version and build information",
		Example: "  vigil version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rev := "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				for _, s := range bi.Settings {
					if s.Key == "vcs.revision" {
						rev = s.Value
					}
				}
				fmt.Fprintf(e.stdout, "vigil %s (%s, revision %s)\n", version, bi.GoVersion, rev)
				return nil
			}
			fmt.Fprintf(e.stdout, "vigil %s\n", version)
			return nil
		},
	}
}
