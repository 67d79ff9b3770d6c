package coverage

import (
	"strings"

	"github.com/vigil-sec/vigil/internal/logsource"
)

// productPlatforms maps Sigma products to the ATT&CK platforms their logs
// describe. Products not listed (network devices, web servers, unknown ones)
// are relevant to every organisation.
func productPlatforms(product string) []string {
	switch strings.ToLower(product) {
	case "windows":
		return []string{"Windows"}
	case "linux":
		return []string{"Linux"}
	case "macos":
		return []string{"macOS"}
	case "aws", "gcp":
		return []string{"IaaS"}
	case "azure":
		return []string{"IaaS", "Identity Provider", "SaaS"}
	case "m365":
		return []string{"Office Suite", "SaaS", "Identity Provider"}
	case "okta", "onelogin":
		return []string{"Identity Provider"}
	case "github", "bitbucket":
		return []string{"SaaS"}
	case "kubernetes":
		return []string{"Containers"}
	case "esxi":
		return []string{"ESXi"}
	}
	return nil
}

// RelevantTo reports whether rules with log source ls describe any of the
// platforms an organisation runs: a Linux rule does not cover a technique
// for a Windows-only organisation.
func RelevantTo(ls logsource.Logsource, platforms []string) bool {
	pp := productPlatforms(ls.Product)
	return pp == nil || onPlatforms(pp, platforms)
}
