package sink

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/vigil-sec/vigil/internal/alert"
)

type jsonlSink struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newJSONL(w io.Writer) *jsonlSink {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlSink{bw: bw, enc: enc}
}

func (s *jsonlSink) Write(a *alert.Alert) error { return s.enc.Encode(a) }
func (s *jsonlSink) Close() error               { return s.bw.Flush() }
