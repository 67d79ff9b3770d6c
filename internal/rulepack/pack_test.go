package rulepack

import (
	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/logsource"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/attack"
	"go.yaml.in/yaml/v3"
)

// ruleFile is the part of a starter rule the schema test reads.
type ruleFile struct {
	Title          string            `yaml:"title"`
	ID             string            `yaml:"id"`
	Status         string            `yaml:"status"`
	Description    string            `yaml:"description"`
	References     []string          `yaml:"references"`
	Author         string            `yaml:"author"`
	License        string            `yaml:"license"`
	Date           string            `yaml:"date"`
	Tags           []string          `yaml:"tags"`
	Logsource      map[string]string `yaml:"logsource"`
	Detection      map[string]any    `yaml:"detection"`
	FalsePositives []string          `yaml:"falsepositives"`
	Level          string            `yaml:"level"`
	Tests          ruleTests         `yaml:"tests"`
}

// ruleTests is the custom top-level "tests" field of every starter rule.
type ruleTests struct {
	Match     []map[string]any `yaml:"match"`
	Match4688 []map[string]any `yaml:"match_4688"`
	NoMatch   []map[string]any `yaml:"nomatch"`
}

// Techniques is the brief the pack was written to: the techniques the
// threat groups targeting a health insurer use most (ATT&CK v19 IDs).
var Techniques = []string{
	"T1105", "T1204.002", "T1059.001", "T1059.003", "T1566.001", "T1036.005", "T1082", "T1078",
	"T1566.002", "T1018", "T1047", "T1071.001", "T1547.001", "T1021.001", "T1053.005", "T1140",
	"T1204.001", "T1059.005", "T1003.001", "T1003.003", "T1486", "T1490", "T1021.002", "T1569.002",
	"T1218.011", "T1218.005", "T1112", "T1685", "T1685.005", "T1087.002", "T1482", "T1558.003",
	"T1567.002", "T1027", "T1055", "T1110.003",
}

var (
	uuid4RE  = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	dateRE   = regexp.MustCompile(`^20\d\d-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])$`)
	techTag  = regexp.MustCompile(`^attack\.t\d{4}(\.\d{3})?$`)
	otherTag = regexp.MustCompile(`^attack\.[a-z]+(-[a-z]+)*$`)
)

// minRules is the size the pack promises in docs/starter-pack.md.
const minRules = 32

func readRules(t *testing.T) map[string]ruleFile {
	t.Helper()
	out := map[string]ruleFile{}
	for _, f := range Files() {
		data, err := fs.ReadFile(FS(), f)
		if err != nil {
			t.Fatal(err)
		}
		var r ruleFile
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true) // a misspelt attribute is a test failure, not a silent extra
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[f] = r
	}
	return out
}

func TestRuleCount(t *testing.T) {
	if n := len(Files()); n < minRules {
		t.Fatalf("%d rules, the pack promises at least %d", n, minRules)
	}
}

func TestRuleSchema(t *testing.T) {
	ids := map[string]string{}
	titles := map[string]string{}
	for f, r := range readRules(t) {
		errf := func(format string, a ...any) { t.Errorf(f+": "+format, a...) }
		if r.Title == "" || len(r.Title) > 110 {
			errf("title missing or longer than 110 characters")
		}
		if prev, dup := titles[r.Title]; dup {
			errf("title also used by %s", prev)
		}
		titles[r.Title] = f
		if !uuid4RE.MatchString(r.ID) {
			errf("id %q is not a lower-case UUIDv4", r.ID)
		}
		if prev, dup := ids[r.ID]; dup {
			errf("id %s also used by %s", r.ID, prev)
		}
		ids[r.ID] = f
		if r.Status != "test" && r.Status != "experimental" {
			errf("status %q, want test or experimental", r.Status)
		}
		if strings.TrimSpace(r.Description) == "" {
			errf("no description")
		}
		if r.Author != "vigil project" || r.License != "Apache-2.0" {
			errf("author/license = %q/%q, want vigil project/Apache-2.0", r.Author, r.License)
		}
		if !dateRE.MatchString(r.Date) {
			errf("date %q is not YYYY-MM-DD", r.Date)
		}
		switch r.Level {
		case "informational", "low", "medium", "high", "critical":
		default:
			errf("level %q", r.Level)
		}
		if len(r.FalsePositives) == 0 {
			errf("no falsepositives")
		}
		if _, ok := r.Detection["condition"]; !ok {
			errf("detection has no condition")
		}
		if !strings.HasPrefix(strings.TrimPrefix(f, Dir+"/"), ruleFilePrefix(r.Logsource)) {
			errf("file name should start with %q", ruleFilePrefix(r.Logsource))
		}
		routes := mapping(t).Routes(logsource.Of(r.Logsource["product"], r.Logsource["category"], r.Logsource["service"]))
		if routes == nil {
			errf("logsource %v is not mapped by vigil's pipelines", r.Logsource)
		}
		var techs, tactics int
		for _, tag := range r.Tags {
			switch {
			case techTag.MatchString(tag):
				techs++
			case otherTag.MatchString(tag):
				tactics++
			default:
				errf("tag %q is neither attack.tNNNN[.NNN] nor attack.<tactic>", tag)
			}
		}
		if techs == 0 || tactics == 0 {
			errf("tags need at least one technique and one tactic, got %v", r.Tags)
		}
		if len(r.Tests.Match) < 2 || len(r.Tests.NoMatch) < 2 {
			errf("needs at least 2 match and 2 nomatch examples, has %d and %d", len(r.Tests.Match), len(r.Tests.NoMatch))
		}
		for i, ev := range append(append([]map[string]any{}, r.Tests.Match...), r.Tests.NoMatch...) {
			ch, _ := ev["Channel"].(string)
			id, _ := ev["EventID"].(int)
			if ch == "" || id == 0 || ev["Computer"] == nil {
				errf("example %d lacks Channel, numeric EventID or Computer: %v", i, ev)
				continue
			}
			if !routed(routes, ev) {
				errf("example %d (%s %d) is not an event of logsource %v", i, ch, id, r.Logsource)
			}
		}
		for i, ev := range r.Tests.Match4688 {
			if ev["Channel"] != "Security" || ev["EventID"] != 4688 || ev["NewProcessName"] == nil {
				errf("match_4688 example %d is not a Security 4688 event with NewProcessName", i)
			}
		}
		if pc := r.Logsource["category"] == "process_creation"; pc != (len(r.Tests.Match4688) > 0) {
			errf("process_creation rules, and only they, need match_4688 examples (Security 4688 form)")
		}
	}
}

