package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vigil-sec/vigil/internal/scan"
)

// progress draws one self-overwriting status line on a terminal; it stays
// silent when stderr is a file or pipe, so logs and tests see no noise.
type progress struct {
	w           io.Writer
	on          bool
	start, last time.Time
	file, files int
	drawn       bool
}

func newProgress(w io.Writer, enabled bool) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok && enabled {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.on = true
		}
	}
	return p
}

func (p *progress) update(st *scan.Stats) {
	if !p.on || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	rate := float64(st.Events) / time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r\033[Kfiles %d/%d  events %d (%.0f/s)  alerts %d", p.file, p.files, st.Events, rate, st.Alerts)
	p.drawn = true
}

// done clears the status line; call it before printing anything else.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}
