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