// ruleFilePrefix is the SigmaHQ naming convention: category or service
// first, then the product.
func ruleFilePrefix(ls map[string]string) string {
	kind := ls["category"]
	if kind == "" {
		kind = ls["service"]
	}
	short := map[string]string{"process_creation": "proc_creation"}
	if s, ok := short[kind]; ok {
		kind = s
	}
	return kind + "_win_"
}

// TestRuleTags resolves every ATT&CK tag against the embedded knowledge
// base seen as ATT&CK v19: techniques must be live (not revoked), tactics
// must use their v19 names, and every tactic a rule names must be a tactic
// of one of its techniques.
func TestRuleTags(t *testing.T) {
	kb, err := attack.Load(attack.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	brief := map[string]bool{}
	for _, id := range Techniques {
		brief[strings.ToLower(id)] = true
	}
	covered := map[string]bool{}
	for f, r := range readRules(t) {
		techTactics := map[string]bool{}
		var tactics []string
		for _, tag := range r.Tags {
			res := kb.ResolveTag(tag)
			switch {
			case res.Kind == "technique":
				if res.Note != "" {
					t.Errorf("%s: %s: %s", f, tag, res.Note)
				}
				if res.Technique == nil || "attack."+strings.ToLower(res.Technique.ID) != tag {
					t.Errorf("%s: %s does not resolve to itself", f, tag)
				}
				for _, tac := range res.Tactics {
					techTactics[tac.Shortname] = true
				}
				id := strings.TrimPrefix(tag, "attack.")
				covered[id] = true
				if !brief[id] {
					t.Logf("%s: %s is outside the brief's list (valid v19 technique)", f, tag)
				}
			case res.Kind == "tactic":
				if res.Note != "" {
					t.Errorf("%s: %s: %s", f, tag, res.Note)
				}
				tactics = append(tactics, strings.TrimPrefix(tag, "attack."))
			default:
				t.Errorf("%s: tag %s resolves to %s, want a v19 technique or tactic", f, tag, res.Kind)
			}
		}
		for _, tac := range tactics {
			if !techTactics[tac] {
				t.Errorf("%s: tactic %s is not a tactic of any of the rule's techniques", f, tac)
			}
		}
	}
	for id := range covered { // a sub-technique covers its parent
		if i := strings.IndexByte(id, '.'); i > 0 {
			covered[id[:i]] = true
		}
	}
	var missing []string
	for _, id := range Techniques {
		if !covered[strings.ToLower(id)] {
			missing = append(missing, id)
		}
	}
	t.Logf("brief techniques covered: %d of %d; not covered: %v", len(Techniques)-len(missing), len(Techniques), missing)
}

// mapping is vigil's built-in logsource pipelines: the pack's examples must
// be events the scan would route to their rule.
func mapping(t *testing.T) *logsource.Mapping {
	t.Helper()
	b, err := logsource.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return logsource.NewMapping(b, nil)
}

func routed(routes []*logsource.Entry, ev map[string]any) bool {
	for _, r := range routes {
		if r.Matches(event.Map(ev)) {
			return true
		}
	}
	return false
}
