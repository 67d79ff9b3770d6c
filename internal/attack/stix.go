package attack

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// rawObject is the union of the STIX 2.1 fields vigil reads. Unknown fields
// are ignored, so newer ATT&CK releases load as long as these keep their meaning.
type rawObject struct {
	Type        string `json:"type"`
	ID          string `json:"id"`
	SpecVersion string `json:"spec_version"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Modified    string `json:"modified"`
	Revoked     bool   `json:"revoked"`
	Deprecated  bool   `json:"x_mitre_deprecated"`
	Version     string `json:"x_mitre_version"`
	AttackSpec  string `json:"x_mitre_attack_spec_version"`
	ExtRefs     []struct {
		SourceName string `json:"source_name"`
		ExternalID string `json:"external_id"`
		URL        string `json:"url"`
	} `json:"external_references"`
	Domains   []string `json:"x_mitre_domains"`
	KillChain []struct {
		KillChainName string `json:"kill_chain_name"`
		PhaseName     string `json:"phase_name"`
	} `json:"kill_chain_phases"`
	Platforms     []string    `json:"x_mitre_platforms"`
	IsSub         bool        `json:"x_mitre_is_subtechnique"`
	Aliases       []string    `json:"aliases"`
	MitreAliases  []string    `json:"x_mitre_aliases"`
	FirstSeen     string      `json:"first_seen"`
	LastSeen      string      `json:"last_seen"`
	Shortname     string      `json:"x_mitre_shortname"`
	TacticRefs    []string    `json:"tactic_refs"`
	DataSourceRef string      `json:"x_mitre_data_source_ref"`
	LogSources    []LogSource `json:"x_mitre_log_sources"`
	AnalyticRefs  []string    `json:"x_mitre_analytic_refs"`
	LogSourceRefs []struct {
		ComponentRef string `json:"x_mitre_data_component_ref"`
		Name         string `json:"name"`
		Channel      string `json:"channel"`
	} `json:"x_mitre_log_source_references"`
	RelType   string `json:"relationship_type"`
	SourceRef string `json:"source_ref"`
	TargetRef string `json:"target_ref"`
}

// FormatError says why an input is not a usable ATT&CK bundle, and where.
type FormatError struct {
	File   string
	Offset int64 // byte offset in the (decompressed) JSON, or -1
	Reason string
}

func (e *FormatError) Error() string {
	where := e.File
	if where == "" {
		where = "<input>"
	}
	if e.Offset >= 0 {
		where = fmt.Sprintf("%s: byte %d", where, e.Offset)
	}
	return where + ": " + e.Reason
}

// decodeBundle streams a STIX bundle's objects without holding the raw JSON.
func decodeBundle(r io.Reader) ([]rawObject, error) {
	dec := json.NewDecoder(r)
	fail := func(reason string, a ...any) error {
		return &FormatError{Offset: dec.InputOffset(), Reason: fmt.Sprintf(reason, a...)}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxReason(dec, err, "not JSON")
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fail("not a STIX bundle: the file must be a JSON object {\"type\": \"bundle\", \"objects\": [...]}")
	}
	var objs []rawObject
	var bundleType, bundleSpec string
	sawObjects := false
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return nil, syntaxReason(dec, err, "truncated or malformed JSON")
		}
		key, _ := keyTok.(string)
		switch key {
		case "type":
			if err := dec.Decode(&bundleType); err != nil {
				return nil, syntaxReason(dec, err, "bad bundle type")
			}
		case "spec_version":
			if err := dec.Decode(&bundleSpec); err != nil {
				return nil, syntaxReason(dec, err, "bad spec_version")
			}
		case "objects":
			sawObjects = true
			if objs, err = decodeObjects(dec); err != nil {
				return nil, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, syntaxReason(dec, err, "truncated or malformed JSON")
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntaxReason(dec, err, "truncated JSON: the bundle object is not closed")
	}
	switch {
	case bundleType != "bundle":
		return nil, fail("not a STIX bundle: top-level \"type\" is %q, want \"bundle\"", bundleType)
	case bundleSpec == "2.0":
		return nil, fail("STIX 2.0 bundle; vigil reads STIX 2.1 (the attack-stix-data releases)")
	case !sawObjects || len(objs) == 0:
		return nil, fail("STIX bundle has no objects")
	}
	return objs, nil
}

func decodeObjects(dec *json.Decoder) ([]rawObject, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxReason(dec, err, "truncated or malformed JSON")
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, &FormatError{Offset: dec.InputOffset(), Reason: "\"objects\" is not an array"}
	}
	var objs []rawObject
	for dec.More() {
		var o rawObject
		if err := dec.Decode(&o); err != nil {
			return nil, syntaxReason(dec, err, fmt.Sprintf("object %d is malformed", len(objs)+1))
		}
		objs = append(objs, o)
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntaxReason(dec, err, "truncated JSON: the objects array is not closed")
	}
	return objs, nil
}

func syntaxReason(dec *json.Decoder, err error, what string) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &FormatError{Offset: off, Reason: what + " (unexpected end of file)"}
	}
	return &FormatError{Offset: off, Reason: fmt.Sprintf("%s: %v", what, err)}
}
