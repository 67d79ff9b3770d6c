// Package threat answers "who targets us": it matches an organisation's
// sectors and countries against open targeting data (MISP galaxy: Tidal group
// records keyed by ATT&CK group ID, and MISP threat actors linked to ATT&CK
// groups by methods of different strength), and returns each matching group
// with its evidence and a confidence that can be taken apart.
//
// Source vocabularies disagree ("Healthcare", "Health", "Medical"), so every
// value is mapped onto vigil's own sector taxonomy (taxonomy.go), documented in
// docs/sectors.md.
package threat
