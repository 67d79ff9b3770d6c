// Package assess is vigil's main job: from an organisation's profile to the
// groups that target it, the techniques they use ranked by priority, what
// the organisation's logs and rules can see and catch of each, and a ranked
// backlog of gaps with what would close them. Every number in the result can
// be taken apart (docs/assessment.md); the JSON form is a stable schema.
package assess

import (
	"github.com/vigil-sec/vigil/internal/atomic"
	"github.com/vigil-sec/vigil/internal/coverage"
	"github.com/vigil-sec/vigil/internal/priority"
	"github.com/vigil-sec/vigil/internal/threat"
)

// Schema names the JSON format; it changes only when a field is removed or renamed.
const Schema = "vigil.assessment/v1"

// Assessment is the whole result.
type Assessment struct {
	Schema       string              `json:"schema"`
	Organisation string              `json:"organisation"`
	Attack       AttackRelease       `json:"attack"`
	Profile      ProfileSummary      `json:"profile"`
	Summary      Summary             `json:"summary"`
	Threats      []threat.GroupMatch `json:"threats"`
	Techniques   []Technique         `json:"techniques"`
	Gaps         []Gap               `json:"gaps"`
	Improvements []Improvement       `json:"improvements"`
}

// AttackRelease says which ATT&CK data the assessment used.
type AttackRelease struct {
	Domain  string `json:"domain"`
	Version string `json:"version"`
	View    string `json:"view,omitempty"`
}

// ProfileSummary echoes the inputs.
type ProfileSummary struct {
	Sectors   []string `json:"sectors"`
	Countries []string `json:"countries"`
	Platforms []string `json:"platforms"`
	Inventory []string `json:"inventory"`
	RuleSets  []string `json:"rule_sets"`
}

// Summary is the headline.
type Summary struct {
	Groups              int `json:"groups"`
	Techniques          int `json:"techniques"` // scored techniques on the profile's platforms
	TopN                int `json:"top_n"`
	TopCovered          int `json:"top_covered"`
	TopPartial          int `json:"top_partial"`
	TopGaps             int `json:"top_gaps"`
	Rules               int `json:"rules"`
	RulesRunnable       int `json:"rules_runnable"`
	RulesWithTechnique  int `json:"rules_with_technique"`
	RulesOtherPlatforms int `json:"rules_other_platforms"` // rules for products outside the profile's platforms, left out of coverage
	Gaps                int `json:"gaps"`
}

// Technique is a scored technique with its coverage.
type Technique struct {
	priority.Score
	Coverage *coverage.Technique `json:"coverage"`
	GapScore float64             `json:"gap_score"` // score × (1 − detection)
}

// Gap is one backlog item.
type Gap struct {
	Rank         int           `json:"rank"`
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	Tactics      []string      `json:"tactics"`
	PriorityRank int           `json:"priority_rank"`
	Priority     float64       `json:"priority"`
	Detection    float64       `json:"detection"`
	Visibility   float64       `json:"visibility"`
	GapScore     float64       `json:"gap_score"`
	Kind         string        `json:"kind"` // partial, rules-not-runnable, no-rule, no-visibility
	Why          string        `json:"why"`
	Missing      string        `json:"missing"`
	Close        string        `json:"close"`
	Improvement  string        `json:"improvement,omitempty"` // id of the Improvement that helps most
	Tests        []atomic.Test `json:"atomic_tests"`
}

// Improvement is one change to the inventory and what it would buy.
type Improvement struct {
	ID               string   `json:"id"`
	Description      string   `json:"description"`
	Effort           string   `json:"effort"`            // "enable" (an option of a collected source) or "new source"
	RulesUnlocked    int      `json:"rules_unlocked"`    // rules that would become runnable
	TechniquesGained []string `json:"techniques_gained"` // scored techniques whose detection rises from 0
	TopGained        int      `json:"top_gained"`        // of those, in the top N
	VisibilityGained []string `json:"visibility_gained"` // top-N techniques whose visibility rises
}
