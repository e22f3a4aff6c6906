package app

import (
	"context"
	"errors"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/web"
)

// sessionRows adapts the store's staff_sessions table to
// web.SessionRows, the index behind "my sessions" (web stays out of the
// database: STYLE.md layering). The web layer names the password by its
// change time in Unix nanoseconds, as the scs session holds it; the store
// keeps that time as a time (to the microsecond, as users holds it).
type sessionRows struct{ st *sqlstore.Store }

var _ web.SessionRows = sessionRows{}

func toInfo(ss sqlstore.StaffSession) web.SessionInfo {
	return web.SessionInfo{ID: ss.Hash, UserID: ss.UserID, PasswordAt: ss.PasswordChangedAt.UnixNano(), Created: ss.Created,
		LastSeen: ss.LastSeen, IP: ss.IP, UserAgent: ss.UserAgent}
}

// passwordTime is the time of a password change given in Unix nanoseconds.
func passwordTime(pwat int64) time.Time { return time.Unix(0, pwat).UTC() }

func (r sessionRows) AddSession(ctx context.Context, si web.SessionInfo, seenBefore, createdBefore time.Time) error {
	return r.st.AddStaffSession(ctx, sqlstore.StaffSession{Hash: si.ID, UserID: si.UserID, PasswordChangedAt: passwordTime(si.PasswordAt),
		Created: si.Created, LastSeen: si.LastSeen, IP: si.IP, UserAgent: si.UserAgent}, seenBefore, createdBefore)
}

func (r sessionRows) Session(ctx context.Context, id string) (web.SessionInfo, bool, error) {
	ss, err := r.st.StaffSession(ctx, id)
	if errors.Is(err, apperr.NotFound) {
		return web.SessionInfo{}, false, nil
	}
	if err != nil {
		return web.SessionInfo{}, false, err
	}
	return toInfo(ss), true, nil
}

func (r sessionRows) SeeSession(ctx context.Context, id string, at time.Time, ip string) error {
	return r.st.SeeStaffSession(ctx, id, at, ip)
}

func (r sessionRows) Sessions(ctx context.Context, userID, pwat int64, seenSince, createdSince time.Time) ([]web.SessionInfo, error) {
	list, err := r.st.StaffSessions(ctx, userID, passwordTime(pwat), seenSince, createdSince)
	if err != nil {
		return nil, err
	}
	out := make([]web.SessionInfo, 0, len(list))
	for _, ss := range list {
		out = append(out, toInfo(ss))
	}
	return out, nil
}

func (r sessionRows) EndSession(ctx context.Context, userID int64, id string) (bool, error) {
	return r.st.EndStaffSession(ctx, userID, id)
}

func (r sessionRows) EndOtherSessions(ctx context.Context, userID int64, keep string) (int64, error) {
	return r.st.EndOtherStaffSessions(ctx, userID, keep)
}

func (r sessionRows) ForgetSession(ctx context.Context, id string) error {
	return r.st.ForgetStaffSession(ctx, id)
}
