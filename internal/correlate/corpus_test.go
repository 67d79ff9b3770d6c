package correlate

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/input"
	"github.com/vigil-sec/vigil/internal/match"
)

const securityEVTX = "../../../shared/corpora/benign-evtx/benign/Security_with_size_t.evtx"

// scanFile runs the harness's rules over an event file the way the scan
// does: every base-rule match goes to Observe, then Flush.
func scanFile(t *testing.T, h *harness, path string) []Alert {
	t.Helper()
	src, err := input.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var out []Alert
	for {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			continue
		}
		ev := rec.Map()
		h.set.Match(ev, func(r *match.Rule) {
			out = append(out, h.eng.Observe(r, ev, alert.Source{Path: "Security_with_size_t.evtx", Line: rec.Line, Record: rec.RecordID, Offset: rec.Offset})...)
		})
	}
	return append(out, h.eng.Flush()...)
}

func records(as []Alert) []string {
	var s []string
	for _, a := range as {
		var rs []string
		for _, r := range a.Correlation.Events {
			rs = append(rs, fmt.Sprint(r.Record))
		}
		s = append(s, fmt.Sprintf("%s %v %g [%s]", a.Correlation.WindowEnd, a.Correlation.Group, a.Correlation.Value, strings.Join(rs, " ")))
	}
	return s
}

const logonRules = `
title: Failed logon
name: failed_logon
author: vigil tests
logsource: {product: windows, service: security}
detection: {selection: {EventID: 4625}, condition: selection}
---
title: Successful logon
name: successful_logon
author: vigil tests
logsource: {product: windows, service: security}
detection: {selection: {EventID: 4624}, condition: selection}
`

// Security_with_size_t.evtx (benign-evtx corpus) holds 15 failed logons:
// Administrator bursts on 2015-08-24 around 06:55 and 07:00, four Student
// failures with one identical timestamp on 2015-08-23 (a tie: one alert
// counting all four), and scattered Guest ones. Its
// records are not in time order (the 08-23 records come after the 08-24
// ones), which the engine's ordering absorbs.
func TestCorpusFailedLogons(t *testing.T) {
	if _, err := os.Stat(securityEVTX); err != nil {
		t.Skipf("shared corpora not available (%v): skipping the EVTX failed-logon correlation", err)
	}
	h := load(t, logonRules+`---
title: Repeated failed logons
author: vigil tests
level: medium
correlation:
    type: event_count
    rules: [failed_logon]
    group-by: [TargetUserName]
    timespan: 5m
    condition: {gte: 3}
`, Options{Lateness: Unbounded})
	got := records(scanFile(t, h, securityEVTX))
	want := []string{
		"2015-08-23T10:53:26.200363Z map[TargetUserName:Student] 4 [452 453 454 455]",
		"2015-08-24T06:59:05.53125Z map[TargetUserName:Administrator] 3 [59 60 75]",
		"2015-08-24T07:04:05.9375Z map[TargetUserName:Administrator] 3 [76 77 110]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The specification's closing example on real data: repeated failures
// followed by a successful logon of the same account within 10 minutes.
func TestCorpusFailuresThenSuccess(t *testing.T) {
	if _, err := os.Stat(securityEVTX); err != nil {
		t.Skipf("shared corpora not available (%v): skipping the EVTX failed-then-successful correlation", err)
	}
	h := load(t, logonRules+`---
title: Failures followed by a successful logon
author: vigil tests
level: high
correlation:
    type: temporal_ordered
    rules: [repeated_failures, successful_logon]
    group-by: [TargetUserName]
    timespan: 10m
---
title: Repeated failed logons
name: repeated_failures
correlation:
    type: event_count
    rules: [failed_logon]
    group-by: [TargetUserName]
    timespan: 5m
    condition: {gte: 3}
`, Options{Lateness: Unbounded})
	as := scanFile(t, h, securityEVTX)
	got := records(as)
	want := []string{
		"2015-08-24T06:59:37.90625Z map[TargetUserName:Administrator] 2 [59 60 75 80]",
		"2015-08-24T07:04:11.171875Z map[TargetUserName:Administrator] 2 [76 77 110 113]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(as) > 0 && (as[0].Rule.Author != "vigil tests" || as[0].Source.Record != 80 || as[0].Host == "") {
		t.Errorf("alert %+v", as[0].Alert)
	}
}
