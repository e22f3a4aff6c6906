package portal

import (
	"log/slog"
	"net/http"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/web"
)

// ApplyAccount is what the application form and its receipt show about a
// public account.
type ApplyAccount struct {
	On       bool // the installation has public accounts
	SignedIn bool
	Linked   bool // the receipt's request was added to the account
}

// applyAccount marks p with the signed-in account, if any, and returns it.
func (s *Site) applyAccount(r *http.Request, p *Page) (publicuser.Account, ApplyAccount) {
	st := ApplyAccount{On: s.deps.Accounts != nil && s.deps.PublicSessions != nil}
	a, ok := s.signedIn(r)
	if !ok {
		return a, st
	}
	st.SignedIn = true
	p.Viewer = &web.Viewer{Name: a.DisplayName}
	p.LogoutURL = "/account/logout"
	return a, st
}

// prefill fills the applicant's name and contact from the account: the
// login goes to the e-mail or the phone field.
func prefill(f *RequestForm, a publicuser.Account) {
	f.Name = a.DisplayName
	if _, kind, err := publicuser.NormalizeLogin(a.Login); err == nil && kind == publicuser.Phone {
		f.Phone = a.Login
	} else {
		f.Email = a.Login
	}
}

// linkReceipt adds the request of rc to the signed-in account. The
// request is filed and durable already: a failure here is logged and the
// receipt is still shown (the applicant can add the request later with its
// code on /account/claim).
func (s *Site) linkReceipt(r *http.Request, a publicuser.Account, rc casework.Receipt) bool {
	if err := s.deps.Accounts.LinkSubmitted(r.Context(), a.ID, rc.RequestID, s.clientIP(r)); err != nil {
		s.log.ErrorContext(r.Context(), "portal: link request to account", slog.String("request_id", web.RequestID(r.Context())),
			slog.Int64("request", rc.RequestID), slog.String("error", err.Error()))
		return false
	}
	return true
}
