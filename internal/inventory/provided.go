package inventory

import (
	"strconv"
	"strings"

	"github.com/vigil-sec/vigil/internal/logsource"
)

// idSet is a set of event IDs; nil means every ID.
type idSet map[int]bool

func (s idSet) has(id int) bool { return s == nil || s[id] }
func (s idSet) any(ids []int) bool {
	if s == nil {
		return true
	}
	for _, id := range ids {
		if s[id] {
			return true
		}
	}
	return false
}

// Provided is what an inventory delivers, resolved against the catalogue.
type Provided struct {
	channels map[string]idSet // lower-case channel → collected IDs
	attack   map[string][]attackProv
	sigma    []logsource.Logsource
}

type attackProv struct {
	channel string // free-text filter, lower case, or ""
	codes   idSet  // collected EventCodes; nil: all
}

// Resolve computes what inv delivers.
func Resolve(inv *Inventory, cat *Catalog) *Provided {
	p := &Provided{channels: map[string]idSet{}, attack: map[string][]attackProv{}}
	for _, it := range inv.Sources {
		src, ok := cat.Source(it.Source)
		if !ok {
			continue
		}
		for _, ch := range src.Channels {
			ids := channelIDs(src, ch, it)
			if ids != nil && len(ids) == 0 {
				continue // e.g. PowerShell/Operational with both switches off
			}
			p.addChannel(ch.Name, ids)
		}
		for _, a := range src.Attack {
			prov := attackProv{channel: strings.ToLower(a.Channel)}
			if len(a.FollowsChannel) > 0 {
				codes, any := idSet{}, false
				for _, ch := range a.FollowsChannel {
					set, ok := p.channels[strings.ToLower(ch)]
					switch {
					case !ok:
					case set == nil:
						codes, any = nil, true
					case codes != nil:
						any = true
						for id := range set {
							codes[id] = true
						}
					}
				}
				if !any {
					continue
				}
				prov.codes = codes
			}
			k := strings.ToLower(a.Name)
			p.attack[k] = append(p.attack[k], prov)
		}
		for _, s := range src.Sigma {
			p.sigma = append(p.sigma, s.logsource())
		}
	}
	return p
}

// channelIDs decides which event IDs of one channel an item collects.
func channelIDs(src *Source, ch Channel, it Item) idSet {
	var ids []int
	switch {
	case src.ID == "windows-security":
		groups := it.Audit
		if len(groups) == 0 && len(it.EventIDs) == 0 {
			groups = DefaultAudit()
		}
		for _, g := range groups {
			ids = append(ids, src.AuditGroups[g]...)
		}
		ids = append(ids, it.EventIDs...)
	case src.ID == "powershell" && ch.Name != "Windows PowerShell":
		if it.ModuleLogging {
			ids = append(ids, 4103)
		}
		if it.ScriptBlockLogging {
			ids = append(ids, 4104, 4105, 4106)
		}
		if ids == nil {
			return idSet{}
		}
	case len(it.EventIDs) > 0:
		ids = intersect(ch.EventIDs, it.EventIDs)
	default:
		ids = ch.EventIDs
	}
	if ids == nil {
		return nil
	}
	s := idSet{}
	for _, id := range ids {
		s[id] = true
	}
	return s
}

func intersect(all, want []int) []int {
	if len(all) == 0 {
		return want
	}
	var out []int
	for _, w := range want {
		for _, a := range all {
			if a == w {
				out = append(out, w)
			}
		}
	}
	if out == nil {
		out = []int{}
	}
	return out
}

func (p *Provided) addChannel(name string, ids idSet) {
	k := strings.ToLower(name)
	old, had := p.channels[k]
	switch {
	case !had:
		p.channels[k] = ids
	case old == nil || ids == nil:
		p.channels[k] = nil
	default:
		for id := range ids {
			old[id] = true
		}
	}
}

// Feeds reports whether rules with log source ls can run on what is
// collected: a pipeline route of ls selects a collected channel and event ID,
// or (for log sources no pipeline maps) a collected source feeds ls directly.
func (p *Provided) Feeds(ls logsource.Logsource, m *logsource.Mapping) bool {
	routes := m.Routes(ls)
	if routes == nil {
		return p.direct(ls)
	}
	for _, r := range routes {
		// Routes that name no Channel (CloudTrail, Okta, auditd pipelines)
		// recognise a product by its own fields; the catalogue lists those
		// sources by their Sigma log source.
		if _, windows := r.Values("Channel"); !windows && p.direct(ls) {
			return true
		}
		if p.routeFed(r) {
			return true
		}
	}
	return false
}

// direct reports whether a collected source lists ls among its Sigma log sources.
func (p *Provided) direct(ls logsource.Logsource) bool {
	for _, s := range p.sigma {
		if s == ls {
			return true
		}
	}
	return false
}

func (p *Provided) routeFed(r *logsource.Entry) bool {
	chans, ok := r.Values("Channel")
	if !ok {
		return false
	}
	var ids []int
	if vals, ok := r.Values("EventID"); ok {
		for _, v := range vals {
			if n, err := strconv.Atoi(v); err == nil {
				ids = append(ids, n)
			}
		}
	}
	for _, c := range chans {
		if c == "*" {
			return len(p.channels) > 0
		}
		set, ok := p.channels[strings.ToLower(c)]
		if ok && (len(ids) == 0 || set.any(ids)) {
			return true
		}
	}
	return false
}

// Covers reports whether an ATT&CK analytic's log source reference (name,
// channel) is collected. EventCode channels must share an event ID with what
// is collected; free-text channels need the name, and the source's channel
// filter if it has one.
func (p *Provided) Covers(name, channel string) bool {
	provs, ok := p.attack[strings.ToLower(name)]
	if !ok {
		return false
	}
	codes := eventCodes(channel)
	for _, pr := range provs {
		if pr.channel != "" && !strings.Contains(strings.ToLower(channel), pr.channel) {
			continue
		}
		if codes == nil || pr.codes.any(codes) {
			return true
		}
	}
	return false
}

// eventCodes parses "EventCode=4103, 4104" into IDs; nil for other channels.
func eventCodes(channel string) []int {
	rest, ok := strings.CutPrefix(strings.TrimSpace(channel), "EventCode=")
	if !ok {
		return nil
	}
	var out []int
	for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' }) {
		if n, err := strconv.Atoi(f); err == nil {
			out = append(out, n)
		}
	}
	return out
}
