package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// addFormat registers --format with the allowed values, the first being the default.
func addFormat(cmd *cobra.Command, dst *string, allowed ...string) {
	cmd.Flags().StringVar(dst, "format", allowed[0], "output format: "+strings.Join(allowed, "|"))
	prev := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		ok := false
		for _, a := range allowed {
			ok = ok || a == *dst
		}
		if !ok {
			return usagef("--format %q: want one of %s", *dst, strings.Join(allowed, ", "))
		}
		if prev != nil {
			return prev(c, args)
		}
		return nil
	}
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
