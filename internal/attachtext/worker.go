// Package attachtext extracts the text of public items' attachments in the
// background so that search finds it (条例第二十四条, catalog.md §5): a
// queue of jobs (package sqlstore keeps it beside the search index), one
// file at a time, a timeout per file, bounded retries with backoff. An
// item is found by its title and body from the moment it is published;
// its attachments' text joins its search document when extracted.
package attachtext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gongkai/gongkai/internal/doctext"
)

// States of a job.
const (
	Pending = "pending" // to be tried at its next time
	Done    = "done"    // text extracted and indexed
	Failed  = "failed"  // given up: attempts used, or a file that can never be read
	Skipped = "skipped" // a format without text (images, OFD, legacy Office)
)

// A Job is one attachment of an item's live version.
type Job struct {
	ItemID   int64
	Version  int
	N        int // the attachment's position, from 1
	Name     string
	SHA256   string
	BlobKey  string
	Attempts int // attempts made so far
}

// An Outcome is what an attempt ended in.
type Outcome struct {
	State string
	Text  string    // for Done
	Err   string    // the last error, for Pending, Failed and Skipped
	Next  time.Time // for Pending: when to try again
}

// A Queue is where jobs wait (package sqlstore implements it).
type Queue interface {
	// DueAttachments returns up to limit pending jobs due at now (all
	// pending ones, whatever their time, when now is zero), of the
	// agencies' items (all agencies when none is given).
	DueAttachments(ctx context.Context, now time.Time, agencyIDs []int64, limit int) ([]Job, error)
	// ClaimAttachment counts one more attempt of j and moves its next
	// time to until (a lease); false when another worker claimed it or
	// the version is no longer live.
	ClaimAttachment(ctx context.Context, j Job, until time.Time) (bool, error)
	// FinishAttachment records the outcome of j's claimed attempt and,
	// when done, rebuilds the item's search document with the text, in
	// one transaction.
	FinishAttachment(ctx context.Context, j Job, o Outcome) error
}

// Blobs opens stored attachment bytes (package blob).
type Blobs interface {
	Get(ctx context.Context, key string) (io.ReadCloser, error)
}

// Defaults of a Worker.
const (
	DefaultMaxAttempts = 5
	DefaultTimeout     = 2 * time.Minute
	DefaultBatch       = 20
)

// Backoff returns the wait after the n-th failed attempt (n ≥ 1): one
// minute, four times longer each time, at most six hours (1, 4, 16, 64
// minutes: five attempts span about an hour and a half).
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 4
	}
	return min(d, 6*time.Hour)
}

