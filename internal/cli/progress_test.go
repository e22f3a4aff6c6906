package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgressLine draws a progress line on a stand-in terminal with a
// clock the test moves: redraws are throttled except for the last step,
// the estimate follows the pace so far, and Finish clears the line.
func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	p := newProgress(&buf, "审查 auditing", 120)
	p.on, p.now = true, func() time.Time { return clock }

	p.Set(0)
	clock = clock.Add(10 * time.Second)
	p.Set(40)
	first := buf.String()
	clock = clock.Add(10 * time.Millisecond)
	p.Set(41) // within the throttle: not drawn
	if buf.String() != first {
		t.Errorf("redrawn within %s: %q", p.every, buf.String()[len(first):])
	}
	p.Set(120) // the last step is always drawn
	p.Finish()

	steps := strings.Split(buf.String(), "\r")
	want := []string{
		"",
		"审查 auditing [--------------------]   0/120   0%\x1b[K",
		"审查 auditing [######--------------]  40/120  33%  剩余 remaining 20s\x1b[K",
		"审查 auditing [####################] 120/120 100%\x1b[K",
		"\x1b[K",
	}
	if len(steps) != len(want) {
		t.Fatalf("got %d draws %q; want %d", len(steps), steps, len(want))
	}
	for i := range want {
		if steps[i] != want[i] {
			t.Errorf("draw %d: got %q; want %q", i, steps[i], want[i])
		}
	}
}

// TestProgressQuietOffTerminal: on a buffer (no terminal) nothing is
// written, so piped output stays clean.
func TestProgressQuietOffTerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, "x", 3)
	for i := range 4 {
		p.Set(i)
	}
	p.Finish()
	if buf.Len() != 0 {
		t.Errorf("wrote %q off a terminal; want nothing", buf.String())
	}
}
