package assess

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// WriteCSV writes one row per scored technique, for spreadsheets.
func WriteCSV(w io.Writer, a *Assessment) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"rank", "technique", "name", "tactics", "score", "normalized", "groups", "visibility", "rules", "runnable_rules",
		"detection", "status", "gap_score", "gap_rank", "close"})
	gapRank := map[string]Gap{}
	for _, g := range a.Gaps {
		gapRank[g.ID] = g
	}
	for _, t := range a.Techniques {
		c := t.Coverage
		g, isGap := gapRank[t.ID]
		rank, close := "", ""
		if isGap {
			rank, close = fmt.Sprint(g.Rank), g.Close
		}
		cw.Write([]string{fmt.Sprint(t.Rank), t.ID, t.Name, strings.Join(t.Tactics, " "), fmt.Sprintf("%.3f", t.Score.Score),
			fmt.Sprintf("%.1f", t.Normalized), fmt.Sprint(t.Groups), fmt.Sprintf("%.3f", c.Visibility.Score), fmt.Sprint(len(c.Rules)),
			fmt.Sprint(c.Runnable), fmt.Sprintf("%.3f", c.Detection), c.Status, fmt.Sprintf("%.3f", t.GapScore), rank, close})
	}
	cw.Flush()
	return cw.Error()
}
