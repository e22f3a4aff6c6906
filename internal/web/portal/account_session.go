package portal

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/web"
)

// Session keys of the portal's own session (a cookie apart from the back
// office's, so that a public sign-in never reaches /admin).
const (
	keyPublicID   = "public_uid"
	keyPublicPwAt = "public_pwat" // PasswordChangedAt when signed in (UnixNano)
	keyPublicMsg  = "public_flash"
)

// withSession loads the portal session for the account pages (never
// cached) and the application form; other routes need none.
func (s *Site) withSession(pattern string, h http.HandlerFunc) http.Handler {
	sm := s.deps.PublicSessions
	_, path, _ := strings.Cut(pattern, " ")
	switch {
	case sm == nil || s.deps.Accounts == nil:
		return h
	case path == "/account" || strings.HasPrefix(path, "/account/"):
		return web.NoStore(sm.LoadAndSave(h))
	case path == "/apply" || path == receiptPath:
		return sm.LoadAndSave(h)
	}
	return h
}

// signedIn returns the signed-in public account of r, or false. A session
// whose account is gone or whose password changed since is ended
// (SECURITY.md O-SES-02).
func (s *Site) signedIn(r *http.Request) (publicuser.Account, bool) {
	sm := s.deps.PublicSessions
	if sm == nil || s.deps.Accounts == nil {
		return publicuser.Account{}, false
	}
	ctx := r.Context()
	id := sm.GetInt64(ctx, keyPublicID)
	if id == 0 {
		return publicuser.Account{}, false
	}
	a, err := s.deps.Accounts.Account(ctx, id)
	if err != nil || a.PasswordChangedAt.UnixNano() != sm.GetInt64(ctx, keyPublicPwAt) {
		if err == nil || errors.Is(err, apperr.NotFound) {
			_ = sm.Destroy(ctx)
		}
		return publicuser.Account{}, false
	}
	return a, true
}

// startPublicSession signs a in with a fresh token (O-SES-01).
func (s *Site) startPublicSession(ctx context.Context, a publicuser.Account) error {
	sm := s.deps.PublicSessions
	if err := sm.RenewToken(ctx); err != nil {
		return err
	}
	sm.Put(ctx, keyPublicID, a.ID)
	sm.Put(ctx, keyPublicPwAt, a.PasswordChangedAt.UnixNano())
	return nil
}

// accountPage is the frame of an account page, with the account named in
// the header and its sign-out button.
func (s *Site) accountPage(r *http.Request, titleKey string, a *publicuser.Account) Page {
	p := s.page(r, titleKey)
	if a != nil {
		p.Viewer = &web.Viewer{Name: a.DisplayName}
		p.LogoutURL = "/account/logout"
		if k := s.deps.PublicSessions.PopString(r.Context(), keyPublicMsg); k != "" {
			p.Flash = p.T(k)
		}
	}
	return p
}

// requireAccount returns the signed-in account, or sends the visitor to
// the sign-in page and returns false.
func (s *Site) requireAccount(w http.ResponseWriter, r *http.Request) (publicuser.Account, bool) {
	a, ok := s.signedIn(r)
	if !ok {
		http.Redirect(w, r, "/account/login", http.StatusSeeOther)
	}
	return a, ok
}

// clientIP is the address recorded with what a visitor does.
func (s *Site) clientIP(r *http.Request) string {
	if s.deps.ClientIP != nil {
		return s.deps.ClientIP(r)
	}
	return r.RemoteAddr
}
