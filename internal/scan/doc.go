// Package scan runs compiled Sigma rules over a stream of events: it decides
// which rules may see which events (log source routing through the
// pipelines), evaluates them, and counts what happened so that a scan can
// end with a summary in which nothing is skipped silently.
package scan
