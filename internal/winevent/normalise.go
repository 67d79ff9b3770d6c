package winevent

import (
	"strings"

	"github.com/vigil-sec/vigil/internal/event"
)

// flatAliases maps field names used by flat exports (Security-Datasets,
// NXLog, Winlogbeat-like pipelines) to the canonical names. The canonical
// name is only added when missing; the original key always stays, so rules
// written against either spelling match.
var flatAliases = [...]struct{ from, to string }{
	{"SourceName", "Provider_Name"},
	{"ProviderName", "Provider_Name"},
	{"ProviderGuid", "Provider_Guid"},
	{"Hostname", "Computer"},
	{"ProcessID", "Execution_ProcessID"},
	{"ThreadID", "Execution_ThreadID"},
	{"UserID", "Security_UserID"},
	{"RecordNumber", "EventRecordID"},
}

// channelCase restores the case Windows gives its classic channels; some
// pipelines lower-case them ("security"). Only these exact names are fixed:
// other channels are left as written.
var channelCase = [...]string{"Security", "System", "Application", "Setup"}

// Normalise brings a decoded JSON event to the canonical field names.
//
// An evtx_dump-style event (Event.System present) is flattened by
// FromEvtxDump into a new map, a Winlogbeat event (winlog.channel, or 6.x's
// log_name) by FromWinlogbeat. Any other map is taken as a flat export
// (shape 3): canonical aliases are added to m itself when missing
// (Provider_Name from SourceName, Computer from Hostname, ...), a
// lower-cased classic channel name gets its Windows case back, and Sysmon
// events without a provider get Provider_Name from their channel. No key is
// ever deleted. The returned map is m in that case.
func Normalise(m map[string]any) map[string]any {
	if flat, ok := FromEvtxDump(m); ok {
		return flat
	}
	if flat, ok := FromWinlogbeat(m); ok {
		return flat
	}
	for _, a := range flatAliases {
		if v, ok := m[a.from]; ok {
			if _, has := m[a.to]; !has {
				m[a.to] = v
			}
		}
	}
	for k, v := range m {
		if strings.IndexByte(k, ' ') >= 0 {
			if alias := strings.ReplaceAll(k, " ", ""); m[alias] == nil {
				m[alias] = v
			}
		}
	}
	if ch, ok := m["Channel"].(string); ok {
		for _, c := range channelCase {
			if ch != c && strings.EqualFold(ch, c) {
				m["Channel"] = c
			}
		}
		if _, has := m["Provider_Name"]; !has && strings.EqualFold(ch, "Microsoft-Windows-Sysmon/Operational") {
			m["Provider_Name"] = "Microsoft-Windows-Sysmon"
		}
	}
	return m
}

// FlatKeys is what a decoder noted about a flat event's keys while reading
// them, so that NormaliseFlat need not search the event: whether a key is
// an alias source or holds a space, and where the last Channel and
// Provider_Name keys are (-1: none).
type FlatKeys struct {
	HasAlias, HasSpace bool
	Channel, Provider  int
}

// NormaliseFlat applies Normalise's rules for flat exports to an event
// decoded straight from its bytes: the same aliases, spaceless names,
// channel case and Sysmon provider, added as further fields (a later field
// shadows an earlier one of the same key).
func NormaliseFlat(f *event.Flat, k FlatKeys) {
	if k.HasAlias {
		for _, a := range flatAliases {
			if v, ok := f.Get(a.from); ok {
				if _, has := f.Get(a.to); !has {
					f.Fields = append(f.Fields, event.Field{Key: a.to, Val: v})
				}
			}
		}
	}
	if k.HasSpace {
		n := len(f.Fields)
		for i := 0; i < n; i++ {
			key := f.Fields[i].Key
			if strings.IndexByte(key, ' ') < 0 || f.Shadowed(i) {
				continue
			}
			alias := strings.ReplaceAll(key, " ", "")
			if v, ok := f.Get(alias); !ok || v.Kind() == event.Null {
				f.Fields = append(f.Fields, event.Field{Key: alias, Val: f.Fields[i].Val})
			}
		}
	}
	// The fields added above may be a Channel or a Provider_Name: then
	// search, else the decoder's note answers.
	searched := k.HasAlias || k.HasSpace
	get := func(key string, at int) (event.Value, bool) {
		if searched {
			return f.Get(key)
		}
		if at < 0 {
			return event.Value{}, false
		}
		return f.Fields[at].Val, true
	}
	if v, ok := get("Channel", k.Channel); ok {
		ch, isStr := v.Str()
		if !isStr {
			return
		}
		for _, c := range channelCase {
			if ch != c && strings.EqualFold(ch, c) {
				f.Fields = append(f.Fields, event.Field{Key: "Channel", Val: event.Str(c)})
			}
		}
		if _, has := get("Provider_Name", k.Provider); !has && strings.EqualFold(ch, "Microsoft-Windows-Sysmon/Operational") {
			f.Fields = append(f.Fields, event.Field{Key: "Provider_Name", Val: event.Str("Microsoft-Windows-Sysmon")})
		}
	}
}

// IsFlatAliasSource reports whether key is one Normalise copies to a canonical name.
func IsFlatAliasSource(key string) bool {
	if len(key) >= 64 || aliasLengths&(1<<len(key)) == 0 {
		return false
	}
	for _, a := range flatAliases {
		if a.from == key {
			return true
		}
	}
	return false
}

// aliasLengths has bit n set when an alias source is n bytes long: most
// keys are passed over on their length.
var aliasLengths = func() (m uint64) {
	for _, a := range flatAliases {
		m |= 1 << len(a.from)
	}
	return m
}()
