package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
)

func reqNullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// AddNotification implements casework.Store: a dedupe key seen before
// makes it a no-op (ON CONFLICT DO NOTHING on both databases).
func (s *Store) AddNotification(ctx context.Context, n casework.Notification) (bool, error) {
	if err := needTime("add notification", "CreatedAt", n.CreatedAt); err != nil {
		return false, err
	}
	res, err := s.exec(ctx, `INSERT INTO notifications (agency_id, request_id, audience, user_id, kind, dedupe, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING`,
		n.AgencyID, nullID(n.RequestID), n.Audience, nullID(n.UserID), n.Kind, reqNullText(n.Dedupe), n.Body, s.d.t(n.CreatedAt))
	if err != nil {
		return false, s.mapErr("add notification", err)
	}
	k, _ := res.RowsAffected()
	return k > 0, nil
}

// Notifications implements casework.Store, newest last.
func (s *Store) Notifications(ctx context.Context, f casework.NotificationFilter) ([]casework.Notification, error) {
	const op = "notifications"
	var where []string
	var args []any
	if f.AgencyID != 0 {
		where, args = append(where, "agency_id = ?"), append(args, f.AgencyID)
	}
	if f.RequestID != 0 {
		where, args = append(where, "request_id = ?"), append(args, f.RequestID)
	}
	if f.Audience != "" {
		where, args = append(where, "audience = ?"), append(args, f.Audience)
	}
	q := "SELECT " + notificationCols + " FROM notifications"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += " LIMIT " + itoa(f.Limit)
	}
	return s.notifications(ctx, op, q, args...)
}

const notificationCols = `id, agency_id, COALESCE(request_id, 0), audience, COALESCE(user_id, 0), kind, COALESCE(dedupe, ''), body,
	created_at, read_at`

func (s *Store) notifications(ctx context.Context, op, q string, args ...any) ([]casework.Notification, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []casework.Notification
	for rows.Next() {
		var n casework.Notification
		var read time.Time
		if err := rows.Scan(&n.ID, &n.AgencyID, &n.RequestID, &n.Audience, &n.UserID, &n.Kind, &n.Dedupe, &n.Body,
			dbTime{&n.CreatedAt}, dbTime{&read}); err != nil {
			return nil, s.mapErr(op, err)
		}
		n.ReadAt = read
		out = append(out, n)
	}
	return out, s.mapErr(op, rows.Err())
}

// Notification implements casework.Store.
func (s *Store) Notification(ctx context.Context, id int64) (casework.Notification, error) {
	ns, err := s.notifications(ctx, "notification", "SELECT "+notificationCols+" FROM notifications WHERE id = ?", id)
	if err != nil {
		return casework.Notification{}, err
	}
	if len(ns) == 0 {
		return casework.Notification{}, s.notFound("notification", "notice.not_found", sql.ErrNoRows)
	}
	return ns[0], nil
}

// MarkNotificationRead implements casework.Store.
func (s *Store) MarkNotificationRead(ctx context.Context, id int64, at time.Time) error {
	_, err := s.exec(ctx, "UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL", s.d.t(at), id)
	return s.mapErr("mark notification read", err)
}
