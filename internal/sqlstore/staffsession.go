package sqlstore

import (
	"context"
	"time"
)

// A StaffSession is one row of staff_sessions (migration 00061): the
// index of a back-office scs session by the SHA-256 of its token, so a
// user can list and end their own sessions (SECURITY.md O-SES-02). Times
// are kept as Unix seconds on both databases.
type StaffSession struct {
	Hash   string // hex SHA-256 of the scs token; never the token
	UserID int64
	// PasswordAt is the user's PasswordChangedAt (Unix nanoseconds) when
	// the session began; a later password change ends the session.
	PasswordAt int64
	Created    time.Time
	LastSeen   time.Time
	IP         string
	UserAgent  string
}

// AddStaffSession indexes a new session, first purging rows last seen
// before seenBefore or created before createdBefore (expired sessions).
func (s *Store) AddStaffSession(ctx context.Context, ss StaffSession, seenBefore, createdBefore time.Time) error {
	if _, err := s.exec(ctx, "DELETE FROM staff_sessions WHERE last_seen < ? OR created < ?",
		seenBefore.Unix(), createdBefore.Unix()); err != nil {
		return s.mapErr("purge staff sessions", err)
	}
	_, err := s.exec(ctx, `INSERT INTO staff_sessions (token_hash, user_id, pwat, created, last_seen, ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, ss.Hash, ss.UserID, ss.PasswordAt, ss.Created.Unix(), ss.LastSeen.Unix(), ss.IP, ss.UserAgent)
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
	_, err := s.exec(ctx, "UPDATE staff_sessions SET last_seen = ?, ip = ? WHERE token_hash = ?", at.Unix(), ip, hash)
	return s.mapErr("see staff session", err)
}

const staffSessionCols = "token_hash, user_id, pwat, created, last_seen, ip, user_agent"

func scanStaffSession(sc interface{ Scan(...any) error }) (StaffSession, error) {
	var ss StaffSession
	var created, seen int64
	err := sc.Scan(&ss.Hash, &ss.UserID, &ss.PasswordAt, &created, &seen, &ss.IP, &ss.UserAgent)
	ss.Created, ss.LastSeen = time.Unix(created, 0), time.Unix(seen, 0)
	return ss, err
}

// StaffSessions returns userID's sessions begun under password pwat,
// seen since seenSince and created since createdSince, the most recently
// seen first.
func (s *Store) StaffSessions(ctx context.Context, userID, pwat int64, seenSince, createdSince time.Time) ([]StaffSession, error) {
	rows, err := s.query(ctx, "SELECT "+staffSessionCols+` FROM staff_sessions
		WHERE user_id = ? AND pwat = ? AND last_seen >= ? AND created >= ? ORDER BY last_seen DESC, created DESC`,
		userID, pwat, seenSince.Unix(), createdSince.Unix())
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
