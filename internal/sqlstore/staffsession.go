package sqlstore

import (
	"context"
	"time"
)

// A StaffSession is one row of staff_sessions (migrations 00061, 00070):
// the index of a back-office scs session by the SHA-256 of its token, so
// a user can list and end their own sessions (SECURITY.md O-SES-02). Its
// times are stored like every other (see the package doc), to the
// microsecond.
type StaffSession struct {
	Hash   string // hex SHA-256 of the scs token; never the token
	UserID int64
	// PasswordChangedAt is the user's PasswordChangedAt when the session
	// began; a later password change ends the session.
	PasswordChangedAt time.Time
	Created           time.Time
	LastSeen          time.Time
	IP                string
	UserAgent         string
}

// AddStaffSession indexes a new session, first purging rows last seen
// before seenBefore or created before createdBefore (expired sessions).
func (s *Store) AddStaffSession(ctx context.Context, ss StaffSession, seenBefore, createdBefore time.Time) error {
	if err := needTime("add staff session", "Created", ss.Created); err != nil {
		return err
	}
	if err := needTime("add staff session", "PasswordChangedAt", ss.PasswordChangedAt); err != nil {
		return err
	}
	if ss.LastSeen.IsZero() {
		ss.LastSeen = ss.Created
	}
	if _, err := s.exec(ctx, "DELETE FROM staff_sessions WHERE last_seen_at < ? OR created_at < ?",
		s.d.t(seenBefore), s.d.t(createdBefore)); err != nil {
		return s.mapErr("purge staff sessions", err)
	}
	_, err := s.exec(ctx, `INSERT INTO staff_sessions (token_hash, user_id, password_changed_at, created_at, last_seen_at, ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, ss.Hash, ss.UserID, s.d.t(ss.PasswordChangedAt), s.d.t(ss.Created), s.d.t(ss.LastSeen),
		ss.IP, ss.UserAgent)
	return s.mapErr("add staff session", err)
}

// StaffSession returns the row of hash, or apperr.NotFound.
func (s *Store) StaffSession(ctx context.Context, hash string) (StaffSession, error) {
	ss, err := scanStaffSession(s.queryRow(ctx, "SELECT "+staffSessionCols+" FROM staff_sessions WHERE token_hash = ?", hash))
	if err != nil {
		return StaffSession{}, s.notFound("staff session", "session.not_found", err)
	}
	return ss, nil
}

// SeeStaffSession records activity of hash's session at at from ip.
func (s *Store) SeeStaffSession(ctx context.Context, hash string, at time.Time, ip string) error {
	if err := needTime("see staff session", "at", at); err != nil {
		return err
	}
	_, err := s.exec(ctx, "UPDATE staff_sessions SET last_seen_at = ?, ip = ? WHERE token_hash = ?", s.d.t(at), ip, hash)
	return s.mapErr("see staff session", err)
}

const staffSessionCols = "token_hash, user_id, password_changed_at, created_at, last_seen_at, ip, user_agent"

func scanStaffSession(sc interface{ Scan(...any) error }) (StaffSession, error) {
	var ss StaffSession
	err := sc.Scan(&ss.Hash, &ss.UserID, dbTime{&ss.PasswordChangedAt}, dbTime{&ss.Created}, dbTime{&ss.LastSeen}, &ss.IP, &ss.UserAgent)
	return ss, err
}

// StaffSessions returns userID's sessions begun under the password changed
// at passwordChangedAt, seen since seenSince and created since
// createdSince, the most recently seen first.
func (s *Store) StaffSessions(ctx context.Context, userID int64, passwordChangedAt, seenSince, createdSince time.Time) ([]StaffSession, error) {
	rows, err := s.query(ctx, "SELECT "+staffSessionCols+` FROM staff_sessions
		WHERE user_id = ? AND password_changed_at = ? AND last_seen_at >= ? AND created_at >= ?
		ORDER BY last_seen_at DESC, created_at DESC`,
		userID, s.d.t(passwordChangedAt), s.d.t(seenSince), s.d.t(createdSince))
	if err != nil {
		return nil, s.mapErr("list staff sessions", err)
	}
	defer rows.Close()
	var out []StaffSession
	for rows.Next() {
		ss, err := scanStaffSession(rows)
		if err != nil {
			return nil, s.mapErr("list staff sessions", err)
		}
		out = append(out, ss)
	}
	return out, s.mapErr("list staff sessions", rows.Err())
}

// EndStaffSession removes userID's session hash and reports whether
// there was one: another user's session is not touched.
func (s *Store) EndStaffSession(ctx context.Context, userID int64, hash string) (bool, error) {
	res, err := s.exec(ctx, "DELETE FROM staff_sessions WHERE token_hash = ? AND user_id = ?", hash, userID)
	if err != nil {
		return false, s.mapErr("end staff session", err)
	}
	n, err := res.RowsAffected()
	return n > 0, s.mapErr("end staff session", err)
}

// EndOtherStaffSessions removes every session of userID but keep and
// returns how many it removed.
func (s *Store) EndOtherStaffSessions(ctx context.Context, userID int64, keep string) (int64, error) {
	res, err := s.exec(ctx, "DELETE FROM staff_sessions WHERE user_id = ? AND token_hash <> ?", userID, keep)
	if err != nil {
		return 0, s.mapErr("end other staff sessions", err)
	}
	n, err := res.RowsAffected()
	return n, s.mapErr("end other staff sessions", err)
}

// ForgetStaffSession removes the row of hash, if any.
func (s *Store) ForgetStaffSession(ctx context.Context, hash string) error {
	_, err := s.exec(ctx, "DELETE FROM staff_sessions WHERE token_hash = ?", hash)
	return s.mapErr("forget staff session", err)
}
