// Package logsource decides which events a Sigma rule may see. A rule names
// an abstract log source (product / category / service, e.g. windows /
// process_creation); a pipeline maps each such triple to concrete conditions
// on events (Channel, EventID, …) and, where a source names fields
// differently, to field renames (Security 4688 calls Sysmon's Image
// NewProcessName). vigil ships pipelines for Sysmon, Windows Security
// auditing, PowerShell, Defender, the generic Windows services and Sysmon for
// Linux, embedded as documented YAML; users add or override with their own.
//
// A rule whose log source no pipeline maps is evaluated against every event,
// as the Sigma specification does without a pipeline; callers report such
// rules (or skip them in strict mode), never silently.
package logsource
