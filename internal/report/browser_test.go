package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chromiumPath is Debian's chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// chromium runs headless Chromium on url with extra flags and returns stdout.
func chromium(t *testing.T, url string, flags ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + t.TempDir()}, flags...)
	cmd := exec.CommandContext(ctx, chromiumPath, append(args, url)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %s: %v\n%s", url, err, stderr.String())
	}
	return string(out)
}

func attr(t *testing.T, dom, tag, name string) (string, bool) {
	t.Helper()
	m := regexp.MustCompile(`<` + tag + `\b[^>]*>`).FindString(dom)
	if m == "" {
		t.Fatalf("no <%s> in the DOM", tag)
	}
	v := regexp.MustCompile(`\s` + name + `(?:="([^"]*)")?[\s>]`).FindStringSubmatch(m)
	if v == nil {
		return "", false
	}
	return v[1], true
}

// TestBrowser renders the demo assessment and loads it in headless Chromium:
// the script must build the matrix, render every technique's evidence panel
// (#selftest) and raise no error. With VIGIL_SCREENSHOT=path it also writes
// the screenshot docs/report.md shows.
func TestBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("headless browser test skipped: %s not found (apt-get install chromium)", chromiumPath)
	}
	a, d := demo(t)
	m := BuildMatrix(d)
	file := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(f, a, d); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	url := "file://" + file
	dom := chromium(t, url+"#selftest", "--dump-dom")

	if v, ok := attr(t, dom, "html", "data-errors"); ok {
		t.Fatalf("script errors: %s", v)
	}
	if v, _ := attr(t, dom, "body", "data-rendered"); v != "ok" {
		t.Fatalf("body data-rendered=%q, want ok", v)
	}
	if v, _ := attr(t, dom, "body", "data-cells"); v != strconv.Itoa(m.Cells) {
		t.Errorf("%s matrix cells in the page, want %d", v, m.Cells)
	}
	var shorts []string
	for _, c := range m.Columns {
		shorts = append(shorts, c.Shortname)
	}
	if v, _ := attr(t, dom, "body", "data-tactics"); v != strings.Join(shorts, " ") {
		t.Errorf("columns %q, want %q", v, strings.Join(shorts, " "))
	}
	scored, _ := attr(t, dom, "body", "data-scored")
	if n, _ := strconv.Atoi(scored); n < len(a.Techniques) {
		t.Errorf("%d coloured cells for %d scored techniques", n, len(a.Techniques))
	}
	if v, _ := attr(t, dom, "body", "data-selftest"); v != strconv.Itoa(len(m.Techniques)) {
		t.Errorf("self-test rendered %s technique panels, want %d", v, len(m.Techniques))
	}
	if v, _ := attr(t, dom, "body", "data-keynav"); v != "ok" {
		t.Errorf("arrow keys do not move between techniques (data-keynav=%q)", v)
	}
	if v, _ := attr(t, dom, "body", "data-sum-mismatch"); v != "" {
		t.Errorf("contributions do not sum to the score for %s", v)
	}
	if !strings.Contains(dom, `class="cell scored"`) || !strings.Contains(dom, "--bg: rgb(") {
		t.Error("no coloured cell in the DOM")
	}

	// A deep link opens the evidence panel of the top gap; ?group= shows one
	// group's footprint: the techniques it does not contribute to are dimmed.
	g, grp := a.Gaps[0], a.Threats[0]
	dom = chromium(t, url+"?mode=gap&group="+grp.ID+"#"+g.ID, "--dump-dom")
	if v, ok := attr(t, dom, "html", "data-errors"); ok {
		t.Fatalf("script errors: %s", v)
	}
	if v, ok := attr(t, dom, "aside", "hidden"); ok {
		t.Fatalf("details panel still hidden (%q) after #%s", v, g.ID)
	}
	for _, want := range []string{`id="details-title">` + g.ID + " ", "Why:", "Close:", "Atomic Red Team tests", `class="mode-gap"`} {
		if !strings.Contains(dom, want) {
			t.Errorf("details for #%s lack %q", g.ID, want)
		}
	}

	used := 0
	for _, te := range a.Techniques {
		for _, c := range te.Contributions {
			if c.Source == grp.ID {
				used++
				break
			}
		}
	}
	cellRE := regexp.MustCompile(`<button type="button" class="cell([^"]*)" data-t="([^"]+)"`)
	lit := map[string]bool{}
	for _, m := range cellRE.FindAllStringSubmatch(dom, -1) {
		if !strings.Contains(m[1], "dim") {
			lit[m[2]] = true
		}
	}
	if used == 0 || len(lit) != used || !strings.Contains(dom, "Showing techniques used by") {
		t.Errorf("?group=%s leaves %d techniques undimmed, the group contributes to %d", grp.ID, len(lit), used)
	}

	if out := os.Getenv("VIGIL_SCREENSHOT"); out != "" {
		abs, err := filepath.Abs(out)
		if err != nil {
			t.Fatal(err)
		}
		chromium(t, url+"#"+g.ID, "--screenshot="+abs, "--window-size=1600,1000")
		if st, err := os.Stat(abs); err != nil || st.Size() < 10000 {
			t.Fatalf("screenshot %s not written: %v", abs, err)
		}
	}
}
