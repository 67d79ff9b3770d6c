package sink

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
)

// reference is what the sink wrote before it encoded by hand.
func reference(a *alert.Alert) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(a)
	return b.Bytes(), err
}

// TestEncodeAlertAsEncodingJSON compares the hand encoder with encoding/json
// on random alerts built from awkward pieces: control bytes, quotes,
// invalid UTF-8, U+2028/9, HTML characters, nil and empty lists, zero and
// non-zero numbers, events with white space, correlation sections.
func TestEncodeAlertAsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	pieces := []string{"", "a", "Ünïcode", "\"", "\\", "\n", "\t", "\x00", "\x1f", "\x7f", "\b\f\r",
		"\xff", "\xe2\x80", "\u2028", "\u2029", "<a&b>", "€", "😀", "C:\\Windows\\System32", " "}
	str := func() string {
		var b bytes.Buffer
		for n := rng.Intn(4); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	strs := func() []string {
		switch rng.Intn(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, 1+rng.Intn(3))
		for i := range out {
			out[i] = str()
		}
		return out
	}
	events := []string{"", `{"a":1}`, ` { "a" : [ 1 , 2.5e3 , -0 ] , "b" : { } , "c":"x\"\u00e9 y" }` + "\n",
		`{"k":"<&>","u":"\u2028","n":null,"t":true,"f":false}`, "[]", `"s"`, "\t{\r\n}\n"}
	for i := 0; i < 3000; i++ {
		a := &alert.Alert{
			Rule:   alert.Rule{ID: str(), Title: str(), Level: str(), Status: str(), Author: str(), Tags: strs(), Path: str()},
			Attack: alert.Attack{Techniques: strs(), Tactics: strs(), Notes: strs(), EarlierIDs: strs()},
			Host:   str(),
			Source: alert.Source{Path: str()},
			Event:  json.RawMessage(events[rng.Intn(len(events))]),
		}
		if rng.Intn(2) == 0 {
			ts := str()
			a.Timestamp = &ts
		}
		if rng.Intn(2) == 0 {
			a.Source.Line = rng.Intn(3) * 1000
			a.Source.Record = uint64(rng.Intn(2)) << 40
			a.Source.Offset = int64(rng.Intn(2)) * 65536
		}
		if rng.Intn(5) == 0 {
			a.Event = nil
			a.Correlation = map[string]any{"type": "event_count", "group": map[string]string{str(): str()}, "value": rng.Intn(9)}
		}
		want, werr := reference(a)
		got, gerr := encodeAlert(nil, a)
		if (werr != nil) != (gerr != nil) || (werr == nil && !bytes.Equal(got, want)) {
			t.Fatalf("alert %+v\n got %q (%v)\nwant %q (%v)", a, got, gerr, want, werr)
		}
	}
}

func TestEncodeAlertRejectsInvalidEvent(t *testing.T) {
	for _, ev := range []string{"{", `{"a":}`, `{"a":1,}`, `[1 2]`, "01", `"\x01"`, `"\q"`, `{"a":1} x`, "nul"} {
		a := &alert.Alert{Event: json.RawMessage(ev)}
		if _, err := encodeAlert(nil, a); err == nil {
			t.Errorf("event %q: no error", ev)
		}
		if _, err := reference(a); err == nil {
			t.Errorf("event %q: encoding/json accepts it; the test is wrong", ev)
		}
	}
}

// FuzzAppendRaw: AppendCompact accepts exactly what json.Compact accepts and
// writes the same bytes.
func FuzzAppendRaw(f *testing.F) {
	for _, s := range []string{`{"a":1}`, ` [ 1 , "x" ] `, `{"a":{"b":[true,false,null]}}`, `-0.5e+3`, `"\ud83d\ude00"`, "{\n}", `{"a" 1}`, `[1,]`,
		"{\"k\":\"ab\x01cdefghijklmnopq\"}", `{"Image":"C:\\Windows\\System32\\cmd.exe","CommandLine":"cmd /c \"x\" \u00e9"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want bytes.Buffer
		werr := json.Compact(&want, raw)
		got, gerr := AppendCompact(nil, raw)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q: AppendCompact error %v, json.Compact error %v", raw, gerr, werr)
		}
		if werr == nil && !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%q: got %q want %q", raw, got, want.Bytes())
		}
	})
}
