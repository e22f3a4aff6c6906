package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// TokensPage lists the API tokens and the form to issue one.
type TokensPage struct {
	web.Page
	Agencies []AgencyRow
	Rows     []TokenRow
}

// A TokenRow is one issued token; the secret is never shown again.
type TokenRow struct {
	ID        int64
	Name      string
	Agency    string
	CreatedAt time.Time
	// LastUsedAt is the last API call (to the minute); zero if never used.
	LastUsedAt time.Time
	Revoked    bool
}

func (s *Site) tokensList(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	names, rows, err := s.agencyNames(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	ts, err := s.deps.Tokens.List(r.Context())
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := TokensPage{Page: s.bo.Page(r, rq, "tokens.title"), Agencies: rows}
	for _, t := range ts {
		pg.Rows = append(pg.Rows, TokenRow{ID: t.ID, Name: t.Name, Agency: names[t.AgencyID],
			CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt, Revoked: t.Revoked()})
	}
	s.rd.Render(w, r, http.StatusOK, "tokens", pg)
}

// tokenCreate issues a token; only its hash is stored, and the secret is
// shown in this answer only.
func (s *Site) tokenCreate(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	name := strings.TrimSpace(r.PostFormValue("name"))
	agencyID, _ := strconv.ParseInt(r.PostFormValue("agency"), 10, 64)
	if name == "" || len([]rune(name)) > 100 {
		s.bo.Fail(w, r, rq, apperr.New(apperr.Invalid, "token.name_length"))
		return
	}
	_, secret, err := s.deps.Tokens.Issue(r.Context(), rq.Actor, name, agencyID)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	p := s.bo.Page(r, rq, "tokens.title")
	s.rd.Render(w, r, http.StatusOK, "secret", SecretPage{Page: p, Lead: p.T("tokens.new.lead"),
		Label: p.T("tokens.secret") + "（" + name + "）", Secret: secret, Back: "/admin/tokens"})
}

func (s *Site) tokenRevoke(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil {
		err = s.deps.Tokens.Revoke(r.Context(), rq.Actor, id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.bo.Flash(r.Context(), "tokens.done")
	http.Redirect(w, r, "/admin/tokens", http.StatusSeeOther)
}
