package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/diag"
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/match"
)

func newScanCmd(e *env) *cobra.Command {
	var format, placeholders string
	var rulePaths []string
	cmd := &cobra.Command{
		Use:   "scan --rules PATH [--rules PATH...] FILE...",
		Short: "Run Sigma rules over JSON-lines events and print one JSON alert per match",
		Long: `scan loads the Sigma rules (files or directories, recursively; meta filters
in them are applied to the rules they name) and evaluates every event of the
given JSON-lines files ("-" reads standard input). Each match prints one JSON
line: {"rule": {...}, "attack": {...}, "timestamp": ..., "source": {...},
"event": {...}}. The rule's author is always included, as the Detection Rule
License of SigmaHQ rules requires.

Rules that fail to load are reported on standard error and skipped. Lines
that are not JSON objects are reported as path:line: reason on standard
error, counted, and skipped. A summary goes to standard error at the end.`,
		Example: "  vigil scan --rules rules/ events.jsonl\n" +
			"  cat events.jsonl | vigil scan --rules rules/windows --rules mf_admins.yml -\n" +
			"  vigil scan --rules rules-placeholder/ --placeholders placeholders.yml --format jsonl logs/*.jsonl",
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if len(rulePaths) == 0 {
				return usagef("scan needs --rules PATH")
			}
			docs, set, err := loadRules(rulePaths, placeholders)
			if err != nil {
				return err
			}
			failed := 0
			for _, d := range docs {
				if !d.OK() {
					failed++
					diag.Write(e.stderr, d.Diags.Cap(maxDiagsPerDoc))
				}
			}
			if len(set.Rules) == 0 {
				return fmt.Errorf("no rule loaded from %d documents", len(docs))
			}
			kb, err := e.loadKB()
			if err != nil {
				return err
			}
			s := &scanner{e: e, set: set, out: json.NewEncoder(e.stdout), attack: map[*match.Rule]alert.Attack{}}
			for _, r := range set.Rules {
				s.attack[r] = alert.AttackFromKB(kb, r.Meta().Tags)
			}
			s.out.SetEscapeHTML(false)
			for _, f := range args {
				if err := s.scanFile(f); err != nil {
					return err
				}
			}
			fmt.Fprintf(e.stderr, "%d rules loaded (%d failed); %d events, %d alerts, %d bad lines\n",
				len(set.Rules), failed, s.events, s.alerts, s.bad)
			return nil
		},
	}
	addFormat(cmd, &format, "jsonl")
	cmd.Flags().StringArrayVar(&rulePaths, "rules", nil, "Sigma rule file or directory (repeatable)")
	cmd.Flags().StringVar(&placeholders, "placeholders", "", "YAML file mapping placeholder names to value lists (for |expand)")
	return cmd
}

type scanner struct {
	e                   *env
	set                 *match.Set
	out                 *json.Encoder
	attack              map[*match.Rule]alert.Attack // resolved once per rule
	events, alerts, bad int
}

func (s *scanner) scanFile(path string) error {
	var r io.Reader = s.e.stdin
	name := "-"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("open events: %w", err)
		}
		defer f.Close()
		r, name = f, path
	}
	in := input.NewJSONLines(name, r)
	for {
		rec, err := in.Next()
		var le *input.LineError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &le):
			s.bad++
			fmt.Fprintln(s.e.stderr, le.Error())
			continue
		case err != nil:
			return fmt.Errorf("read %s: %w", name, err)
		}
		s.events++
		var werr error
		s.set.Match(rec.Event, func(r *match.Rule) {
			s.alerts++
			if werr == nil {
				werr = s.out.Encode(newAlert(r, s.attack[r], rec, name))
			}
		})
		if werr != nil {
			return fmt.Errorf("write alert: %w", werr)
		}
	}
}

func newAlert(r *match.Rule, att alert.Attack, rec input.Record, path string) alert.Alert {
	m := r.Meta()
	tags := m.Tags
	if tags == nil {
		tags = []string{}
	}
	return alert.Alert{
		Rule: alert.Rule{ID: m.ID, Title: m.Title, Level: m.Level, Status: m.Status, Author: m.Author,
			Tags: tags, Path: r.Doc.File},
		Attack: att,
		Timestamp: alert.Timestamp(func(f string) (any, bool) {
			v, ok := rec.Event.Get(f)
			return v.Raw(), ok
		}),
		Source: alert.Source{Path: path, Line: rec.Line},
		Event:  json.RawMessage(rec.Raw),
	}
}
