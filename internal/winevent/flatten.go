package winevent

import (
	"strconv"
	"strings"
)

// Flatten turns an <Event> element into the canonical flat field map:
//
//   - System children by name (EventID, Channel, Computer, Level, ...) and
//     their attributes as Element_Attribute (Provider_Name, Provider_Guid,
//     Execution_ProcessID, Security_UserID, EventID_Qualifiers, ...), which is
//     Sigma's convention for XML attributes. TimeCreated_SystemTime is
//     shortened to TimeCreated because that is what rules and people call it.
//   - every <Data Name="X"> of EventData as X, every leaf element of UserData
//     (and of any other section) under its own name;
//   - unnamed <Data> items as Data (the value, or a list of them when there
//     are several) and Data_1, Data_2, ... in document order, so rules written
//     either way match;
//   - text directly inside EventData as EventData.
//
// A field name with spaces (Defender's "Threat Name") is also given without
// them (ThreatName), the form Sigma rules use, unless that name is taken;
// of two names that lose their spaces alike, the first in document order
// gives the alias.
//
// Collisions: System wins. An EventData or UserData field whose name is
// already taken by System is kept as Section_Name (EventData_Channel); two
// section fields with the same name become a list, in document order.
// xmlns attributes are dropped: they are schema noise, never rule input.
//
// Trailing spaces of string values are removed. Windows often stores
// command lines with a trailing blank ("chcp "), evtx_dump's JSON drops it,
// and the two shapes must give the same text; trimming also lets
// "endswith" rules match such values as they are meant to.
func Flatten(ev *Element) map[string]any {
	var fl Flattener
	return fl.Flatten(ev)
}

// spacelessAliases adds, for every field name with spaces ("Threat Name",
// "Source Name" in Defender events), the same value under the name without
// spaces, which is how Sigma rules write such fields (ThreatName). The
// original name stays; an existing field is never overwritten.
func (f *flattener) spacelessAliases() {
	for i, n := 0, len(f.out.keys); i < n; i++ { // in document order: the first of two that lose their spaces alike wins
		k := f.out.keys[i]
		if strings.IndexByte(k, ' ') < 0 {
			continue
		}
		if alias := strings.ReplaceAll(k, " ", ""); !f.has(alias) {
			f.out.set(alias, f.out.vals[i])
		}
	}
}

func (f *flattener) has(k string) bool {
	_, ok := f.out.find(k)
	return ok
}

type flattener struct {
	out    *fieldList
	sysSet []string        // keys set by System, which win every collision
	owned  map[string]bool // keys whose list value put created and may append to
	fl     *Flattener
}

// join returns element + "_" + attr, from the Flattener's cache when it
// has it.
func (f *flattener) join(element, attr string) string {
	k := [2]string{element, attr}
	if s, ok := f.fl.names[k]; ok {
		return s
	}
	s := element + "_" + attr
	if f.fl.names == nil {
		f.fl.names = map[[2]string]string{}
	}
	if len(f.fl.names) < maxJoinedNames {
		f.fl.names[k] = s
	}
	return s
}

func (f *flattener) system(sys *Element) {
	for _, c := range sys.Children {
		if len(c.Children) > 0 {
			f.leaves(c, "System")
			continue
		}
		if c.Value != nil || len(c.Attrs) == 0 {
			f.putSystem(c.Name, c.Value)
		}
		for _, a := range c.Attrs {
			if isXMLNS(a.Name) {
				continue
			}
			key := f.join(c.Name, a.Name)
			if key == "TimeCreated_SystemTime" {
				key = "TimeCreated"
			}
			f.putSystem(key, a.Value)
		}
	}
}

func (f *flattener) putSystem(key string, v any) {
	v = trimValue(v)
	if !f.has(key) {
		f.sysSet = append(f.sysSet, key)
	}
	f.out.set(key, v)
}

func (f *flattener) eventData(ed *Element) {
	for _, a := range ed.Attrs {
		if !isXMLNS(a.Name) {
			f.put("EventData_"+a.Name, a.Value, "EventData")
		}
	}
	if ed.Value != nil {
		f.put("EventData", ed.Value, "EventData")
	}
	var unnamed []any
	for _, c := range ed.Children {
		if c.Name != "Data" || len(c.Children) > 0 {
			f.leaves(c, "EventData")
			continue
		}
		if name, ok := c.Attr("Name"); ok && Text(name) != "" {
			f.put(Text(name), c.Value, "EventData")
			continue
		}
		// A list value (array substitution, or "#text": [...]) is several items.
		if list, ok := c.Value.([]any); ok {
			unnamed = append(unnamed, list...)
		} else {
			unnamed = append(unnamed, c.Value)
		}
	}
	switch len(unnamed) {
	case 0:
		return
	case 1:
		f.put("Data", unnamed[0], "EventData")
	default:
		f.put("Data", unnamed, "EventData")
	}
	for i, v := range unnamed {
		f.put("Data_"+strconv.Itoa(i+1), v, "EventData")
	}
}

// section flattens UserData, RenderingInfo, ProcessingErrorData and the like.
func (f *flattener) section(s *Element) {
	for _, a := range s.Attrs {
		if !isXMLNS(a.Name) {
			f.put(s.Name+"_"+a.Name, a.Value, s.Name)
		}
	}
	if s.Value != nil {
		f.put(s.Name, s.Value, s.Name)
	}
	for _, c := range s.Children {
		f.leaves(c, s.Name)
	}
}

// leaves puts every leaf element below e under its own name.
func (f *flattener) leaves(e *Element, section string) {
	if len(e.Children) == 0 {
		if e.Value != nil || len(e.Attrs) == 0 {
			f.put(e.Name, e.Value, section)
		}
	} else if e.Value != nil {
		f.put(e.Name, e.Value, section)
	}
	for _, a := range e.Attrs {
		if !isXMLNS(a.Name) {
			f.put(f.join(e.Name, a.Name), a.Value, section)
		}
	}
	for _, c := range e.Children {
		f.leaves(c, section)
	}
}
