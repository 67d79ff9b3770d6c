package profile

import _ "embed"

// Template is the commented profile `vigil profile init` writes.
//
//go:embed data/template.yml
var Template string

// Demo is the embedded demo organisation: a health insurer.
//
//go:embed data/demo-profile.yml
var Demo []byte
