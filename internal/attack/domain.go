package attack

import "strings"

// Domain names as ATT&CK writes them in x_mitre_domains.
const (
	Enterprise = "enterprise-attack"
	Mobile     = "mobile-attack"
	ICS        = "ics-attack"
)

// Domain is one ATT&CK matrix family at one release.
type Domain struct {
	Name        string // Enterprise, Mobile or ICS
	Title       string // collection name, e.g. "Enterprise ATT&CK"
	Version     string // release, e.g. "18.1"
	SpecVersion string // x_mitre_attack_spec_version
	Modified    string
	Model       string         // ModelDataComponents or ModelDetectionStrategies
	Overlay     string         // describes an applied overlay (e.g. the v19 view), or ""
	Renamed     []TacticRename // tactic shortnames an overlay replaced

	Tactics        []Tactic // matrix order
	Techniques     []Technique
	Groups         []Group
	Campaigns      []Campaign
	Software       []Software
	Mitigations    []Mitigation
	DataSources    []DataSource
	DataComponents []DataComponent
	Strategies     []DetectionStrategy
	Analytics      []Analytic
	Edges          []Edge

	idx *index // rebuilt by reindex after building or decoding
}

// TacticRename records that a newer release replaced a tactic shortname.
type TacticRename struct{ From, To string }

// ShortDomain maps user spellings (enterprise, mobile, ics) to a domain name.
func ShortDomain(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSuffix(strings.ToLower(s), "-attack")) {
	case "enterprise", "ent":
		return Enterprise, true
	case "mobile", "mob":
		return Mobile, true
	case "ics":
		return ICS, true
	}
	return "", false
}

// attackSources are the external_references source names that carry ATT&CK
// IDs; the domain's own name comes first.
func attackSources(domain string) []string {
	switch domain {
	case Mobile:
		return []string{"mitre-mobile-attack", "mitre-attack"}
	case ICS:
		return []string{"mitre-ics-attack", "mitre-attack"}
	}
	return []string{"mitre-attack"}
}

// MajorVersion returns the release's major number, or 0 when unparsable.
func (d *Domain) MajorVersion() int {
	n := 0
	for _, r := range d.Version {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}
