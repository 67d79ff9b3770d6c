package winevent

// FromWinlogbeat flattens one event shipped by Winlogbeat, in either of its
// layouts:
//
//	7.x and later (ECS): {"@timestamp": ..., "winlog": {"channel": ..., "event_id": ...,
//	    "provider_name": ..., "computer_name": ..., "record_id": ..., "event_data": {...},
//	    "user_data": {...}, "process": {"pid": ..., "thread": {"id": ...}}}, "host": {...}, ...}
//	6.x (and HELK-era datasets): {"log_name": ..., "event_id": ..., "source_name": ...,
//	    "computer_name": ..., "record_number": ..., "event_data": {...}, "user_data": {...}}
//
// ok is false for any other shape. The Windows part is rebuilt as an <Event>
// tree and goes through Flatten, so a rule sees the same fields (Channel,
// EventID, Provider_Name, Computer, Image, ...) as for the EVTX record the
// event was read from. Top-level keys the Windows fields do not use
// (@timestamp, message, host, ...) are kept beside them.
func FromWinlogbeat(m map[string]any) (map[string]any, bool) {
	w, ok := m["winlog"].(map[string]any)
	if !ok {
		if _, has := m["log_name"]; !has {
			return nil, false
		}
		if _, has := m["event_data"]; !has {
			if _, has := m["source_name"]; !has {
				return nil, false
			}
		}
		w = m // 6.x: the winlog fields sit at the top level
	}
	channel, okC := w["channel"]
	if !okC {
		channel, okC = w["log_name"]
	}
	id, okI := w["event_id"]
	if !okC || !okI {
		return nil, false
	}
	sys := &Element{Name: "System"}
	child := func(name string, v any) {
		if v != nil {
			sys.Children = append(sys.Children, &Element{Name: name, Value: v})
		}
	}
	provider := first(w, "provider_name", "source_name")
	if provider != nil {
		p := &Element{Name: "Provider", Attrs: []Attr{{Name: "Name", Value: provider}}}
		if g := w["provider_guid"]; g != nil {
			p.Attrs = append(p.Attrs, Attr{Name: "Guid", Value: g})
		}
		sys.Children = append(sys.Children, p)
	}
	child("EventID", id)
	child("Version", w["version"]) // also decides EventData "Version" collisions as EVTX does
	if ts, ok := m["@timestamp"].(string); ok {
		sys.Children = append(sys.Children, &Element{Name: "TimeCreated", Attrs: []Attr{{Name: "SystemTime", Value: ts}}})
	}
	child("EventRecordID", first(w, "record_id", "record_number"))
	if proc, ok := w["process"].(map[string]any); ok {
		ex := &Element{Name: "Execution"}
		if pid := proc["pid"]; pid != nil {
			ex.Attrs = append(ex.Attrs, Attr{Name: "ProcessID", Value: pid})
		}
		if th, ok := proc["thread"].(map[string]any); ok && th["id"] != nil {
			ex.Attrs = append(ex.Attrs, Attr{Name: "ThreadID", Value: th["id"]})
		}
		sys.Children = append(sys.Children, ex)
	}
	child("Channel", channel)
	child("Computer", first(w, "computer_name"))
	if u, ok := w["user"].(map[string]any); ok && u["identifier"] != nil {
		sys.Children = append(sys.Children, &Element{Name: "Security", Attrs: []Attr{{Name: "UserID", Value: u["identifier"]}}})
	}
	ev := &Element{Name: "Event", Children: []*Element{sys}}
	if ed, ok := w["event_data"].(map[string]any); ok {
		data := &Element{Name: "EventData"}
		for _, k := range sortedKeys(ed) {
			data.Children = append(data.Children, &Element{Name: "Data", Attrs: []Attr{{Name: "Name", Value: k}}, Value: ed[k]})
		}
		ev.Children = append(ev.Children, data)
	}
	if ud, ok := w["user_data"].(map[string]any); ok {
		ev.Children = append(ev.Children, jsonElements("UserData", ud)...)
	}
	out := Flatten(ev)
	for k, v := range m {
		if _, taken := out[k]; !taken && k != "winlog" && k != "event_data" && k != "user_data" {
			out[k] = v
		}
	}
	return out, true
}

func first(m map[string]any, keys ...string) any {
	for _, k := range keys {
		if v, ok := m[k]; ok && v != nil {
			return v
		}
	}
	return nil
}
