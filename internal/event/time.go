package event

import (
	"strconv"
	"strings"
	"time"
)

// DefaultTimeFields are tried in order for an event's time: the canonical
// Windows TimeCreated, then the usual JSON log fields, then CloudTrail's
// eventTime and Okta's published.
func DefaultTimeFields() []string {
	return []string{"TimeCreated", "@timestamp", "timestamp", "time", "EventTime", "UtcTime", "eventTime", "published"}
}

// Time returns the event's time from the first of fields (DefaultTimeFields when
// nil: DefaultTimeFields) that is present and parses. ok is false when none does.
func Time(ev Event, fields []string) (t time.Time, field string, ok bool) {
	if fields == nil {
		fields = DefaultTimeFields()
	}
	for _, f := range fields {
		v, found := ev.Get(f)
		if !found {
			continue
		}
		if t, ok := ParseTime(v); ok {
			return t, f, true
		}
	}
	return time.Time{}, "", false
}

// layouts are the textual forms seen in Windows exports and JSON logs.
var layouts = [...]string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999 MST",
}

// ParseTime reads RFC 3339 / ISO 8601 text (a missing zone means UTC) or
// epoch seconds or milliseconds (numbers or numeric strings; values above
// 1e11 are taken as milliseconds).
func ParseTime(v Value) (time.Time, bool) {
	if v.Kind() == Number || isDigits(v) {
		if f, ok := v.Float(); ok {
			return epoch(f)
		}
	}
	s, ok := v.Text()
	if !ok {
		return time.Time{}, false
	}
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func isDigits(v Value) bool {
	s, ok := v.Raw().(string)
	if !ok || s == "" || strings.ContainsAny(s, "-:T ") { // dates: no failed ParseFloat (it allocates)
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func epoch(f float64) (time.Time, bool) {
	if f <= 0 {
		return time.Time{}, false
	}
	if f > 1e11 {
		return time.UnixMilli(int64(f)).UTC(), true
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), true
}
