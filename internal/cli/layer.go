package cli

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/navigator"
)

func newLayerCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "layer",
		Short:   "Work with ATT&CK Navigator layers",
		Example: "  vigil layer import team-coverage.json\n  vigil assess --coverage-layer team-coverage.json",
		Args:    cobra.NoArgs,
		RunE:    func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	cmd.AddCommand(newLayerImportCmd(e))
	return cmd
}

func newLayerImportCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Read a Navigator layer as coverage input and show what vigil makes of it",
		Long: `import reads an ATT&CK Navigator layer (e.g. a team's existing coverage
layer), checks it against the layer format, resolves its technique IDs to
current ATT&CK (revoked IDs count for their replacement), and prints the
coverage value vigil derives per technique: the score placed within the layer's
gradient range (0-100 without a gradient); an enabled technique without a
score counts fully. Use the same file with 'vigil assess --coverage-layer'.`,
		Example: "  vigil layer import team-coverage.json\n  vigil layer import team-coverage.json --format json",
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			l, err := readLayer(args[0])
			if err != nil {
				return err
			}
			kb, err := e.loadKB()
			if err != nil {
				return err
			}
			problems := navigator.Validate(l)
			for _, p := range problems {
				fmt.Fprintf(e.stderr, "vigil: %s: %v\n", args[0], p)
			}
			cov, notes, err := e.importedCoverage(args[0], kb)
			if err != nil {
				return err
			}
			for _, n := range notes {
				fmt.Fprintf(e.stderr, "vigil: %s: %s\n", args[0], n)
			}
			ids := make([]string, 0, len(cov))
			for id := range cov {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			if format == "json" {
				type row struct {
					Technique string  `json:"technique"`
					Coverage  float64 `json:"coverage"`
				}
				rows := []row{}
				for _, id := range ids {
					rows = append(rows, row{id, cov[id]})
				}
				return writeJSON(e.stdout, map[string]any{"layer": l.Name, "domain": l.Domain, "version": l.Versions.Layer,
					"problems": len(problems), "techniques": rows})
			}
			fmt.Fprintf(e.stdout, "%s (%s, layer format %s): %d techniques, %d format problems\n", l.Name, l.Domain, l.Versions.Layer, len(ids), len(problems))
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "TECHNIQUE\tCOVERAGE")
			for _, id := range ids {
				fmt.Fprintf(tw, "%s\t%.2f\n", id, cov[id])
			}
			return tw.Flush()
		},
	}
	addFormat(cmd, &format, "table", "json")
	return cmd
}
