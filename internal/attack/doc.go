// Package attack is vigil's MITRE ATT&CK knowledge base: techniques, tactics in
// matrix order, groups, campaigns, software, mitigations and both detection
// models (v17 data components, v18+ detection strategies and analytics).
//
// The model is a set of flat slices joined by int32 indices, so that the same
// value can be built from STIX bundles, written as a compact snapshot, and
// embedded in the binary. Lookup maps are rebuilt after loading and never
// serialised. The package imports only the standard library.
package attack
