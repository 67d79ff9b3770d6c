// Package cli is vigil's composition root: it turns arguments into calls on the
// domain packages and writes their results. Nothing else imports it.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes shared by every command.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// usageError marks an error caused by how the command was called.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// Run executes vigil with args (without the program name) and returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(stderr, "vigil: %v\n", err)
	var u usageError
	if errors.As(err, &u) || isCobraUsage(err) {
		return ExitUsage
	}
	return ExitError
}

// env carries the process streams to every command; no package-level state.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	attackData     []string // --attack-data bundles
	configDir      string   // --config-dir; "" means the user's config dir
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "vigil",
		Short: "Threat-informed detection: ATT&CK knowledge, Sigma detection and coverage in one binary",
		Long: `vigil answers "does any of this make us safer?" with MITRE ATT&CK:
who targets you, which techniques matter most, what your logs and Sigma rules
can see and catch, and proof from replayed attack logs.`,
		Example:       "  vigil attack technique T1059.001\n  vigil attack group APT29 --format json",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringArrayVar(&e.attackData, "attack-data", nil, "ATT&CK STIX 2.1 bundle to use instead of the embedded data (repeatable, one per domain)")
	pf.StringVar(&e.configDir, "config-dir", "", "vigil's configuration directory (default: the user config dir + /vigil)")
	root.AddCommand(newVersionCmd(e), newAssessCmd(e), newThreatsCmd(e), newProfileCmd(e), newAttackCmd(e), newRulesCmd(e), newScanCmd(e), newLayerCmd(e))
	return root
}

// isCobraUsage recognises cobra's own argument errors (unknown command, arg count).
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
