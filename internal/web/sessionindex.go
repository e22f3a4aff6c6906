package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"
)

// A SessionInfo is one back-office session as its owner sees it. ID is
// the SHA-256 of the session token in hex: it names the session in
// forms and in the database without revealing the token.
type SessionInfo struct {
	ID         string
	UserID     int64
	PasswordAt int64 // the user's PasswordChangedAt (Unix nanoseconds) when the session began
	Created    time.Time
	LastSeen   time.Time
	IP         string
	UserAgent  string
}

// SessionRows keeps the index rows (table staff_sessions, migration
// 00061); internal/app adapts *sqlstore.Store to it. Session returns
// found=false when there is no row.
type SessionRows interface {
	AddSession(ctx context.Context, si SessionInfo, seenBefore, createdBefore time.Time) error
	Session(ctx context.Context, id string) (si SessionInfo, found bool, err error)
	SeeSession(ctx context.Context, id string, at time.Time, ip string) error
	Sessions(ctx context.Context, userID, pwat int64, seenSince, createdSince time.Time) ([]SessionInfo, error)
	EndSession(ctx context.Context, userID int64, id string) (bool, error)
	EndOtherSessions(ctx context.Context, userID int64, keep string) (int64, error)
	ForgetSession(ctx context.Context, id string) error
}

// SessionIndex lists the back office's sessions per user. scs stores
// sessions as opaque blobs keyed by token, so the web layer keeps this
// index beside them: a row is written when a session starts, its
// last_seen is refreshed at most once per Throttle, and it is removed
// when the session ends. A session whose row is gone is dead: the back
// office ends it at its next request (SECURITY.md O-SES-02).
type SessionIndex struct {
	rows SessionRows
	// Throttle is how stale last_seen may get before a request refreshes
	// it (one minute by default).
	Throttle time.Duration
	// Idle and Lifetime are the session manager's limits; rows past them
	// are not listed and are purged when a session starts.
	Idle, Lifetime time.Duration
}

// NewSessionIndex returns the index on rows for sessions with the given
// idle and absolute limits.
func NewSessionIndex(rows SessionRows, idle, lifetime time.Duration) *SessionIndex {
	return &SessionIndex{rows: rows, Throttle: time.Minute, Idle: idle, Lifetime: lifetime}
}

// SessionID returns the index key of a session token.
func SessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// clip shortens s to at most n runes of valid UTF-8.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// Start records a new session of userID at now; pwat is the user's
// PasswordChangedAt in Unix nanoseconds. Expired rows are purged.
func (x *SessionIndex) Start(ctx context.Context, token string, userID, pwat int64, now time.Time, ip, ua string) error {
	si := SessionInfo{ID: SessionID(token), UserID: userID, PasswordAt: pwat, Created: now, LastSeen: now,
		IP: clip(ip, 64), UserAgent: clip(ua, 300)}
	return x.rows.AddSession(ctx, si, now.Add(-x.Idle), now.Add(-x.Lifetime))
}

// Touch checks that token's session is indexed for userID and refreshes
// its last_seen when older than Throttle. It reports false when the row
// is missing or belongs to someone else: the session was ended.
func (x *SessionIndex) Touch(ctx context.Context, token string, userID int64, now time.Time, ip string) (bool, error) {
	id := SessionID(token)
	si, found, err := x.rows.Session(ctx, id)
	if err != nil || !found || si.UserID != userID {
		return false, err
	}
	if now.Sub(si.LastSeen) >= x.Throttle {
		if err := x.rows.SeeSession(ctx, id, now, clip(ip, 64)); err != nil {
			return false, err
		}
	}
	return true, nil
}

// List returns userID's live sessions (begun under the current password,
// pwat) at now, the most recently seen first.
func (x *SessionIndex) List(ctx context.Context, userID, pwat int64, now time.Time) ([]SessionInfo, error) {
	return x.rows.Sessions(ctx, userID, pwat, now.Add(-x.Idle), now.Add(-x.Lifetime))
}

// End removes the session id of userID and reports whether there was
// one: another user's id ends nothing.
func (x *SessionIndex) End(ctx context.Context, userID int64, id string) (bool, error) {
	return x.rows.EndSession(ctx, userID, id)
}

// EndOthers removes every session of userID except keep (an id) and
// returns how many it removed.
func (x *SessionIndex) EndOthers(ctx context.Context, userID int64, keep string) (int64, error) {
	return x.rows.EndOtherSessions(ctx, userID, keep)
}

// Forget removes token's row (sign-out, or a session found dead).
func (x *SessionIndex) Forget(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return x.rows.ForgetSession(ctx, SessionID(token))
}
