package mailer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/pii"
)

// A Queued is a mail waiting in the outbox.
type Queued struct {
	ID           int64
	AgencyID     int64
	RequestID    int64
	Kind         string
	RecipientEnc string // pii ciphertext of the address
	Subject      string
	Body         string
	Attempts     int // attempts made so far
	CreatedAt    time.Time
}

// An Outbox is the mail queue the worker drains (package sqlstore
// implements it on mail_outbox).
type Outbox interface {
	// DueMail returns up to limit pending mails whose next attempt is at
	// or before now, oldest first.
	DueMail(ctx context.Context, now time.Time, limit int) ([]Queued, error)
	// ClaimMail counts one more attempt of mail id, which had attempts
	// so far, and moves its next attempt to until (a lease, so another
	// worker does not send it meanwhile). It reports false when someone
	// else claimed or finished it first.
	ClaimMail(ctx context.Context, id int64, attempts int, until time.Time) (bool, error)
	// MailSent marks mail id delivered.
	MailSent(ctx context.Context, id int64, at time.Time) error
	// MailFailed records a failed attempt: the next attempt at next, or
	// none (given up) when next is zero.
	MailFailed(ctx context.Context, id int64, next time.Time, lastErr string) error
}

// DefaultMaxAttempts is how many times a mail is tried before the worker
// gives up on it.
const DefaultMaxAttempts = 8

// Backoff returns the wait after the n-th failed attempt (n ≥ 1): one
// minute, doubling, at most six hours. Eight attempts span about four
// hours.
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// A Worker sends the outbox's due mail.
type Worker struct {
	Outbox Outbox
	Sender *Sender
	// Open decrypts a recipient (the casework service's keyring).
	Open func(sealed string) (string, error)
	Log  *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// MaxAttempts caps the attempts of one mail; 0 means DefaultMaxAttempts.
	MaxAttempts int
	// Backoff gives the wait after the n-th failure; nil means Backoff.
	Backoff func(n int) time.Duration
	// Interval is the pause between passes of Run; 0 means 30 seconds.
	Interval time.Duration
	// Batch is how many mails one pass takes at most; 0 means 50.
	Batch int
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Worker) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.New(slog.DiscardHandler)
}

// A Pass is what one RunOnce did.
type Pass struct {
	Sent, Failed, GaveUp int
}

// RunOnce sends every due mail once and returns what happened. It stops
// at the first storage error; a delivery error only reschedules its mail.
func (w *Worker) RunOnce(ctx context.Context) (Pass, error) {
	var p Pass
	batch := w.Batch
	if batch <= 0 {
		batch = 50
	}
	max := w.MaxAttempts
	if max <= 0 {
		max = DefaultMaxAttempts
	}
	backoff := w.Backoff
	if backoff == nil {
		backoff = Backoff
	}
	due, err := w.Outbox.DueMail(ctx, w.now(), batch)
	if err != nil {
		return p, fmt.Errorf("mailer: due mail: %w", err)
	}
	for _, q := range due {
		if ctx.Err() != nil {
			return p, ctx.Err()
		}
		timeout := w.Sender.Timeout
		if timeout <= 0 {
			timeout = DefaultTimeout
		}
		ok, err := w.Outbox.ClaimMail(ctx, q.ID, q.Attempts, w.now().Add(2*timeout))
		if err != nil {
			return p, fmt.Errorf("mailer: claim mail %d: %w", q.ID, err)
		}
		if !ok {
			continue
		}
		attempt := q.Attempts + 1
		to, err := w.Open(q.RecipientEnc)
		masked := pii.MaskEmail(to)
		if err == nil {
			err = w.Sender.Send(ctx, Message{To: to, Subject: q.Subject, Body: q.Body, Date: w.now()})
		} else {
			err = &PermanentError{Err: fmt.Errorf("mailer: open recipient: %w", err)}
		}
		attrs := []any{slog.Int64("mail", q.ID), slog.Int64("request", q.RequestID), slog.String("to", masked),
			slog.Int("attempt", attempt)}
		if err == nil {
			if err := w.Outbox.MailSent(ctx, q.ID, w.now()); err != nil {
				return p, fmt.Errorf("mailer: mark mail %d sent: %w", q.ID, err)
			}
			p.Sent++
			w.log().Info("mail sent", attrs...)
			continue
		}
		var perm *PermanentError
		var next time.Time
		if !errors.As(err, &perm) && attempt < max {
			next = w.now().Add(backoff(attempt))
		}
		msg := scrub(err.Error(), to, masked)
		if err := w.Outbox.MailFailed(ctx, q.ID, next, msg); err != nil {
			return p, fmt.Errorf("mailer: mark mail %d failed: %w", q.ID, err)
		}
		attrs = append(attrs, slog.String("error", msg))
		if next.IsZero() {
			p.GaveUp++
			w.log().Error("mail given up", attrs...)
		} else {
			p.Failed++
			w.log().Warn("mail failed, will retry", append(attrs, slog.Time("next", next))...)
		}
	}
	return p, nil
}

// Run calls RunOnce at start and then every Interval until ctx ends,
// logging storage errors.
func (w *Worker) Run(ctx context.Context) {
	iv := w.Interval
	if iv <= 0 {
		iv = 30 * time.Second
	}
	t := time.NewTicker(iv)
	defer t.Stop()
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.log().Error("mail outbox", slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// scrub keeps a relay's error fit for the log and the outbox: the
// recipient's address masked wherever the relay echoed it, at most 500
// bytes of valid UTF-8.
func scrub(msg, to, masked string) string {
	if to != "" {
		msg = strings.ReplaceAll(msg, to, masked)
	}
	if len(msg) > 500 {
		msg = strings.ToValidUTF8(msg[:500], "")
	}
	return msg
}
