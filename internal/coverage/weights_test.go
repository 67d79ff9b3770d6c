package coverage

import (
	"testing"

	"github.com/vigil-sec/vigil/internal/logsource"
)

// The weights are the table in docs/assessment.md; Sigma writes levels and
// statuses in lower case but users' rules are not always tidy.
func TestLevelWeight(t *testing.T) {
	for _, c := range []struct {
		level string
		want  float64
	}{
		{"critical", 1}, {"high", 0.9}, {"medium", 0.6}, {"low", 0.3}, {"informational", 0.1},
		{"HIGH", 0.9}, {"Critical", 1},
		{"", 0.5}, {"severe", 0.5}, // unknown or missing: middle weight
	} {
		if got := LevelWeight(c.level); !near(got, c.want) {
			t.Errorf("LevelWeight(%q) = %v, want %v", c.level, got, c.want)
		}
	}
}

func TestStatusWeight(t *testing.T) {
	for _, c := range []struct {
		status string
		want   float64
	}{
		{"stable", 1}, {"", 1}, {"test", 0.9}, {"experimental", 0.7}, {"Experimental", 0.7},
		{"deprecated", 0}, {"unsupported", 0}, {"bogus", 0},
	} {
		if got := StatusWeight(c.status); !near(got, c.want) {
			t.Errorf("StatusWeight(%q) = %v, want %v", c.status, got, c.want)
		}
	}
}

// A rule counts only for organisations running the platform its product
// logs; products vigil does not know (network gear, web servers) count for all.
func TestRelevantTo(t *testing.T) {
	for _, c := range []struct {
		product   string
		platforms []string
		want      bool
	}{
		{"windows", []string{"Windows"}, true},
		{"windows", []string{"windows"}, true}, // profile spelling is case-insensitive
		{"Windows", []string{"Windows"}, true}, // so is the rule's product
		{"linux", []string{"Windows", "IaaS"}, false},
		{"macos", []string{"macOS"}, true},
		{"aws", []string{"IaaS"}, true},
		{"gcp", []string{"Windows"}, false},
		{"azure", []string{"SaaS"}, true},
		{"m365", []string{"Office Suite"}, true},
		{"okta", []string{"Windows"}, false},
		{"github", []string{"SaaS"}, true},
		{"kubernetes", []string{"Containers"}, true},
		{"esxi", []string{"Linux"}, false},
		{"cisco", []string{"Windows"}, true}, // unknown product: every organisation
		{"", []string{"Linux"}, true},        // product-less (proxy, webserver)
		{"windows", nil, false},              // no platforms: only platform-free rules
		{"", nil, true},
	} {
		ls := logsource.Logsource{Product: c.product, Category: "process_creation"}
		if got := RelevantTo(ls, c.platforms); got != c.want {
			t.Errorf("RelevantTo(%q, %v) = %v, want %v", c.product, c.platforms, got, c.want)
		}
	}
}
