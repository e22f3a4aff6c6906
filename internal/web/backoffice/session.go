package backoffice

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
)

// Session keys.
const (
	keyUserID      = "uid"
	keyPasswordAt  = "pwat" // PasswordChangedAt when the session was made (UnixNano)
	keyPendingTOTP = "totp_uid"
	keyPendingAt   = "totp_at"
	keyPendingStep = "pending_step" // the LoginStep after the second factor
	keyMustChange  = "must_change"  // the password expired or is one-time
	keyFlash       = "flash"
	keySecret      = "secret" // a one-time password or token to show once
)

// A Request is what an authenticated handler gets: the signed-in user,
// their permission subject and the audit actor for what they do.
type Request struct {
	User       account.User
	MustChange bool // only the password page and logout are open
	Subject    auth.Subject
	Actor      audit.Actor
}

// guard loads the signed-in user from the session on every request, ends
// the session when the account was disabled or its password changed
// elsewhere (E-AC-03 c, O-SES-02), sends a user with a one-time password
// to the change-password page, and refuses the route when check fails.
// Anonymous visitors are sent to the login page. A panic or error here
// denies (O-AC-01: fail securely).
func (s *Site) guard(check Check, h HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rq, err := s.current(r)
		if err != nil {
			if !errors.Is(err, apperr.Unauthenticated) {
				s.Fail(w, r, nil, err)
				return
			}
			s.toLogin(w, r)
			return
		}
		if rq.MustChange && r.URL.Path != "/admin/password" && r.URL.Path != "/admin/logout" {
			http.Redirect(w, r, "/admin/password", http.StatusSeeOther)
			return
		}
		if !check(rq.Subject) {
			s.deny(w, r, rq)
			return
		}
		h(w, r, rq)
	}
}

// current returns the signed-in user of r, or apperr.Unauthenticated.
func (s *Site) current(r *http.Request) (*Request, error) {
	ctx := r.Context()
	sm := s.deps.Sessions
	id := sm.GetInt64(ctx, keyUserID)
	if id == 0 {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	u, err := s.deps.Users.User(ctx, id)
	if errors.Is(err, apperr.NotFound) {
		s.endCurrent(ctx)
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled || u.PasswordChangedAt.UnixNano() != sm.GetInt64(ctx, keyPasswordAt) {
		s.endCurrent(ctx)
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	if x := s.deps.SessionIndex; x != nil {
		// A session whose index row is gone was ended from "my sessions".
		live, err := x.Touch(ctx, sm.Token(ctx), u.ID, s.deps.Now(), s.deps.ClientIP(r))
		if err != nil {
			return nil, err
		}
		if !live {
			s.endCurrent(ctx)
			return nil, apperr.New(apperr.Unauthenticated, "")
		}
	}
	var scope []int64
	if u.Has(account.Supervisor) {
		if scope, err = agency.Scope(ctx, s.deps.AgencyStore, u.AgencyID); err != nil {
			return nil, err
		}
	}
	return &Request{
		User:       u,
		MustChange: u.MustChangePassword || sm.GetBool(ctx, keyMustChange),
		Subject:    auth.NewSubject(u, scope),
		Actor:      audit.Actor{UserID: u.ID, Login: u.Login, IP: s.deps.ClientIP(r)},
	}, nil
}

// endCurrent destroys the session of ctx and its index row.
func (s *Site) endCurrent(ctx context.Context) {
	sm := s.deps.Sessions
	if x := s.deps.SessionIndex; x != nil {
		if err := x.Forget(ctx, sm.Token(ctx)); err != nil {
			s.log.WarnContext(ctx, "admin: forget session", slog.String("error", err.Error()))
		}
	}
	_ = sm.Destroy(ctx)
}

// startSession makes a new session for u: a fresh token (renewal on
// login prevents session fixation, O-SES-01), indexed under u for the
// "my sessions" page.
func (s *Site) startSession(r *http.Request, u account.User, mustChange bool) error {
	ctx := r.Context()
	sm := s.deps.Sessions
	old := sm.Token(ctx)
	if err := sm.RenewToken(ctx); err != nil {
		return err
	}
	if x := s.deps.SessionIndex; x != nil {
		if err := x.Forget(ctx, old); err != nil {
			return err
		}
		if err := x.Start(ctx, sm.Token(ctx), u.ID, u.PasswordChangedAt.UnixNano(), s.deps.Now(),
			s.deps.ClientIP(r), r.UserAgent()); err != nil {
			return err
		}
	}
	sm.Remove(ctx, keyPendingTOTP)
	sm.Remove(ctx, keyPendingAt)
	sm.Remove(ctx, keyPendingStep)
	sm.Put(ctx, keyUserID, u.ID)
	sm.Put(ctx, keyMustChange, mustChange || u.MustChangePassword)
	sm.Put(ctx, keyPasswordAt, u.PasswordChangedAt.UnixNano())
	return nil
}
