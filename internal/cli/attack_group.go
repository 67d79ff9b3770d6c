package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/attack"
)

func newAttackGroupCmd(e *env) *cobra.Command {
	var format, domain string
	var withSoftware bool
	cmd := &cobra.Command{
		Use:   "group ID|NAME|ALIAS",
		Short: "Show a threat group's techniques, each with its provenance (direct, campaign, software)",
		Long: `Show an ATT&CK group and the techniques it uses: directly, through the
campaigns attributed to it, and with --include-software through the software it
(or its campaigns) use. Every technique lists each path that brings it.`,
		Example: "  vigil attack group G0016\n  vigil attack group 'Cozy Bear' --include-software --format json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dom, err := domainFlag(domain)
			if err != nil {
				return err
			}
			kb, err := e.loadKB()
			if err != nil {
				return err
			}
			ref, err := kb.Find("group", strings.Join(args, " "), dom)
			if err != nil {
				return err
			}
			rep := ref.GroupReport(withSoftware)
			if format == "json" {
				return writeJSON(e.stdout, rep)
			}
			printGroup(e.stdout, rep)
			return nil
		},
	}
	addFormat(cmd, &format, "table", "json")
	cmd.Flags().StringVar(&domain, "domain", "", "enterprise, mobile or ics (default: search all, enterprise first)")
	cmd.Flags().BoolVar(&withSoftware, "include-software", false, "also list techniques of the software the group uses")
	return cmd
}

func printGroup(w io.Writer, r attack.GroupReport) {
	if r.ResolvedFrom != nil {
		fmt.Fprintf(w, "note: %s %s is revoked; showing its replacement\n\n", r.ResolvedFrom.ID, r.ResolvedFrom.Name)
	}
	fmt.Fprintf(w, "%s  %s\n  %s\n", r.ID, r.Name, r.URL)
	field(w, "Aliases", strings.Join(r.Aliases, ", "))
	var camps []string
	for _, c := range r.Campaigns {
		camps = append(camps, fmt.Sprintf("%s %s (%s..%s)", c.ID, c.Name, day(c.FirstSeen), day(c.LastSeen)))
	}
	field(w, "Campaigns", strings.Join(camps, "; "))
	field(w, "Software", joinRefs(r.Software, 15))
	if r.Description != "" {
		fmt.Fprintf(w, "\n%s\n", wrap(r.Description, 78, "  "))
	}
	fmt.Fprintf(w, "\nTechniques (%d)\n", len(r.Techniques))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tTACTICS\tVIA")
	for _, t := range r.Techniques {
		var via []string
		for _, p := range t.Provenance {
			if p.Kind == "direct" {
				via = append(via, "direct")
			} else {
				via = append(via, p.Kind+" "+p.ID)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.ID, t.Name, strings.Join(t.Tactics, ","), strings.Join(via, ", "))
	}
	tw.Flush()
}

func day(ts string) string {
	if len(ts) >= 10 {
		return ts[:10]
	}
	return ts
}
