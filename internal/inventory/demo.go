package inventory

import _ "embed"

// Demo is the embedded demo inventory (the health insurer of the demo dataset).
//
//go:embed data/demo-inventory.yml
var Demo []byte
