// Package coverage measures, per ATT&CK technique, what an organisation can
// see (visibility: do the logs it collects cover the data components the
// technique's ATT&CK analytics need, on its platforms?) and what it can
// catch (detection: which of its Sigma rules target the technique, and which
// of those can run on the logs it collects).
package coverage

import (
	"math"
	"strings"

	"github.com/vigil-sec/vigil/internal/attack"
	"github.com/vigil-sec/vigil/internal/inventory"
	"github.com/vigil-sec/vigil/internal/logsource"
)

// Rule is what coverage needs to know of a Sigma rule.
type Rule struct {
	ID, Title, Level, Status, Path string
	Logsource                      logsource.Logsource
	Techniques                     []string // live ATT&CK IDs its tags resolve to
}

// RuleRef is a rule as a technique's coverage lists it.
type RuleRef struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	Level    string  `json:"level"`
	Status   string  `json:"status"`
	Path     string  `json:"path"`
	Runnable bool    `json:"runnable"`      // its log source is collected
	Weight   float64 `json:"weight"`        // level weight × status weight
	Via      string  `json:"via,omitempty"` // the sub-technique it is tagged with, for a parent
}

// Technique is one technique's visibility and detection.
type Technique struct {
	ID              string         `json:"id"`
	Visibility      Visibility     `json:"visibility"`
	Rules           []RuleRef      `json:"rules"`
	Runnable        int            `json:"runnable_rules"`
	ByLevel         map[string]int `json:"by_level"`  // rules (all, runnable or not) per level
	ByStatus        map[string]int `json:"by_status"` // rules per status
	RunnableByLevel map[string]int `json:"runnable_by_level"`
	Detection       float64        `json:"detection"`          // 0..1 = 1 − Π(1 − weight) over runnable rules (and imported coverage)
	Imported        float64        `json:"imported,omitempty"` // score from an imported Navigator layer, 0..1
	Status          string         `json:"status"`             // covered, partial, rules-not-runnable, no-rule, no-visibility
}

// Visibility is how much of the best ATT&CK analytic on the profile's
// platforms the collected logs cover.
type Visibility struct {
	Score      float64            `json:"score"` // 0..1
	Analytic   string             `json:"analytic,omitempty"`
	Platform   string             `json:"platform,omitempty"`
	Needed     []LogNeed          `json:"needed"`      // the best analytic's log sources
	Analytics  int                `json:"analytics"`   // analytics on the profile's platforms
	ByPlatform map[string]float64 `json:"by_platform"` // best analytic score per profile platform
	Note       string             `json:"note,omitempty"`
}

// LogNeed is one log source an analytic reads for a data component.
type LogNeed struct {
	DataComponent string `json:"data_component"`
	Name          string `json:"name"`
	Channel       string `json:"channel"`
	Collected     bool   `json:"collected"`
}

// Input is what coverage is computed from.
type Input struct {
	Domain    *attack.Domain
	Platforms []string
	Rules     []Rule
	Provided  *inventory.Provided
	Mapping   *logsource.Mapping
	Imported  map[string]float64 // technique ID → 0..1 from a Navigator layer
}

// LevelWeight and StatusWeight turn a rule's level and status into how much
// a runnable rule counts as detection (docs/assessment.md).
func LevelWeight(level string) float64 {
	switch strings.ToLower(level) {
	case "critical":
		return 1
	case "high":
		return 0.9
	case "medium":
		return 0.6
	case "low":
		return 0.3
	case "informational":
		return 0.1
	}
	return 0.5
}

// StatusWeight discounts rules that are less tested.
func StatusWeight(status string) float64 {
	switch strings.ToLower(status) {
	case "stable", "":
		return 1
	case "test":
		return 0.9
	case "experimental":
		return 0.7
	}
	return 0 // deprecated, unsupported
}

// Thresholds for the status of a technique.
const (
	Covered = 0.75 // detection at or above: covered; above 0: partial
)

func round(f float64) float64 { return math.Round(f*1000) / 1000 }
