package winevent

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func checkFields(t *testing.T, got map[string]any, want map[string]string) {
	t.Helper()
	for k, w := range want {
		v, ok := got[k]
		if !ok {
			t.Errorf("missing %s (want %q)", k, w)
		} else if Text(v) != w {
			t.Errorf("%s = %q, want %q", k, Text(v), w)
		}
	}
}

// TestFromEvtxDumpShapes covers the evtx_dump JSON forms that matter:
// EventID with Qualifiers, Security null, Correlation attributes, unnamed
// Data lists, EventData text, Binary, and the System-wins collision rule.
func TestFromEvtxDumpShapes(t *testing.T) {
	m := decode(t, `{"Event": {"#attributes": {"xmlns": "x"}, "System": {
		"Provider": {"#attributes": {"Name": "Service Control Manager", "Guid": "{555908d1}", "EventSourceName": "Service Control Manager"}},
		"EventID": {"#attributes": {"Qualifiers": 16384}, "#text": 7045},
		"Version": 0, "Level": 4, "Task": 0, "Opcode": 0, "Keywords": "0x8080000000000000",
		"TimeCreated": {"#attributes": {"SystemTime": "2017-07-12T17:16:29.401630Z"}},
		"EventRecordID": 45, "Correlation": {"#attributes": {"ActivityID": "A-1"}},
		"Execution": {"#attributes": {"ProcessID": 620, "ThreadID": 1796}},
		"Channel": "System", "Computer": "WIN", "Security": null},
	  "EventData": {"ServiceName": "svc ", "Channel": "fake", "Data": ["a", "b"], "Binary": "00FF"}}}`)
	got, ok := FromEvtxDump(m)
	if !ok {
		t.Fatal("not detected as evtx_dump")
	}
	checkFields(t, got, map[string]string{
		"EventID": "7045", "EventID_Qualifiers": "16384", "Provider_Name": "Service Control Manager",
		"Provider_Guid": "{555908d1}", "Provider_EventSourceName": "Service Control Manager",
		"TimeCreated": "2017-07-12T17:16:29.401630Z", "EventRecordID": "45", "Correlation_ActivityID": "A-1",
		"Execution_ProcessID": "620", "Execution_ThreadID": "1796", "Channel": "System", "Computer": "WIN",
		"Keywords": "0x8080000000000000", "Level": "4", "ServiceName": "svc", "EventData_Channel": "fake",
		"Data": "a,b", "Data_1": "a", "Data_2": "b", "Binary": "00FF",
	})
	if v, ok := got["Security"]; !ok || v != nil {
		t.Errorf("Security = %v,%v; want present and null", v, ok)
	}
	for _, k := range []string{"xmlns", "Event_xmlns", "Correlation", "TimeCreated_SystemTime"} {
		if _, ok := got[k]; ok {
			t.Errorf("unexpected field %s", k)
		}
	}
}

func TestFromEvtxDumpUserDataAndText(t *testing.T) {
	m := decode(t, `{"Event": {"System": {"EventID": 104, "Channel": "System"},
	  "UserData": {"LogFileCleared": {"#attributes": {"xmlns": "http://x"}, "SubjectUserName": "bob", "Channel": "System", "Entry": [1, 2]}}}}`)
	got, _ := FromEvtxDump(m)
	checkFields(t, got, map[string]string{"SubjectUserName": "bob", "UserData_Channel": "System", "Entry": "1,2", "EventID": "104"})
	m = decode(t, `{"Event": {"System": {"EventID": 1}, "EventData": {"#text": "free text", "Data": {"#text": ["x", "y"]}}}}`)
	got, _ = FromEvtxDump(m)
	checkFields(t, got, map[string]string{"EventData": "free text", "Data": "x,y", "Data_1": "x", "Data_2": "y"})
	for _, bad := range []string{`{"EventID": 1}`, `{"Event": {"EventData": {}}}`, `{"Event": "x"}`} {
		if _, ok := FromEvtxDump(decode(t, bad)); ok {
			t.Errorf("FromEvtxDump(%s) accepted a non-evtx_dump object", bad)
		}
	}
}

