package event

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTime(t *testing.T) {
	want := time.Date(2026, 3, 10, 9, 15, 0, 0, time.UTC)
	for _, ev := range []Map{
		{"TimeCreated": "2026-03-10T09:15:00Z"},
		{"TimeCreated": "2026-03-10T09:15:00.000000Z"},
		{"@timestamp": "2026-03-10T10:15:00+01:00"},
		{"UtcTime": "2026-03-10 09:15:00.000"},
		{"time": json.Number("1773134100")},
		{"timestamp": json.Number("1773134100000")},
		{"EventTime": "1773134100"},
		{"TimeCreated": "garbage", "time": float64(1773134100)},
	} {
		got, _, ok := Time(ev, nil)
		if !ok || !got.Equal(want) {
			t.Errorf("%v: %v %v", ev, got, ok)
		}
	}
	if _, _, ok := Time(Map{"TimeCreated": "yesterday"}, nil); ok {
		t.Error("unparsable time accepted")
	}
	if got, f, ok := Time(Map{"when": "2026-03-10T09:15:00Z"}, []string{"when"}); !ok || f != "when" || !got.Equal(want) {
		t.Error("custom time field")
	}
}
