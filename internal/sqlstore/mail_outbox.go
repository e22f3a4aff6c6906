package sqlstore

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/mailer"
)

// EnqueueMail implements casework.MailQueue: the mail is due at once (at
// m.CreatedAt).
func (s *Store) EnqueueMail(ctx context.Context, m casework.Mail) error {
	if err := needTime("enqueue mail", "CreatedAt", m.CreatedAt); err != nil {
		return err
	}
	now := s.d.t(m.CreatedAt)
	_, err := s.exec(ctx, `INSERT INTO mail_outbox (agency_id, request_id, kind, recipient_enc, recipient_key, subject, body,
		created_at, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(m.AgencyID), nullID(m.RequestID), m.Kind, m.RecipientEnc, m.RecipientKey, m.Subject, m.Body, now, now)
	return s.mapErr("enqueue mail", err)
}

// MailCount implements casework.MailQueue.
func (s *Store) MailCount(ctx context.Context, key, kind string, since time.Time) (int, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM mail_outbox WHERE recipient_key = ? AND kind = ? AND created_at >= ?",
		key, kind, s.d.t(since)).Scan(&n)
	return n, s.mapErr("mail count", err)
}

const mailCols = `id, COALESCE(agency_id, 0), COALESCE(request_id, 0), kind, recipient_enc, subject, body, attempts, created_at`

// DueMail implements mailer.Outbox.
func (s *Store) DueMail(ctx context.Context, now time.Time, limit int) ([]mailer.Queued, error) {
	const op = "due mail"
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.query(ctx, "SELECT "+mailCols+` FROM mail_outbox
		WHERE sent_at IS NULL AND next_attempt IS NOT NULL AND next_attempt <= ? ORDER BY next_attempt, id LIMIT `+itoa(limit),
		s.d.t(now))
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []mailer.Queued
	for rows.Next() {
		var q mailer.Queued
		if err := rows.Scan(&q.ID, &q.AgencyID, &q.RequestID, &q.Kind, &q.RecipientEnc, &q.Subject, &q.Body, &q.Attempts,
			dbTime{&q.CreatedAt}); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, q)
	}
	return out, s.mapErr(op, rows.Err())
}

// ClaimMail implements mailer.Outbox: the attempt count is the row's
// version, so of two workers only one claims an attempt.
func (s *Store) ClaimMail(ctx context.Context, id int64, attempts int, until time.Time) (bool, error) {
	res, err := s.exec(ctx, `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt = ?
		WHERE id = ? AND attempts = ? AND sent_at IS NULL AND next_attempt IS NOT NULL`, s.d.t(until), id, attempts)
	if err != nil {
		return false, s.mapErr("claim mail", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// MailSent implements mailer.Outbox.
func (s *Store) MailSent(ctx context.Context, id int64, at time.Time) error {
	_, err := s.exec(ctx, "UPDATE mail_outbox SET sent_at = ?, next_attempt = NULL, last_error = '' WHERE id = ?", s.d.t(at), id)
	return s.mapErr("mail sent", err)
}

// MailFailed implements mailer.Outbox: a zero next gives the mail up.
func (s *Store) MailFailed(ctx context.Context, id int64, next time.Time, lastErr string) error {
	_, err := s.exec(ctx, "UPDATE mail_outbox SET next_attempt = ?, last_error = ? WHERE id = ? AND sent_at IS NULL",
		s.d.t(next), lastErr, id)
	return s.mapErr("mail failed", err)
}

// A MailStatus is the delivery state of one queued mail, for the back
// office and tests.
type MailStatus struct {
	casework.Mail
	Attempts    int
	NextAttempt time.Time // zero when sent or given up
	SentAt      time.Time
	LastError   string
}

// RequestMail returns the mails queued for a request, oldest first.
func (s *Store) RequestMail(ctx context.Context, requestID int64) ([]MailStatus, error) {
	const op = "request mail"
	rows, err := s.query(ctx, `SELECT id, COALESCE(agency_id, 0), COALESCE(request_id, 0), kind, recipient_enc, recipient_key, subject, body,
		created_at, attempts, next_attempt, sent_at, last_error FROM mail_outbox WHERE request_id = ? ORDER BY id`, requestID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []MailStatus
	for rows.Next() {
		var m MailStatus
		if err := rows.Scan(&m.ID, &m.AgencyID, &m.RequestID, &m.Kind, &m.RecipientEnc, &m.RecipientKey, &m.Subject, &m.Body,
			dbTime{&m.CreatedAt}, &m.Attempts, dbTime{&m.NextAttempt}, dbTime{&m.SentAt}, &m.LastError); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, m)
	}
	return out, s.mapErr(op, rows.Err())
}

var (
	_ casework.MailQueue = (*Store)(nil)
	_ mailer.Outbox      = (*Store)(nil)
)
