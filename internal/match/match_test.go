package match

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/event"
	"github.com/vigil-sec/vigil/internal/sigma"
)

func load(t testing.TB, src string, ph Placeholders) *Rule {
	t.Helper()
	docs := sigma.ParseFile("t.yml", []byte(src))
	set := Load(docs, Options{Placeholders: ph})
	for _, d := range docs {
		if !d.OK() {
			t.Fatalf("load: %v", d.Diags)
		}
	}
	return set.Rules[0]
}

func ev(t testing.TB, js string) event.Map {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBase64Offset(t *testing.T) {
	got := base64Offsets([]byte("foobar"))
	want := []string{"Zm9vYmFy", "Zvb2Jhc", "mb29iYX"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("base64offset(foobar) = %q, want %q (pySigma test_base64offset)", got, want)
	}
}

func TestUTF16(t *testing.T) {
	cases := map[string]string{"utf16le": "c\x00m\x00d\x00", "utf16be": "\x00c\x00m\x00d", "utf16": "\xff\xfec\x00m\x00d\x00"}
	for mod, want := range cases {
		out := encodeUTF16(mod, sval{ps: parseSigmaString("cmd")})
		if got := string(out.raw()); got != want {
			t.Errorf("%s(cmd) = %q, want %q", mod, got, want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	got, err := expandPlaceholders(`\%plain%name%`, Placeholders{"name": {"a", "b*"}})
	if err != nil || strings.Join(got, "|") != "%plaina|%plainb*" {
		t.Errorf("expand = %q, %v", got, err)
	}
	if _, err := expandPlaceholders("%missing%", nil); err == nil || !strings.Contains(err.Error(), "%missing%") {
		t.Errorf("missing placeholder error = %v", err)
	}
}

func TestMissingPlaceholderDiagnostic(t *testing.T) {
	docs := sigma.ParseFile("t.yml", []byte("title: t\nlogsource: {product: x}\ndetection:\n  s: {User|expand: '%Admins%'}\n  condition: s\n"))
	Load(docs, Options{})
	d := docs[0]
	if d.OK() || d.Diags[0].Code != sigma.CodePlaceholder || !strings.Contains(d.Diags[0].Summary, "%Admins%") || d.Diags[0].Range.Start.Line != 4 {
		t.Errorf("diags = %v", d.Diags)
	}
}

func TestCompileErrors(t *testing.T) {
	cases := map[string]string{
		"s: {a|re: '(?<=x)y'}":       sigma.CodeRegex,
		"s: {a|cidr: '10.0.0.0/33'}": sigma.CodeCIDR,
		"s: {a|contains|base64: x}":  sigma.CodeEncoding,
	}
	for det, code := range cases {
		docs := sigma.ParseFile("t.yml", []byte("title: t\nlogsource: {product: x}\ndetection:\n  "+det+"\n  condition: s\n"))
		Load(docs, Options{})
		if docs[0].OK() || docs[0].Diags[0].Code != code {
			t.Errorf("%s: diags %v, want %s", det, docs[0].Diags, code)
		}
		if d := docs[0].Diags[0]; d.Title != "t" { // the error names the rule that failed
			t.Errorf("%s: diagnostic not labelled with its rule: %+v", det, d)
		}
	}
}

// TestNoAllocs pins the design goal: matching a field rule against a
// map-backed event allocates nothing.
func TestNoAllocs(t *testing.T) {
	r := load(t, `title: t
logsource: {product: x}
detection:
  sel:
    Image|endswith: ['\cmd.exe', '\powershell.exe']
    CommandLine|contains|all: ['-enc', 'bypass']
    EventID: 4688
  filter:
    User|startswith: 'ADM_'
  condition: sel and not filter
`, nil)
	e := ev(t, `{"Image":"C:\\Windows\\System32\\CMD.EXE","CommandLine":"x -ENC y BYPASS","EventID":4688,"User":"alice"}`)
	if !r.Match(e) {
		t.Fatal("rule does not match its event")
	}
	if n := testing.AllocsPerRun(200, func() { r.Match(e) }); n != 0 {
		t.Errorf("Match allocates %.1f times per event", n)
	}
}

func TestIntrospection(t *testing.T) {
	r := load(t, "title: t\nlogsource: {product: x, category: y}\ndetection:\n  s: {A|contains: foo, B: 1}\n  k: [needle]\n  condition: s or k\n", nil)
	if f := r.Fields(); len(f) != 2 || f[0] != "A" || f[1] != "B" {
		t.Errorf("Fields = %v", f)
	}
	ps := r.Predicates()
	if ps[0].Needles()[0][0] != "FOO" || ps[2].Field() != "" {
		t.Errorf("needles = %v", ps[0].Needles())
	}
	if r.Logsource.Category != "y" {
		t.Errorf("logsource %+v", r.Logsource)
	}
}

func BenchmarkMatch(b *testing.B) {
	r := load(b, "title: t\nlogsource: {product: x}\ndetection:\n  s: {CommandLine|contains: ['mimikatz', 'sekurlsa::']}\n  condition: s\n", nil)
	e := ev(b, `{"CommandLine":"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule","Image":"x"}`)
	b.ReportAllocs()
	for b.Loop() {
		r.Match(e)
	}
}
