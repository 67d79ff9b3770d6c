package cli

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/attack"
)

func newAttackSearchCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "search TEXT",
		Short:   "Find techniques, groups, software, campaigns, mitigations and tactics by ID, name or alias",
		Example: "  vigil attack search kerberos\n  vigil attack search 'cozy bear' --format json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			kb, err := e.loadKB()
			if err != nil {
				return err
			}
			hits := kb.Search(strings.Join(args, " "))
			if hits == nil {
				hits = []attack.SearchHit{}
			}
			if format == "json" {
				return writeJSON(e.stdout, hits)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "DOMAIN\tKIND\tID\tNAME\tMATCHED")
			for _, h := range hits {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", strings.TrimSuffix(h.Domain, "-attack"), h.Kind, h.ID, h.Name, h.Matched)
			}
			tw.Flush()
			fmt.Fprintf(e.stdout, "%d matches\n", len(hits))
			return nil
		},
	}
	addFormat(cmd, &format, "table", "json")
	return cmd
}

func newAttackTacticsCmd(e *env) *cobra.Command {
	var format, domain string
	cmd := &cobra.Command{
		Use:     "tactics",
		Short:   "List tactics in matrix order with their technique counts",
		Example: "  vigil attack tactics\n  vigil attack tactics --domain ics --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dom, err := domainFlag(domain)
			if err != nil {
				return err
			}
			if dom == "" {
				dom = attack.Enterprise
			}
			kb, err := e.loadKB()
			if err != nil {
				return err
			}
			d := kb.Domain(dom)
			if d == nil {
				return fmt.Errorf("no %s data loaded", dom)
			}
			rep := d.TacticsReport()
			if format == "json" {
				return writeJSON(e.stdout, rep)
			}
			fmt.Fprintf(e.stdout, "%s ATT&CK %s %s\n", rep.Domain, rep.Version, rep.View)
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "#\tID\tSHORTNAME\tNAME\tTECHNIQUES\tSUB-TECHNIQUES")
			for i, t := range rep.Tactics {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\n", i+1, t.ID, t.Shortname, t.Name, t.Techniques, t.Subtechniques)
			}
			return tw.Flush()
		},
	}
	addFormat(cmd, &format, "table", "json")
	cmd.Flags().StringVar(&domain, "domain", "enterprise", "enterprise, mobile or ics")
	return cmd
}

func newAttackStatsCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   "Count ATT&CK objects per domain and release (active/total)",
		Example: "  vigil attack stats\n  vigil attack stats --attack-data enterprise-attack-17.1.json --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			kb, err := e.loadKB()
			if err != nil {
				return err
			}
			stats := []attack.DomainStats{}
			for _, d := range kb.Domains {
				stats = append(stats, d.Stats())
			}
			if format == "json" {
				return writeJSON(e.stdout, stats)
			}
			for _, s := range stats {
				fmt.Fprintf(e.stdout, "%s  ATT&CK %s (spec %s, %s model)\n", s.Domain, s.Version, s.SpecVersion, s.Model)
				if s.View != "" {
					fmt.Fprintf(e.stdout, "  view: %s\n", s.View)
				}
				keys := make([]string, 0, len(s.Counts))
				for k := range s.Counts {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				for _, k := range keys {
					fmt.Fprintf(tw, "  %s\t%d active\t%d total\n", k, s.Counts[k].Active, s.Counts[k].Total)
				}
				tw.Flush()
			}
			return nil
		},
	}
	addFormat(cmd, &format, "table", "json")
	return cmd
}

func newAttackUpdateCmd(e *env) *cobra.Command {
	var from string
	cmd := &cobra.Command{
		Use:   "update --from FILE",
		Short: "Validate an official ATT&CK STIX 2.1 bundle and store it for later runs",
		Long: `Validate an ATT&CK STIX 2.1 bundle (plain or .gz) and store it, pre-built,
in the config directory. Later runs use it instead of the embedded data for its
domain. Run once per domain (enterprise, mobile, ics).`,
		Example: "  vigil attack update --from enterprise-attack-19.0.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if from == "" {
				return usagef("--from FILE is required")
			}
			d, path, err := attack.Store(e.storeDir(), from)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "stored %s ATT&CK %s (%s model) in %s\n", d.Name, d.Version, d.Model, path)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "STIX 2.1 bundle to store")
	return cmd
}
