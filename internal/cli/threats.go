package cli

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/assess"
	"github.com/vigil-sec/vigil/internal/profile"
	"github.com/vigil-sec/vigil/internal/threat"
)

func newThreatsCmd(e *env) *cobra.Command {
	var prof, format string
	var all bool
	cmd := &cobra.Command{
		Use:   "threats",
		Short: "List the ATT&CK groups that target your sectors and countries, with the evidence",
		Long: `threats matches your profile's sectors and countries against open targeting
data (MISP galaxy: Tidal group records keyed by ATT&CK group ID, and MISP
threat actors linked to ATT&CK groups with link methods of different
strength) and lists every matching group with its evidence and a confidence
that can be taken apart (docs/assessment.md, "Who targets us"). Without
--profile it uses the embedded demo profile (a US health insurer).`,
		Example: "  vigil threats\n  vigil threats --profile me.yml --format json\n  vigil profile init > me.yml",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			p, err := loadProfile(prof)
			if err != nil {
				return err
			}
			kb, err := e.loadKB()
			if err != nil {
				return err
			}
			targeting, err := threat.EmbeddedDataset()
			if err != nil {
				return err
			}
			groups, err := assess.Input{KB: kb, Profile: p, Targeting: targeting}.Threats()
			if err != nil {
				return usagef("%v", err)
			}
			if format == "json" {
				return writeJSON(e.stdout, map[string]any{"organisation": p.Organisation, "sectors": p.Sectors,
					"countries": p.Countries, "min_confidence": p.MinConfidence, "groups": groups})
			}
			return printThreats(e, p, groups, all)
		},
	}
	cmd.Flags().StringVar(&prof, "profile", "", "organisation profile YAML (default: the embedded demo)")
	cmd.Flags().BoolVar(&all, "evidence", false, "print every piece of evidence, not a summary line")
	addFormat(cmd, &format, "table", "json")
	return cmd
}

func printThreats(e *env, p *profile.Profile, groups []threat.GroupMatch, all bool) error {
	fmt.Fprintf(e.stdout, "%d groups target %s (sectors %s; countries %s)\n", len(groups), p.Organisation,
		strings.Join(p.Sectors, ", "), strings.Join(p.Countries, ", "))
	fmt.Fprintln(e.stdout, "confidence = sector score (strongest claim per source record, combined across records) × country factor; docs/assessment.md")
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "GROUP\tNAME\tCONFIDENCE\tSECTOR\tCOUNTRY\tEVIDENCE")
	for _, g := range groups {
		var ev []string
		for _, s := range g.Sectors {
			ev = append(ev, fmt.Sprintf("%s/%s %s=%q (%s, %s→%s)", s.Source, s.Actor, s.Field, s.Value, s.Strength, s.Relation, s.Matched))
		}
		country := g.CountryNote
		if len(g.Countries) > 0 {
			country = fmt.Sprintf("%s via %s %s", g.Countries[0].Matched, g.Countries[0].Source, g.Countries[0].Field)
		}
		line := strings.Join(ev, "; ")
		if !all && len(ev) > 2 {
			line = strings.Join(ev[:2], "; ") + fmt.Sprintf("; … %d more (--evidence)", len(ev)-2)
		}
		if g.Added {
			line = "added by the profile"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.2f\t%s | %s\n", g.ID, g.Name, g.Confidence, g.SectorScore, g.CountryFactor, country, line)
	}
	return tw.Flush()
}

func newProfileCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "profile",
		Short:   "Create the organisation profile assessments start from",
		Example: "  vigil profile init > profile.yml\n  vigil profile init --output profile.yml",
		Args:    cobra.NoArgs,
		RunE:    func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	var out string
	initCmd := &cobra.Command{
		Use:     "init",
		Short:   "Write a commented profile template",
		Example: "  vigil profile init > profile.yml",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if out == "" {
				_, err := fmt.Fprint(e.stdout, profileTemplate())
				return err
			}
			if _, err := os.Stat(out); err == nil {
				return usagef("--output %s exists; not overwriting it", out)
			}
			return os.WriteFile(out, []byte(profileTemplate()), 0o644)
		},
	}
	initCmd.Flags().StringVar(&out, "output", "", "write to FILE instead of stdout (never overwrites)")
	cmd.AddCommand(initCmd)
	return cmd
}
