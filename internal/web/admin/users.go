package admin

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// UsersPage lists accounts.
type UsersPage struct {
	web.Page
	CanAdd  bool
	Rows    []UserRow
	Status  string         // the filter: "", "active", "inactive", "locked" or "disabled"
	Filters []StatusFilter // the filter's choices
	// CanUnlockPublic shows the form that unlocks a public account.
	CanUnlockPublic bool
}

// A StatusFilter is one choice of the accounts list's status filter.
type StatusFilter struct {
	Value, Label string
	Selected     bool
}

// userStatuses are the values of the status filter with their labels.
var userStatuses = []struct{ value, key string }{
	{"", "users.all"}, {"active", "status.active"}, {"inactive", "users.inactive"},
	{"locked", "users.locked"}, {"disabled", "status.disabled"},
}

// matches reports whether row passes the status filter.
func (row UserRow) matches(status string) bool {
	switch status {
	case "active":
		return !row.Disabled && !row.Locked && !row.Inactive
	case "inactive":
		return !row.Disabled && row.Inactive
	case "locked":
		return !row.Disabled && row.Locked
	case "disabled":
		return row.Disabled
	}
	return true
}

// A UserRow is an account as lists show it; it never carries a hash or
// a TOTP secret.
type UserRow struct {
	ID       int64
	Login    string
	Name     string
	Agency   string
	Roles    string
	Disabled bool
	Locked   bool
	// Inactive is auth's inactivity rule: the account may not sign in
	// until its password is reset (GB/T 22239-2019 8.1.4.2 c).
	Inactive  bool
	LastLogin time.Time
}

// UserPage shows one account.
type UserPage struct {
	web.Page
	User      UserRow
	LastLogin time.Time
	CanManage bool
}

// UserNewPage is the form to add an account.
type UserNewPage struct {
	web.Page
	Login    string
	Name     string
	AgencyID int64
	Agencies []AgencyRow
	Roles    []RoleChoice
}

// A RoleChoice is one checkbox of the role fieldset.
type RoleChoice struct {
	Code    string
	Label   string
	Checked bool
}

func (s *Site) userRow(p web.Page, u account.User, agencies map[int64]string) UserRow {
	return UserRow{ID: u.ID, Login: u.Login, Name: u.DisplayName, Agency: agencies[u.AgencyID],
		Roles: backoffice.RoleLabels(p, u.Roles), Disabled: u.Disabled, Locked: u.Locked(s.deps.Now()),
		Inactive: auth.Inactive(u, s.deps.Now(), s.deps.InactiveAfter), LastLogin: u.LastLoginAt}
}

// roleChoices is the role fieldset with checked marked.
func roleChoices(p web.Page, checked []account.Role) []RoleChoice {
	var out []RoleChoice
	for _, ro := range account.AllRoles {
		out = append(out, RoleChoice{Code: string(ro), Label: backoffice.RoleLabel(p, ro), Checked: slices.Contains(checked, ro)})
	}
	return out
}

func (s *Site) agencyNames(r *http.Request) (map[int64]string, []AgencyRow, error) {
	all, err := s.deps.AgencyStore.ListAgencies(r.Context())
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	var rows []AgencyRow
	for _, a := range all {
		names[a.ID] = a.Name
		rows = append(rows, AgencyRow{ID: a.ID, Name: a.Name})
	}
	return names, rows, nil
}

