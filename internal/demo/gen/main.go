// Command gen writes vigil's demo dataset: one working day (2026-03-10) of
// Windows events on the small network of MedSure, a fictional health
// insurer, with an intrusion hidden in the benign activity. Every value
// comes from a seeded PRNG, so each run writes the same bytes.
//
//	go run ./gen -out data/demo.jsonl.gz -truth data/truth.json
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Seed fixes the dataset; change it and the committed data must be regenerated.
const Seed = 20260310

func main() {
	out := flag.String("out", "data/demo.jsonl.gz", "gzip-compressed JSON-lines output")
	truth := flag.String("truth", "", "ground-truth JSON output (default: truth.json beside -out)")
	flag.Parse()
	if *truth == "" {
		*truth = filepath.Join(filepath.Dir(*out), "truth.json")
	}
	data, tr := Generate()
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*truth, tr, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// Generate builds the dataset and returns the gzip file and truth.json.
func Generate() (gz, truth []byte) {
	g := &gen{rng: rand.New(rand.NewPCG(Seed, Seed^0x9e3779b97f4a7c15)), hosts: map[string]*host{}, users: map[string]*user{}}
	for _, u := range []user{
		{"a.khan", 1301}, {"b.lee", 1302}, {"c.patel", 1304}, {"t.nguyen", 1305}, {"m.ortiz", 1307},
		{"r.garcia", 1310}, {"adm.rgarcia", 1311}, {"j.doe", 1321},
		{"svc_backup", 1108}, {"svc_sql", 1612}, {"svc_claimsapp", 1615}, {"svc_scan", 1620},
	} {
		u := u
		g.users[u.name] = &u
	}
	type hs struct{ name, ip, user string }
	for i, h := range []hs{
		{"CLAIMS-WS01", "10.20.1.51", "a.khan"}, {"CLAIMS-WS02", "10.20.1.52", "b.lee"},
		{"CLAIMS-WS03", "10.20.1.53", "j.doe"}, {"CLAIMS-WS04", "10.20.1.54", "c.patel"},
		{"CLAIMS-WS05", "10.20.1.55", "t.nguyen"}, {"HR-WS01", "10.20.2.21", "m.ortiz"},
		{"IT-WS01", "10.20.1.90", "r.garcia"}, {"FS01", fsIP, ""}, {"DC01", dcIP, ""},
	} {
		x := &host{name: h.name, ip: h.ip, guidHead: fmt.Sprintf("%08x", 0x8d5f1a20+i*0x1111), nextPID: 1000 + i*64, rid: 1101 + i}
		if h.user != "" {
			x.user = g.users[h.user]
			g.workstations = append(g.workstations, x)
		}
		g.hosts[h.name] = x
	}
	g.hosts["DC01"].rid, g.hosts["FS01"].rid = 1000, 1104
	order := []string{"CLAIMS-WS01", "CLAIMS-WS02", "CLAIMS-WS03", "CLAIMS-WS04", "CLAIMS-WS05", "HR-WS01", "IT-WS01", "FS01", "DC01"}
	for _, n := range order {
		g.bootHost(g.hosts[n])
	}
	for _, h := range g.workstations {
		g.workstation(h)
	}
	g.servers()
	g.attack()
	g.finish()

	var jsonl bytes.Buffer
	for _, e := range g.events {
		e.marshal(&jsonl)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // level is valid
	zw.Write(jsonl.Bytes())
	zw.Close()
	return buf.Bytes(), g.truth(order)
}

type truthFile struct {
	Dataset      string      `json:"dataset"`
	Date         string      `json:"date"`
	Seed         int         `json:"seed"`
	Events       int         `json:"events"`
	AttackEvents int         `json:"attack_events"`
	Hosts        []string    `json:"hosts"`
	Steps        []truthStep `json:"steps"`
}

type truthStep struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Tactic      string       `json:"tactic"`
	Techniques  []string     `json:"techniques"`
	Host        string       `json:"host"`
	Description string       `json:"description"`
	Events      []truthEvent `json:"events"`
}

type truthEvent struct {
	Line          int    `json:"line"`
	TimeCreated   string `json:"time"`
	Computer      string `json:"computer"`
	Channel       string `json:"channel"`
	EventID       int    `json:"event_id"`
	EventRecordID int    `json:"event_record_id"`
}

func (g *gen) truth(order []string) []byte {
	tf := truthFile{Dataset: "MedSure health insurer, one working day with an intrusion", Date: "2026-03-10", Seed: Seed, Events: len(g.events)}
	for _, n := range order {
		tf.Hosts = append(tf.Hosts, g.hosts[n].fqdn())
	}
	idx := map[string]int{}
	for _, s := range g.steps {
		idx[s.ID] = len(tf.Steps)
		tf.Steps = append(tf.Steps, truthStep{ID: s.ID, Name: s.Name, Tactic: s.Tactic, Techniques: s.Techniques, Host: g.hosts[s.Host].fqdn(), Description: s.Description})
	}
	for i, e := range g.events {
		if e.step == "" {
			continue
		}
		tf.AttackEvents++
		st := &tf.Steps[idx[e.step]]
		st.Events = append(st.Events, truthEvent{Line: i + 1, TimeCreated: ts(e.t), Computer: e.host.fqdn(), Channel: e.channel, EventID: e.id, EventRecordID: e.recordID})
	}
	js, err := json.MarshalIndent(tf, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(js, '\n')
}
