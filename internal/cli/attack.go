package cli

import (
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/vigil-sec/vigil/internal/attack"
)

func newAttackCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "attack",
		Short: "Look up MITRE ATT&CK techniques, groups, tactics and detection data (offline)",
		Long: `Look up the embedded MITRE ATT&CK knowledge base: enterprise, mobile and ICS
18.1 with the ATT&CK v19 technique view (Stealth and Defense Impairment tactics,
T1684-T1690), usable offline. --attack-data FILE uses an official STIX 2.1
bundle instead; 'vigil attack update --from FILE' stores one for later runs.`,
		Example: "  vigil attack technique T1059.001\n  vigil attack group APT29 --include-software\n  vigil attack search kerberos\n  vigil attack tactics",
	}
	cmd.AddCommand(newAttackTechniqueCmd(e), newAttackGroupCmd(e), newAttackSearchCmd(e),
		newAttackTacticsCmd(e), newAttackStatsCmd(e), newAttackUpdateCmd(e))
	return cmd
}

// storeDir is where `attack update` keeps data.
func (e *env) storeDir() string {
	if e.configDir != "" {
		return filepath.Join(e.configDir, "attack")
	}
	return attack.DefaultStoreDir()
}

// loadKB loads the knowledge base from --attack-data, the store, or the embedded snapshot.
func (e *env) loadKB() (*attack.KB, error) {
	return attack.Load(attack.Sources{Files: e.attackData, StoreDir: e.storeDir()})
}

// domainFlag resolves --domain (enterprise, mobile, ics or empty for all).
func domainFlag(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	d, ok := attack.ShortDomain(v)
	if !ok {
		return "", usagef("--domain %q: want enterprise, mobile or ics", v)
	}
	return d, nil
}
