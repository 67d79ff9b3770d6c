package diag

import (
	"fmt"
	"io"
)

// Write renders l as text, one diagnostic per block:
//
//	rules/x.yml:12:7: error SIG201: unknown modifier "conatins" [rule 5f1c… "Title"]
//	    use one of the modifiers of the Sigma specification appendix
func Write(w io.Writer, l List) error {
	for _, d := range l {
		if _, err := fmt.Fprintf(w, "%s: %s %s: %s", d.Range, d.Severity, d.Code, d.Summary); err != nil {
			return err
		}
		if d.RuleID != "" || d.Title != "" {
			fmt.Fprintf(w, " [rule %s %q]", orDash(d.RuleID), d.Title)
		}
		fmt.Fprintln(w)
		if d.Detail != "" {
			fmt.Fprintf(w, "    %s\n", d.Detail)
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
