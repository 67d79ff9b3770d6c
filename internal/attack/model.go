package attack

// None marks an absent index reference.
const None int32 = -1

// Detection models, chosen from the data (which relationships and object
// types are present), never from the version string.
const (
	ModelDataComponents      = "data-components"      // ATT&CK <= 17: component --detects--> technique
	ModelDetectionStrategies = "detection-strategies" // ATT&CK >= 18: strategy --detects--> technique, analytics
)

// Meta holds what every ATT&CK object has.
type Meta struct {
	STIXID      string
	ID          string // ATT&CK ID (T1059.001, G0016, DET0103, …)
	Name        string
	Description string // first paragraph, citations removed
	URL         string
	Modified    string
	Revoked     bool
	Deprecated  bool
	RevokedBy   int32 // index of the replacement in the same slice, or None
}

// Active reports whether the object is shown by default.
func (m *Meta) Active() bool { return !m.Revoked && !m.Deprecated }

// Tactic is a matrix column.
type Tactic struct {
	Meta
	Shortname string // kill-chain phase name, e.g. "credential-access"
}

// Technique is a technique or sub-technique.
type Technique struct {
	Meta
	Tactics   []string // tactic shortnames, in matrix order
	Platforms []string
	IsSub     bool
	Parent    int32 // parent technique for sub-techniques, else None
}

// Group is an intrusion set.
type Group struct {
	Meta
	Aliases []string
}

// Campaign is a set of intrusion activity, possibly attributed to a group.
type Campaign struct {
	Meta
	Aliases   []string
	FirstSeen string
	LastSeen  string
}

// Software is malware or a tool.
type Software struct {
	Meta
	Type      string // "malware" or "tool"
	Aliases   []string
	Platforms []string
}

// Mitigation is a course of action.
type Mitigation struct{ Meta }

// DataSource is the v17 parent of data components (deprecated in v18).
type DataSource struct {
	Meta
	Platforms []string
}

// LogSource is a (name, channel) pair such as WinEventLog:Security / EventCode=4688.
type LogSource struct {
	Name    string
	Channel string
}

// DataComponent is what telemetry must record to see a technique.
type DataComponent struct {
	Meta
	DataSource int32 // v17 parent data source, or None
	LogSources []LogSource
}

// DetectionStrategy (v18+) detects techniques through its analytics.
type DetectionStrategy struct {
	Meta
	Analytics []int32
}

// AnalyticLogSource names the data component an analytic reads and where it is logged.
type AnalyticLogSource struct {
	Component int32
	LogSource
}

// Analytic (v18+) is one platform's detection logic within a strategy.
type Analytic struct {
	Meta
	Platforms  []string
	LogSources []AnalyticLogSource
}

// EdgeKind names a relationship between two objects of known kinds.
type EdgeKind uint8

// Edge kinds. From/To index the slices named in each comment.
const (
	GroupUsesTechnique    EdgeKind = iota + 1 // Groups → Techniques
	GroupUsesSoftware                         // Groups → Software
	CampaignUsesTechnique                     // Campaigns → Techniques
	CampaignUsesSoftware                      // Campaigns → Software
	CampaignAttributedTo                      // Campaigns → Groups
	SoftwareUsesTechnique                     // Software → Techniques
	MitigationMitigates                       // Mitigations → Techniques
	StrategyDetects                           // Strategies → Techniques
	ComponentDetects                          // DataComponents → Techniques (v17)
)

// Edge is a relationship between two indexed objects.
type Edge struct {
	Kind     EdgeKind
	From, To int32
}

// targetsTechnique reports whether the edge's To side indexes Techniques.
func (k EdgeKind) targetsTechnique() bool {
	switch k {
	case GroupUsesTechnique, CampaignUsesTechnique, SoftwareUsesTechnique,
		MitigationMitigates, StrategyDetects, ComponentDetects:
		return true
	}
	return false
}
