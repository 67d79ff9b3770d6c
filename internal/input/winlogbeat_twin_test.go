package input

import (
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/vigil-sec/vigil/internal/evtx"
	"github.com/vigil-sec/vigil/internal/winevent"
)

// Every corpus EVTX record with named EventData, re-shipped the way
// Winlogbeat 7+ ships it, must give the EVTX reader's values for the fields
// Winlogbeat carries: the System identity fields and all of EventData.
func TestWinlogbeatTwinsOfEVTX(t *testing.T) {
	files := corpusEVTX(t)
	compared := 0
	for _, f := range files {
		r, err := evtx.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		r.KeepTree = true
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				continue
			}
			m, keys, ok := asWinlogbeat(rec.Tree)
			if !ok {
				continue
			}
			got := winevent.Normalise(m)
			for _, k := range keys {
				if a, b := winevent.Text(got[k]), winevent.Text(rec.Fields[k]); a != b {
					t.Fatalf("%s record %d: %s = %q via Winlogbeat, %q from EVTX", filepath.Base(f), rec.ID, k, a, b)
				}
			}
			compared++
		}
		r.Close()
	}
	t.Logf("%d records compared", compared)
	if compared < 5000 {
		t.Errorf("only %d records compared", compared)
	}
}

// asWinlogbeat builds the winlog object from an <Event> tree and lists the
// flat fields it should reproduce; ok is false for events Winlogbeat would
// ship differently (unnamed or nested EventData, UserData).
func asWinlogbeat(ev *winevent.Element) (map[string]any, []string, bool) {
	sys := ev.Child("System")
	if sys == nil || ev.Child("UserData") != nil {
		return nil, nil, false
	}
	w := map[string]any{}
	keys := []string{}
	text := func(e *winevent.Element) any { return winevent.Text(e.Value) }
	for _, c := range sys.Children {
		switch c.Name {
		case "Provider":
			if v, ok := c.Attr("Name"); ok {
				w["provider_name"], keys = winevent.Text(v), append(keys, "Provider_Name")
			}
		case "EventID":
			w["event_id"], keys = text(c), append(keys, "EventID")
		case "Channel":
			w["channel"], keys = text(c), append(keys, "Channel")
		case "Computer":
			w["computer_name"], keys = text(c), append(keys, "Computer")
		case "EventRecordID":
			w["record_id"], keys = text(c), append(keys, "EventRecordID")
		case "Version":
			w["version"], keys = text(c), append(keys, "Version")
		}
	}
	if _, ok := w["channel"]; !ok {
		return nil, nil, false
	}
	if ed := ev.Child("EventData"); ed != nil {
		data := map[string]any{}
		for _, d := range ed.Children {
			name, ok := d.Attr("Name")
			if d.Name != "Data" || !ok || len(d.Children) > 0 {
				return nil, nil, false
			}
			if _, list := d.Value.([]any); list {
				return nil, nil, false
			}
			n := winevent.Text(name)
			if _, dup := data[n]; dup {
				return nil, nil, false
			}
			data[n], keys = text(d), append(keys, n)
		}
		w["event_data"] = data
	}
	return map[string]any{"winlog": w}, keys, true
}