// A Worker extracts due jobs' text.
type Worker struct {
	Queue Queue
	Blobs Blobs
	// Extract returns a file's text; nil means doctext.Extract.
	Extract func(ctx context.Context, name string, data []byte) (string, error)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// MaxAttempts, Timeout (per file) and Batch (jobs a query takes);
	// zero means the default.
	MaxAttempts int
	Timeout     time.Duration
	Batch       int
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func orDefault[T int | time.Duration](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
}

// A Pass counts what RunOnce did, by the state each job ended in.
type Pass struct {
	Done, Retry, Failed, Skipped int
	// Errors are the first few errors of the pass, "索引号 附件名: error",
	// for the caller's log.
	Errors []string
}

// maxPassErrors bounds Pass.Errors.
const maxPassErrors = 10

// Total is the number of jobs the pass tried.
func (p Pass) Total() int { return p.Done + p.Retry + p.Failed + p.Skipped }

// RunOnce tries every job due now once (with all, every pending job of
// the agencies whatever its time: `gongkai search reindex`), calling
// progress after each. It stops at the first storage error; an
// extraction error only reschedules or fails its job.
func (w *Worker) RunOnce(ctx context.Context, all bool, agencyIDs []int64, progress func(Pass)) (Pass, error) {
	var p Pass
	at := w.now()
	if all {
		at = time.Time{}
	}
	tried := map[[3]int64]bool{}
	for {
		due, err := w.Queue.DueAttachments(ctx, at, agencyIDs, orDefault(w.Batch, DefaultBatch))
		if err != nil {
			return p, fmt.Errorf("attachtext: due: %w", err)
		}
		n := 0
		for _, j := range due {
			k := [3]int64{j.ItemID, int64(j.Version), int64(j.N)}
			if tried[k] {
				continue // rescheduled in this pass: its next attempt is a later pass's
			}
			tried[k] = true
			n++
			if err := w.one(ctx, j, &p); err != nil {
				return p, err
			}
			if progress != nil {
				progress(p)
			}
		}
		if n == 0 {
			return p, nil
		}
	}
}

// one claims and tries one job.
func (w *Worker) one(ctx context.Context, j Job, p *Pass) error {
	timeout := orDefault(w.Timeout, DefaultTimeout)
	ok, err := w.Queue.ClaimAttachment(ctx, j, w.now().Add(2*timeout))
	if err != nil {
		return fmt.Errorf("attachtext: claim %d/%d/%d: %w", j.ItemID, j.Version, j.N, err)
	}
	if !ok {
		return nil
	}
	j.Attempts++
	fctx, cancel := context.WithTimeout(ctx, timeout)
	text, err := w.extract(fctx, j)
	cancel()
	if ctx.Err() != nil {
		return ctx.Err() // shutting down: the lease runs out and the job is due again
	}
	o := Outcome{State: Done, Text: text}
	var pe *doctext.PermanentError
	switch {
	case err == nil:
		p.Done++
	case errors.Is(err, doctext.ErrNoText):
		o = Outcome{State: Skipped, Err: err.Error()}
		p.Skipped++
	case errors.As(err, &pe) || j.Attempts >= orDefault(w.MaxAttempts, DefaultMaxAttempts):
		o = Outcome{State: Failed, Err: err.Error()}
		p.Failed++
	default:
		o = Outcome{State: Pending, Err: err.Error(), Next: w.now().Add(Backoff(j.Attempts))}
		p.Retry++
	}
	if o.Err != "" && o.State != Skipped && len(p.Errors) < maxPassErrors {
		p.Errors = append(p.Errors, fmt.Sprintf("item %d attachment %d %s (attempt %d, %s): %s", j.ItemID, j.N, j.Name, j.Attempts, o.State, o.Err))
	}
	if err := w.Queue.FinishAttachment(ctx, j, o); err != nil {
		return fmt.Errorf("attachtext: finish %d/%d/%d: %w", j.ItemID, j.Version, j.N, err)
	}
	return nil
}

// extract reads the job's file (at most doctext.MaxInput bytes) and its
// text, within ctx's deadline.
func (w *Worker) extract(ctx context.Context, j Job) (string, error) {
	rc, err := w.Blobs.Get(ctx, j.BlobKey)
	if err != nil {
		return "", fmt.Errorf("读取附件 (read attachment): %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(rc, doctext.MaxInput+1))
	rc.Close()
	if err != nil {
		return "", fmt.Errorf("读取附件 (read attachment): %w", err)
	}
	ex := w.Extract
	if ex == nil {
		ex = doctext.Extract
	}
	type result struct {
		text string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		// The OOXML readers do not watch ctx; the wait below does, so a
		// slow file costs at most the timeout (the reading goroutine ends
		// on its own, its memory bounded by doctext's limits).
		t, err := ex(ctx, j.Name, data)
		ch <- result{t, err}
	}()
	select {
	case r := <-ch:
		return r.text, r.err
	case <-ctx.Done():
		return "", fmt.Errorf("提取超时 (extraction timed out): %w", ctx.Err())
	}
}

// A Failure is a job given up, for the status of `gongkai search reindex`.
type Failure struct {
	IndexNo  string
	Name     string
	Attempts int
	Error    string
}
