package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/attack"
)

func newAttackTechniqueCmd(e *env) *cobra.Command {
	var format, domain string
	cmd := &cobra.Command{
		Use:   "technique ID|NAME",
		Short: "Show a technique: tactics, platforms, detection strategies, groups, software, mitigations",
		Long: `Show one technique or sub-technique. A revoked ID (for example T1562.001,
revoked in ATT&CK v19) leads to its replacement and says so.`,
		Example: "  vigil attack technique T1059.001\n  vigil attack technique 'OS Credential Dumping' --format json\n  vigil attack technique T1562.001",
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
			ref, err := kb.Find("technique", strings.Join(args, " "), dom)
			if err != nil {
				return err
			}
			rep := ref.TechniqueReport()
			if format == "json" {
				return writeJSON(e.stdout, rep)
			}
			printTechnique(e.stdout, rep)
			return nil
		},
	}
	addFormat(cmd, &format, "table", "json")
	cmd.Flags().StringVar(&domain, "domain", "", "enterprise, mobile or ics (default: search all, enterprise first)")
	return cmd
}

func printTechnique(w io.Writer, r attack.TechniqueReport) {
	if r.ResolvedFrom != nil {
		fmt.Fprintf(w, "note: %s %s is revoked; showing its replacement\n\n", r.ResolvedFrom.ID, r.ResolvedFrom.Name)
	}
	fmt.Fprintf(w, "%s  %s\n", r.ID, r.Name)
	fmt.Fprintf(w, "  %s\n", r.URL)
	var tactics []string
	for _, t := range r.Tactics {
		tactics = append(tactics, fmt.Sprintf("%s (%s)", t.Name, t.ID))
	}
	field(w, "Tactics", strings.Join(tactics, ", "))
	field(w, "Platforms", strings.Join(r.Platforms, ", "))
	if r.Parent != nil {
		field(w, "Parent", r.Parent.ID+" "+r.Parent.Name)
	}
	if len(r.Subtechniques) > 0 {
		field(w, "Sub-techniques", joinRefs(r.Subtechniques, 0))
	}
	field(w, "Data", strings.TrimSuffix(fmt.Sprintf("%s %s; %s", r.Domain, r.Version, r.View), "; "))
	if r.Description != "" {
		fmt.Fprintf(w, "\n%s\n", wrap(r.Description, 78, "  "))
	}
	fmt.Fprintf(w, "\nDetection (%s)\n", r.Detection.Model)
	for _, s := range r.Detection.Strategies {
		fmt.Fprintf(w, "  %s %s\n", s.ID, s.Name)
		for _, a := range s.Analytics {
			fmt.Fprintf(w, "    %s [%s]\n", a.ID, strings.Join(a.Platforms, ", "))
			for _, ls := range a.LogSources {
				fmt.Fprintf(w, "      %s %s -> %s %s\n", ls.Name, ls.Channel, ls.DataComponent.ID, ls.DataComponent.Name)
			}
		}
	}
	if len(r.Detection.Strategies) == 0 {
		for _, c := range r.Detection.DataComponents {
			src := ""
			if c.DataSource != nil {
				src = " (" + c.DataSource.Name + ")"
			}
			fmt.Fprintf(w, "  %s%s\n", c.Name, src)
		}
	}
	fmt.Fprintln(w)
	section(w, "Groups", r.Groups)
	section(w, "Campaigns", r.Campaigns)
	section(w, "Software", r.Software)
	section(w, "Mitigations", r.Mitigations)
}

func field(w io.Writer, k, v string) {
	if v == "" {
		v = "-"
	}
	fmt.Fprintf(w, "  %-15s %s\n", k+":", v)
}

func section(w io.Writer, title string, refs []attack.ObjectRef) {
	fmt.Fprintf(w, "%s (%d): %s\n", title, len(refs), joinRefs(refs, 12))
}

// joinRefs lists "ID Name" items, eliding past limit (0 = no limit).
func joinRefs(refs []attack.ObjectRef, limit int) string {
	if len(refs) == 0 {
		return "-"
	}
	var parts []string
	for i, r := range refs {
		if limit > 0 && i == limit {
			parts = append(parts, fmt.Sprintf("… %d more (--format json lists all)", len(refs)-limit))
			break
		}
		parts = append(parts, r.ID+" "+r.Name)
	}
	return strings.Join(parts, ", ")
}

// wrap breaks text into lines of at most width columns, each indented.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	b.WriteString(line)
	return b.String()
}
