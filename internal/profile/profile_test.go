package profile

import (
	"strings"
	"testing"
)

func TestTemplateAndDemoParse(t *testing.T) {
	for name, data := range map[string][]byte{"template": []byte(Template), "demo": Demo} {
		p, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Sectors) == 0 || len(p.Platforms) == 0 || p.Weights.Campaign != 0.8 {
			t.Errorf("%s: %+v", name, p)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		"sectors: [insurance]\nplatforms: [Windows]\nsectorz: [x]\n":         "sectorz",
		"platforms: [Windows]\n":                                             "no sectors",
		"sectors: [insurance]\n":                                             "no platforms",
		"sectors: [insurance]\nplatforms: [Windows]\nweights: {direct: 3}\n": "between 0 and 1",
		"sectors: [\n": "p.yml",
	} {
		if _, err := Parse("p.yml", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(Template))
	f.Add(Demo)
	f.Add([]byte("sectors: [x]\nplatforms: [Windows]\nweights: {groups: {G0016: 2}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yml", data)
		if err == nil && (len(p.Platforms) == 0 || p.Weights.Direct <= 0) {
			t.Fatalf("accepted profile without platforms or weights: %+v", p)
		}
	})
}