// TestFlattenElement builds the tree the EVTX parser builds and checks the
// naming rules directly, including typed values and named Data.
func TestFlattenElement(t *testing.T) {
	ev := &Element{Name: "Event", Children: []*Element{
		{Name: "System", Children: []*Element{
			{Name: "EventID", Value: json.Number("4688")},
			{Name: "Channel", Value: "Security"},
			{Name: "Security", Attrs: []Attr{{Name: "UserID", Value: "S-1-5-18"}}},
		}},
		{Name: "EventData", Children: []*Element{
			{Name: "Data", Attrs: []Attr{{Name: "Name", Value: "NewProcessName"}}, Value: `C:\x.exe`},
			{Name: "Data", Attrs: []Attr{{Name: "Name", Value: "EventID"}}, Value: "dup"},
			{Name: "Data", Attrs: []Attr{{Name: "Name", Value: "List"}}, Value: []any{"p ", "q"}},
		}},
	}}
	got := Flatten(ev)
	checkFields(t, got, map[string]string{
		"EventID": "4688", "Channel": "Security", "Security_UserID": "S-1-5-18",
		"NewProcessName": `C:\x.exe`, "EventData_EventID": "dup", "List": "p,q",
	})
	if len(got) != 6 {
		t.Errorf("got %d fields, want 6: %v", len(got), got)
	}
}

// TestFlattenerSameAsFlatten: a Flattener kept from event to event gives
// each event exactly what a fresh Flatten gives, though it remembers
// joined names, its list of System keys and the last map's size. The
// second event names an EventData field after a key the first one's
// System set: it must not be taken for a System key.
func TestFlattenerSameAsFlatten(t *testing.T) {
	sys := func(kids ...*Element) *Element { return &Element{Name: "System", Children: kids} }
	data := func(name string, v any) *Element {
		return &Element{Name: "Data", Attrs: []Attr{{Name: "Name", Value: name}}, Value: v}
	}
	events := []*Element{
		{Name: "Event", Children: []*Element{
			sys(&Element{Name: "Provider", Attrs: []Attr{{Name: "Name", Value: "P"}}},
				&Element{Name: "Correlation", Attrs: []Attr{{Name: "ActivityID", Value: "{A}"}}},
				&Element{Name: "EventID", Value: "1"}),
			{Name: "EventData", Children: []*Element{data("Image", `C:\x.exe `), data("EventID", "dup")}},
		}},
		{Name: "Event", Children: []*Element{
			sys(&Element{Name: "Provider", Attrs: []Attr{{Name: "Name", Value: "Q"}}}),
			{Name: "EventData", Children: []*Element{data("Correlation_ActivityID", "mine"), data("Image", "y")}},
		}},
		{Name: "Event", Children: []*Element{
			{Name: "UserData", Children: []*Element{{Name: "Rule", Attrs: []Attr{{Name: "Id", Value: "7"}}, Value: "r"}}},
		}},
	}
	var fl Flattener
	for round := 0; round < 2; round++ {
		for i, ev := range events {
			if got, want := fl.Flatten(ev), Flatten(ev); !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, event %d: %v, afresh %v", round, i, got, want)
			}
		}
	}
	if got := fl.Flatten(events[1])["Correlation_ActivityID"]; got != "mine" {
		t.Errorf("Correlation_ActivityID = %v, want the event's own field", got)
	}
}

// TestFlattenManyFields: past the few dozen keys a record usually has, the
// flattener finds keys through an index instead of a scan; duplicates and
// collisions with System must come out the same on both sides of that.
func TestFlattenManyFields(t *testing.T) {
	ed := &Element{Name: "EventData"}
	data := func(name string, v any) {
		ed.Children = append(ed.Children, &Element{Name: "Data", Attrs: []Attr{{Name: "Name", Value: name}}, Value: v})
	}
	for i := 0; i < 100; i++ {
		data(fmt.Sprintf("F%d", i), fmt.Sprintf("v%d", i))
	}
	data("F5", "again5")
	data("F70", "again70")
	data("EventID", "mine")
	ev := &Element{Name: "Event", Children: []*Element{
		{Name: "System", Children: []*Element{{Name: "EventID", Value: "4688"}}}, ed}}
	var fl Flattener
	for round := 0; round < 2; round++ {
		m := fl.Flatten(ev)
		if len(m) != 102 {
			t.Fatalf("%d fields, want 102", len(m))
		}
		for k, want := range map[string]any{"F5": []any{"v5", "again5"}, "F70": []any{"v70", "again70"},
			"F99": "v99", "EventID": "4688", "EventData_EventID": "mine"} {
			if !reflect.DeepEqual(m[k], want) {
				t.Errorf("round %d: %s = %v, want %v", round, k, m[k], want)
			}
		}
		if flat := fl.FlattenFlat(ev); !reflect.DeepEqual(map[string]any(flat.Map()), m) {
			t.Errorf("round %d: FlattenFlat differs from Flatten", round)
		}
	}
}
