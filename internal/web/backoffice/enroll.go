package backoffice

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"image/png"
	"net/http"

	"github.com/pquerna/otp"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
)

// EnrollPage sets up the TOTP second factor that the level-3 profile
// requires (GB/T 22239-2019 8.1.4.1 d) before the first full sign-in.
type EnrollPage struct {
	web.Page
	Secret string       // base32, to type into an authenticator app
	URL    template.URL // otpauth:// URL (made here, so trusted), for apps that accept a link
	QR     template.URL // the URL as a QR code, a data: PNG (CSP allows img-src data:)
}

// qrDataURL renders an otpauth:// URL as a PNG QR code in a data: URL, so
// the page needs no script and no other request. Empty when it fails.
func qrDataURL(u string) template.URL {
	k, err := otp.NewKeyFromURL(u)
	if err != nil {
		return ""
	}
	img, err := k.Image(200, 200)
	if err != nil {
		return ""
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return ""
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
}

func (s *Site) enrollShow(w http.ResponseWriter, r *http.Request) {
	id := s.pendingUser(r, StepEnroll)
	if id == 0 {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	secret, url, err := s.deps.Auth.BeginTOTP(r.Context(), id)
	if err != nil {
		s.Fail(w, r, nil, err)
		return
	}
	s.rd.Render(w, r, http.StatusOK, "enroll", EnrollPage{Page: s.Page(r, nil, "enroll.title"), Secret: secret,
		URL: template.URL(url), QR: qrDataURL(url)})
}

func (s *Site) enrollSubmit(w http.ResponseWriter, r *http.Request) {
	id := s.pendingUser(r, StepEnroll)
	if id == 0 {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	err := s.deps.Auth.ConfirmTOTP(r.Context(), audit.Actor{UserID: id, IP: s.deps.ClientIP(r)}, id, r.PostFormValue("code"))
	if err != nil {
		if !errors.Is(err, apperr.Invalid) && !errors.Is(err, apperr.Conflict) {
			s.Fail(w, r, nil, err)
			return
		}
		p := s.Page(r, nil, "enroll.title")
		p.Errors = []string{p.T("totp.failed")}
		s.rd.Render(w, r, http.StatusBadRequest, "enroll", EnrollPage{Page: p})
		return
	}
	u, err := s.deps.Users.User(r.Context(), id)
	if err != nil {
		s.Fail(w, r, nil, err)
		return
	}
	if err := s.startSession(r, u, false); err != nil {
		s.Fail(w, r, nil, err)
		return
	}
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}
