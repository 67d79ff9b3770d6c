package input

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vigil-sec/vigil/internal/winevent"
)

// FormatXML is Windows events rendered as XML: Event Viewer's "Save as XML"
// (<Events><Event>…</Event></Events>), wevtutil qe /f:xml or
// /f:RenderedXml (<Event> elements one after another, no root) and
// PowerShell's ToXml().
const FormatXML = "xml"

// maxXMLEvent bounds one <Event>: a runaway element (a file that is not an
// event export, or one that never closes) is reported, not buffered whole.
const maxXMLEvent = 1 << 20

// xmlSource streams the <Event> elements of an XML file wherever they sit.
// Each becomes the same flat field set as the EVTX reader gives
// (winevent.Flatten), so a rule matches an exported event exactly as it
// matches the record it was exported from. An XML syntax error cannot be
// stepped over, so it ends the file after saying where.
type xmlSource struct {
	path   string
	dec    *xml.Decoder
	close  func()
	done   bool
	events int
}

func newXMLSource(path string, r io.Reader, close func()) *xmlSource {
	dec := xml.NewDecoder(r)
	dec.Strict = false // exports hold stray entities (&nbsp;) and bare ampersands in messages
	dec.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		if c := strings.ToLower(charset); c == "utf-16" || c == "unicode" {
			return nil, fmt.Errorf("UTF-16 XML: convert it to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)")
		}
		return in, nil // declared windows-1252 etc.: read as is
	}
	return &xmlSource{path: path, dec: dec, close: close}
}

func (s *xmlSource) Format() string { return FormatXML }
func (s *xmlSource) Close() error   { s.close(); return nil }

func (s *xmlSource) Next() (Record, error) {
	for !s.done {
		tok, err := s.dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.done = true
			line, col := s.dec.InputPos()
			return Record{}, &RecordError{s.path, fmt.Sprintf("line %d, column %d", line, col), "malformed XML ends the file here: " + err.Error()}
		}
		start, ok := tok.(xml.StartElement)
		if !ok || start.Name.Local != "Event" {
			continue
		}
		line, _ := s.dec.InputPos()
		s.events++
		el, err := s.element(start)
		if err != nil {
			s.done = true
			return Record{}, &RecordError{s.path, fmt.Sprintf("line %d (event %d)", line, s.events), err.Error()}
		}
		if el.Child("System") == nil {
			return Record{}, &RecordError{s.path, fmt.Sprintf("line %d (event %d)", line, s.events), "<Event> without <System>: skipped"}
		}
		return Record{Line: line, Event: winevent.Flatten(el)}, nil
	}
	if !s.done && s.events == 0 {
		s.done = true
		return Record{}, &RecordError{s.path, "end of file", "XML without any <Event> element: nothing read"}
	}
	s.done = true
	return Record{}, io.EOF
}

// element reads the tree under start, up to its end tag.
func (s *xmlSource) element(start xml.StartElement) (*winevent.Element, error) {
	root := xmlElement(start)
	stack := []*winevent.Element{root}
	size := 0
	for len(stack) > 0 {
		tok, err := s.dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = errors.New("file ends inside this <Event>")
			}
			return nil, fmt.Errorf("malformed XML ends the file here: %v", err)
		}
		cur := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			el := xmlElement(t)
			cur.Children = append(cur.Children, el)
			stack = append(stack, el)
			size += 64
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if text := string(t); strings.TrimSpace(text) != "" || cur.Value != nil {
				cur.Value = winevent.AddText(cur.Value, text)
				size += len(text)
			}
		}
		if size > maxXMLEvent {
			return nil, fmt.Errorf("<Event> larger than %d KiB: not an event export; reading stops", maxXMLEvent>>10)
		}
	}
	trimXMLText(root)
	return root, nil
}

func xmlElement(t xml.StartElement) *winevent.Element {
	el := &winevent.Element{Name: t.Name.Local}
	for _, a := range t.Attr {
		name := a.Name.Local
		if a.Name.Space == "xmlns" {
			name = "xmlns:" + name // kept: Flatten decides what namespaces mean, as for EVTX
		}
		el.Attrs = append(el.Attrs, winevent.Attr{Name: name, Value: a.Value})
	}
	return el
}

// trimXMLText drops the indentation pretty-printed exports put around
// elements that hold children, so only real text stays a value.
func trimXMLText(e *winevent.Element) {
	if len(e.Children) > 0 {
		if s, ok := e.Value.(string); ok && strings.TrimSpace(s) == "" {
			e.Value = nil
		}
	}
	for _, c := range e.Children {
		trimXMLText(c)
	}
}