func (s *Site) usersList(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	names, _, err := s.agencyNames(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	us, err := s.deps.Users.ListUsers(r.Context(), nil)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := UsersPage{Page: s.bo.Page(r, rq, "users.title"), CanAdd: true, Status: r.URL.Query().Get("status"),
		CanUnlockPublic: s.deps.PublicAccounts != nil}
	known := false
	for _, f := range userStatuses {
		known = known || f.value == pg.Status
		pg.Filters = append(pg.Filters, StatusFilter{Value: f.value, Label: pg.T(f.key), Selected: f.value == pg.Status})
	}
	if !known {
		pg.Status = ""
	}
	for _, u := range us {
		if row := s.userRow(pg.Page, u, names); row.matches(pg.Status) {
			pg.Rows = append(pg.Rows, row)
		}
	}
	s.rd.Render(w, r, http.StatusOK, "users", pg)
}

func (s *Site) userShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	var u account.User
	if err == nil {
		u, err = s.deps.Users.User(r.Context(), id)
	}
	var names map[int64]string
	if err == nil {
		names, _, err = s.agencyNames(r)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	p := s.bo.Page(r, rq, "users.user")
	p.Title = p.T("users.user") + " " + u.Login
	s.rd.Render(w, r, http.StatusOK, "user", UserPage{Page: p, User: s.userRow(p, u, names),
		LastLogin: u.LastLoginAt, CanManage: u.ID != rq.User.ID})
}

func (s *Site) userForm(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, pg UserNewPage, checked []account.Role) {
	_, rows, err := s.agencyNames(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg.Agencies = rows
	pg.Roles = roleChoices(pg.Page, checked)
	s.rd.Render(w, r, status, "user_new", pg)
}

func (s *Site) userNew(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.userForm(w, r, rq, http.StatusOK, UserNewPage{Page: s.bo.Page(r, rq, "users.new"), AgencyID: rq.User.AgencyID}, nil)
}

func (s *Site) userCreate(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	if err := r.ParseForm(); err != nil {
		s.bo.Fail(w, r, rq, apperr.Wrap(apperr.Invalid, "", err))
		return
	}
	agencyID, _ := strconv.ParseInt(r.PostFormValue("agency"), 10, 64)
	u := account.User{
		Login:       account.NormalizeLogin(r.PostFormValue("login")),
		DisplayName: strings.TrimSpace(r.PostFormValue("name")),
		AgencyID:    agencyID,
	}
	var bad error
	for _, code := range r.PostForm["role"] {
		ro, err := account.ParseRole(code)
		if err != nil {
			bad = err
			break
		}
		u.Roles = append(u.Roles, ro)
	}
	var otp string
	err := bad
	if err == nil {
		u, otp, err = s.deps.Accounts.Create(r.Context(), rq.Actor, u)
	}
	if err != nil {
		status := web.StatusOf(err)
		if status >= 500 {
			s.bo.Fail(w, r, rq, err)
			return
		}
		if status == http.StatusNotFound {
			status = http.StatusBadRequest
		}
		pg := UserNewPage{Page: s.bo.Page(r, rq, "users.new"), Login: r.PostFormValue("login"),
			Name: u.DisplayName, AgencyID: agencyID}
		pg.Errors = []string{pg.Err(err)}
		s.userForm(w, r, rq, status, pg, u.Roles)
		return
	}
	p := s.bo.Page(r, rq, "users.new")
	s.rd.Render(w, r, http.StatusOK, "secret", SecretPage{Page: p, Lead: p.T("users.created.lead"),
		Label: p.T("users.otp") + "（" + u.Login + "）", Secret: otp, Back: "/admin/users/" + strconv.FormatInt(u.ID, 10)})
}

func (s *Site) userDisable(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil && id == rq.User.ID {
		err = apperr.New(apperr.Invalid, "user.disable_self")
	}
	if err == nil {
		err = s.deps.Accounts.Disable(r.Context(), rq.Actor, id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.bo.Flash(r.Context(), "users.disabled")
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// userUnlock lifts every sign-in lock of an account (a lock binds one
// address only, so this is for an owner locked at their own address);
// audited user.unlock (#10 item 7).
func (s *Site) userUnlock(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil {
		err = s.deps.Accounts.Unlock(r.Context(), rq.Actor, id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.bo.Flash(r.Context(), "users.unlocked")
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// publicUnlock lifts every sign-in lock of the public account whose
// login (an e-mail address or mobile number) the holder gave; audited
// public.unlock like the staff unlock (#10 item 7).
func (s *Site) publicUnlock(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	if s.deps.PublicAccounts == nil {
		s.bo.Fail(w, r, rq, apperr.New(apperr.NotFound, "public.no_account"))
		return
	}
	if _, err := s.deps.PublicAccounts.Unlock(r.Context(), rq.Actor, r.PostFormValue("login")); err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.bo.Flash(r.Context(), "users.public_unlocked")
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

func (s *Site) userReset(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil && id == rq.User.ID {
		err = apperr.New(apperr.Invalid, "user.reset_self")
	}
	var otp string
	if err == nil {
		otp, err = s.deps.Accounts.Reset(r.Context(), rq.Actor, id)
	}
	var u account.User
	if err == nil {
		u, err = s.deps.Users.User(r.Context(), id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	p := s.bo.Page(r, rq, "users.reset")
	s.rd.Render(w, r, http.StatusOK, "secret", SecretPage{Page: p, Lead: p.T("users.reset.lead"),
		Label: p.T("users.otp") + "（" + u.Login + "）", Secret: otp, Back: "/admin/users/" + strconv.FormatInt(id, 10)})
}
