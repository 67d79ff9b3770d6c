package correlate

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/vigil-sec/vigil/internal/alert"
	"github.com/vigil-sec/vigil/internal/event"
)

const perIP = failedLogin + `---
title: Failed logons per source IP
correlation:
    type: event_count
    rules: [failed_login]
    group-by: [IpAddress]
    timespan: 5m
    condition: {gte: 20}
`

// TestMemoryStream measures the engine on a long stream of failed logons
// from a million source IPs (one key each), sampling the heap as it goes.
// It runs only when asked:
//
//	VIGIL_CORRELATE_MEM=5000000 VIGIL_CORRELATE_LATENESS=1m go test -run MemoryStream -v ./internal/correlate
//
// VIGIL_CORRELATE_MAXKEYS sets the key cap; VIGIL_CORRELATE_LATENESS=unbounded
// holds every match until Flush (batch mode).
func TestMemoryStream(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("VIGIL_CORRELATE_MEM"))
	if n <= 0 {
		t.Skip("set VIGIL_CORRELATE_MEM=<events> to run the memory measurement")
	}
	opt := Options{Lateness: time.Minute}
	if l := os.Getenv("VIGIL_CORRELATE_LATENESS"); l == "unbounded" {
		opt.Lateness = Unbounded
	} else if l != "" {
		d, err := time.ParseDuration(l)
		if err != nil {
			t.Fatal(err)
		}
		opt.Lateness = d
	}
	opt.MaxKeys, _ = strconv.Atoi(os.Getenv("VIGIL_CORRELATE_MAXKEYS"))
	h := load(t, perIP, opt)
	rule := h.set.Rules[0]
	r := rand.New(rand.NewPCG(1, 2))
	base := t0.UnixMilli()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	var peak uint64
	alerts := 0
	start := time.Now()
	for i := 0; i < n; i++ {
		// ~1000 events/s of event time with up to 30 s of disorder; a few
		// hundred noisy IPs among a million quiet ones.
		ip := r.IntN(1 << 20)
		if r.IntN(10) == 0 {
			ip = r.IntN(300)
		}
		ts := base + int64(i) - r.Int64N(30000)
		m := event.Map{"EventID": 4625, "IpAddress": fmt.Sprintf("10.%d.%d.%d", ip>>16, (ip>>8)&255, ip&255),
			"TargetUserName": "admin", "@timestamp": time.UnixMilli(ts).UTC().Format(time.RFC3339Nano)}
		alerts += len(h.eng.Observe(rule, m, alert.Source{Path: "stream", Line: i + 1}))
		if i%500000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapAlloc)
	alerts += len(h.eng.Flush())
	el := time.Since(start)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	st := h.eng.Stats()
	t.Logf("%d events in %v (%.0f events/s); lateness %v, max keys %d", n, el.Round(time.Millisecond), float64(n)/el.Seconds(), opt.Lateness, h.eng.opt.MaxKeys)
	t.Logf("live heap peak %.1f MiB above baseline (after GC, every 500k events and before Flush); max RSS %.0f MiB; live keys peak %d; buffered peak %d",
		float64(peak-before)/(1<<20), float64(ru.Maxrss)/1024, st.LiveKeysPeak, st.BufferedPeak)
	t.Logf("alerts %d; evicted %d; expired %d; late %d", alerts, st.Evicted, st.Expired, st.Late)
}

func BenchmarkObserve(b *testing.B) {
	h := load(b, perIP, Options{Lateness: time.Minute})
	rule := h.set.Rules[0]
	r := rand.New(rand.NewPCG(1, 2))
	evs := make([]event.Map, 1<<16)
	for i := range evs {
		ip := r.IntN(1 << 16)
		evs[i] = event.Map{"EventID": 4625, "IpAddress": fmt.Sprintf("10.0.%d.%d", ip>>8, ip&255)}
	}
	base := t0.UnixMilli()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := evs[i&(len(evs)-1)]
		m["@timestamp"] = base + int64(i)
		h.eng.Observe(rule, m, alert.Source{Path: "b", Line: i + 1})
	}
}
