package sink

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/vigil-sec/vigil/internal/alert"
)

// jsonlSink writes one alert per line. It encodes alerts by hand (encodeAlert)
// rather than through encoding/json's reflection: on a busy scan, writing
// alerts cost as much as matching them. The bytes are those encoding/json
// writes with HTML escaping off (TestEncodeAlertAsEncodingJSON).
type jsonlSink struct {
	bw    *bufio.Writer
	buf   []byte
	heads heads
}

func newJSONL(w io.Writer) *jsonlSink {
	return &jsonlSink{bw: bufio.NewWriterSize(w, 64<<10)}
}

func (s *jsonlSink) Write(a *alert.Alert) error {
	b, err := encodeTail(s.heads.append(s.buf[:0], a), a)
	if err != nil {
		return err
	}
	s.buf = b
	_, err = s.bw.Write(b)
	return err
}

func (s *jsonlSink) Close() error { return s.bw.Flush() }

// encodeAlert appends a's JSON line to dst.
func encodeAlert(dst []byte, a *alert.Alert) ([]byte, error) {
	return encodeTail(appendHead(dst, a), a)
}

// appendHead appends a's rule and ATT&CK objects, from the line's opening
// brace: the part every alert of a rule shares (heads.go).
func appendHead(dst []byte, a *alert.Alert) []byte {
	r := &a.Rule
	dst = append(dst, `{"rule":{"id":`...)
	dst = appendString(dst, r.ID)
	dst = append(dst, `,"title":`...)
	dst = appendString(dst, r.Title)
	dst = append(dst, `,"level":`...)
	dst = appendString(dst, r.Level)
	dst = append(dst, `,"status":`...)
	dst = appendString(dst, r.Status)
	dst = append(dst, `,"author":`...)
	dst = appendString(dst, r.Author)
	dst = append(dst, `,"tags":`...)
	dst = appendStrings(dst, r.Tags)
	dst = append(dst, `,"path":`...)
	dst = appendString(dst, r.Path)
	dst = append(dst, `},"attack":{"techniques":`...)
	dst = appendStrings(dst, a.Attack.Techniques)
	dst = append(dst, `,"tactics":`...)
	dst = appendStrings(dst, a.Attack.Tactics)
	if len(a.Attack.Notes) > 0 {
		dst = append(dst, `,"notes":`...)
		dst = appendStrings(dst, a.Attack.Notes)
	}
	if len(a.Attack.EarlierIDs) > 0 {
		dst = append(dst, `,"earlier_ids":`...)
		dst = appendStrings(dst, a.Attack.EarlierIDs)
	}
	return append(dst, '}')
}

// encodeTail appends the rest of a's line, after its head.
func encodeTail(dst []byte, a *alert.Alert) ([]byte, error) {
	dst = append(dst, `,"timestamp":`...)
	if a.Timestamp == nil {
		dst = append(dst, "null"...)
	} else {
		dst = appendString(dst, *a.Timestamp)
	}
	if a.Host != "" {
		dst = append(dst, `,"host":`...)
		dst = appendString(dst, a.Host)
	}
	dst = append(dst, `,"source":{"path":`...)
	dst = appendString(dst, a.Source.Path)
	if a.Source.Line != 0 {
		dst = append(dst, `,"line":`...)
		dst = strconv.AppendInt(dst, int64(a.Source.Line), 10)
	}
	if a.Source.Record != 0 {
		dst = append(dst, `,"record":`...)
		dst = strconv.AppendUint(dst, a.Source.Record, 10)
	}
	if a.Source.Offset != 0 {
		dst = append(dst, `,"offset":`...)
		dst = strconv.AppendInt(dst, a.Source.Offset, 10)
	}
	dst = append(dst, `},"event":`...)
	var err error
	if a.EventCompact {
		dst = append(dst, a.Event...)
	} else if dst, err = AppendCompact(dst, a.Event); err != nil {
		return dst, err
	}
	if a.Correlation != nil {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a.Correlation); err != nil {
			return dst, err
		}
		dst = append(dst, `,"correlation":`...)
		dst = append(dst, bytes.TrimSuffix(b.Bytes(), []byte("\n"))...)
	}
	return append(dst, "}\n"...), nil
}

func appendStrings(dst []byte, ss []string) []byte {
	if ss == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}
