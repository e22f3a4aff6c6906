package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// A progress line tells how far a long command has got, on one line of a
// terminal that it redraws:
//
//	审查 auditing [########------------]  37/120  31%  剩余 remaining 12s
//
// It draws nothing when its writer is not a terminal (a pipe, a file, a
// test's buffer), so output meant for programs stays clean. Commands that
// walk many files (report audit; search reindex and report import when
// they come) use it; it is safe for concurrent use.
type progress struct {
	w     io.Writer
	label string
	total int
	on    bool
	now   func() time.Time
	every time.Duration // least time between redraws

	mu    sync.Mutex
	start time.Time
	drawn time.Time // when the line was last drawn; zero before the first
	done  int
}

// newProgress returns a progress line for total steps on w, silent
// unless w is a terminal.
func newProgress(w io.Writer, label string, total int) *progress {
	return &progress{w: w, label: label, total: total, on: reportIsTerminal(w), now: time.Now, every: 100 * time.Millisecond}
}

// Set records that done of the total steps are finished and redraws the
// line, at most every p.every but always for the last step.
func (p *progress) Set(done int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if p.start.IsZero() {
		p.start = now
	}
	p.done = done
	if !p.drawn.IsZero() && now.Sub(p.drawn) < p.every && done < p.total {
		return
	}
	p.drawn = now
	fmt.Fprint(p.w, "\r"+p.line(now)+"\x1b[K")
}

// Finish clears the line, leaving the terminal as it was.
func (p *progress) Finish() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.drawn.IsZero() {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// line is the text of the progress line at now.
func (p *progress) line(now time.Time) string {
	const width = 20
	frac := 1.0
	if p.total > 0 {
		frac = min(float64(p.done)/float64(p.total), 1)
	}
	filled := int(frac * width)
	s := fmt.Sprintf("%s [%s%s] %*d/%d %3d%%", p.label, strings.Repeat("#", filled), strings.Repeat("-", width-filled),
		len(fmt.Sprint(p.total)), p.done, p.total, int(frac*100))
	if elapsed := now.Sub(p.start); p.done > 0 && p.done < p.total && elapsed > 0 {
		left := time.Duration(float64(elapsed) / float64(p.done) * float64(p.total-p.done))
		s += "  剩余 remaining " + left.Round(time.Second).String()
	}
	return s
}
