package input

import (
	"fmt"
	"testing"
)

// The flat decoder either declines a record or gives what encoding/json
// gives, on strings that exercise its escape and UTF-8 handling.
func TestFlatDecoderAgreesWithJSON(t *testing.T) {
	vals := []string{
		`"plain"`, `"C:\\Windows\\System32\\cmd.exe"`, `"tab\there"`, `"quote \" in"`, `"\u00e9t\u00e9"`,
		`"é raw then \\ escape"`, `"\\ escape then é raw"`, `"a\/b"`, `"\ud83d\ude00"`, `"\ud83d"`,
		"\"bad \xff after \\\\ escape\"", "\"\\\\ then bad \xc3\"", "\"bad \xff\"", `"\x"`, "\"ctl \x01\"", `"\u12"`,
		`"\b\f\n\r\t"`, `"ends with \\"`, `""`, `"\\"`, "\"\u212Ait \\\\\"",
	}
	var d FlatDecoder
	for _, v := range vals {
		line := []byte(fmt.Sprintf(`{"k":%s,"n":1}`, v))
		want, werr := DecodeJSON("t", 1, line, nil)
		ev, ok := d.Decode(line)
		if !ok {
			continue // declined: the caller takes encoding/json's answer
		}
		if werr != nil {
			t.Errorf("%s: flat decoder accepted what encoding/json rejects (%v)", line, werr)
			continue
		}
		if got := fmt.Sprint(ev.Map()); got != fmt.Sprint(want.Event) {
			t.Errorf("%s: flat %s, encoding/json %s", line, got, fmt.Sprint(want.Event))
		}
	}
}

// FuzzFlatDecoder: whatever the flat decoder accepts, encoding/json accepts
// and decodes to the same event.
func FuzzFlatDecoder(f *testing.F) {
	for _, s := range []string{`{"k":"C:\\Windows\\System32\\cmd.exe","n":1}`, `{"a":"é\u00e9\"x","b":[1,"two",null],"c":true}`,
		"{\"k\":\"bad \xff\"}", `{"Channel":"Security","EventID":4624,"Data":["a","b"]}`, `{"a":"0123456789abcdef\\u0041"}`,
		`{"Chan nel":"security","SourceName":"Y","Channel":"microsoft-windows-sysmon/operational"}`,
		// past 64 bytes: the decoder's mask blocks (strmask.go) and their edges
		`{"CommandLine":"\"C:\\Program Files\\Windows Defender\\MpCmdRun.exe\" -wdenable \u00e9t\u00e9 \"C:\\Users\\Public\\x.ps1\"","Image":"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var d FlatDecoder
		ev, ok := d.Decode(line)
		if !ok {
			return
		}
		want, err := DecodeJSON("t", 1, line, nil)
		if err != nil {
			t.Fatalf("%q: flat decoder accepted what encoding/json rejects (%v)", line, err)
		}
		if got := fmt.Sprint(ev.Map()); got != fmt.Sprint(want.Event) {
			t.Fatalf("%q: flat %s, encoding/json %s", line, got, fmt.Sprint(want.Event))
		}
	})
}

// TestFlatNormalisationAgreesWithJSON: the flat decoder's normalisation
// (from what it noted about the keys) gives what Normalise gives the map:
// channel case, the Sysmon provider, aliases and spaceless names, with
// duplicate keys and keys that only normalisation creates.
func TestFlatNormalisationAgreesWithJSON(t *testing.T) {
	lines := []string{
		`{"Channel":"security","EventID":4624}`,
		`{"Channel":"SECURITY","Channel":"system"}`,
		`{"Channel":"Security","Channel":"setup"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1}`,
		`{"Channel":"microsoft-windows-sysmon/operational","Provider_Name":"X"}`,
		`{"Provider_Name":"X","Channel":"Microsoft-Windows-Sysmon/Operational"}`,
		`{"Channel":"Microsoft-Windows-Sysmon/Operational","SourceName":"Y"}`,
		`{"SourceName":"Y","Hostname":"h","Channel":"application"}`,
		`{"Chan nel":"security","EventID":1}`,
		`{"Provider Name":"p","Channel":"Microsoft-Windows-Sysmon/Operational"}`,
		`{"Provider_ Name":"p","Channel":"Microsoft-Windows-Sysmon/Operational"}`,
		`{"Channel":5,"EventID":1}`,
		`{"Channel":null}`,
		`{"Channel":["security"]}`,
		`{"EventID":1}`,
	}
	var d FlatDecoder
	for _, line := range lines {
		want, err := DecodeJSON("t", 1, []byte(line), nil)
		if err != nil {
			t.Fatal(err)
		}
		ev, ok := d.Decode([]byte(line))
		if !ok {
			t.Errorf("%s: declined", line)
			continue
		}
		if got := fmt.Sprint(ev.Map()); got != fmt.Sprint(want.Event) {
			t.Errorf("%s: flat %s, encoding/json %s", line, got, fmt.Sprint(want.Event))
		}
	}
}
