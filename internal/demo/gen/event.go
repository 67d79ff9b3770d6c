package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// kv is one EventData field; events keep their fields in insertion order so
// the output reads like the Windows event it imitates.
type kv struct {
	k string
	v any
}

// event is one generated record before it gets its line and record number.
type event struct {
	t        time.Time
	seq      int // generation order, breaks timestamp ties
	host     *host
	channel  string
	provider string
	id       int
	data     []kv
	step     string // attack step id, "" for benign activity
	recordID int
}

const (
	chSysmon   = "Microsoft-Windows-Sysmon/Operational"
	chSecurity = "Security"
	chSystem   = "System"
	chPS       = "Microsoft-Windows-PowerShell/Operational"
)

var providers = map[string]string{
	chSysmon:   "Microsoft-Windows-Sysmon",
	chSecurity: "Microsoft-Windows-Security-Auditing",
	chPS:       "Microsoft-Windows-PowerShell",
}

// emit records an event. The current attack step (if any) labels it.
func (g *gen) emit(t time.Time, h *host, channel string, id int, data ...kv) *event {
	e := &event{t: t, seq: len(g.events), host: h, channel: channel, provider: providers[channel], id: id, data: data, step: g.step}
	g.events = append(g.events, e)
	return e
}

// withProvider overrides the provider for channels that mix several.
func (e *event) withProvider(p string) *event { e.provider = p; return e }

// finish sorts events by time and numbers them per host and channel.
func (g *gen) finish() {
	sort.SliceStable(g.events, func(i, j int) bool {
		if !g.events[i].t.Equal(g.events[j].t) {
			return g.events[i].t.Before(g.events[j].t)
		}
		return g.events[i].seq < g.events[j].seq
	})
	next := map[string]int{}
	for _, e := range g.events {
		key := e.host.name + "|" + e.channel
		n, ok := next[key]
		if !ok {
			n = 10000 + g.rng.IntN(800000)
		}
		n += 1 + g.rng.IntN(3) // other events of the channel are not in the demo
		next[key] = n
		e.recordID = n
	}
}

func ts(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// marshal writes the event as one canonical flat JSON object.
func (e *event) marshal(buf *bytes.Buffer) {
	fields := []kv{
		{"TimeCreated", ts(e.t)},
		{"Channel", e.channel},
		{"Provider_Name", e.provider},
		{"EventID", e.id},
		{"EventRecordID", e.recordID},
		{"Computer", e.host.fqdn()},
	}
	fields = append(fields, e.data...)
	buf.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeJSON(buf, f.k)
		buf.WriteByte(':')
		writeJSON(buf, f.v)
	}
	buf.WriteString("}\n")
}

func writeJSON(buf *bytes.Buffer, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("demo: cannot encode %v: %v", v, err))
	}
	buf.Write(bytes.TrimRight(b.Bytes(), "\n"))
}

func base(path string) string {
	if i := strings.LastIndexAny(path, `\/`); i >= 0 {
		return path[i+1:]
	}
	return path
}
