package admin

import (
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// RolesPage lists accounts for the 安全管理员, who grants roles
// (GB/T 22239-2019 8.1.5.3) but does not create or disable accounts.
type RolesPage struct {
	web.Page
	Rows []UserRow
}

// RolesEditPage is the role form of one account.
type RolesEditPage struct {
	web.Page
	User  UserRow
	Roles []RoleChoice
}

func (s *Site) rolesList(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
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
	pg := RolesPage{Page: s.bo.Page(r, rq, "roles.title")}
	for _, u := range us {
		pg.Rows = append(pg.Rows, s.userRow(pg.Page, u, names))
	}
	s.rd.Render(w, r, http.StatusOK, "roles", pg)
}

func (s *Site) rolesForm(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, u account.User, checked []account.Role, errs []string) {
	names, _, err := s.agencyNames(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	p := s.bo.Page(r, rq, "roles.edit")
	p.Title = p.T("roles.edit") + " " + u.Login
	p.Errors = errs
	pg := RolesEditPage{Page: p, User: s.userRow(p, u, names), Roles: roleChoices(p, checked)}
	s.rd.Render(w, r, status, "user_roles", pg)
}

func (s *Site) rolesEdit(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	var u account.User
	if err == nil {
		u, err = s.deps.Users.User(r.Context(), id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.rolesForm(w, r, rq, http.StatusOK, u, u.Roles, nil)
}

// rolesSave replaces the roles. Separation of duties (三员分立) is checked
// by account.CheckRoles and again by the database; nobody changes their
// own roles.
func (s *Site) rolesSave(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	var u account.User
	if err == nil {
		u, err = s.deps.Users.User(r.Context(), id)
	}
	if err == nil {
		err = r.ParseForm()
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	var roles []account.Role
	for _, code := range r.PostForm["role"] {
		ro, err := account.ParseRole(code)
		if err != nil {
			s.rolesForm(w, r, rq, http.StatusBadRequest, u, roles, []string{s.bo.ErrText(r, err)})
			return
		}
		roles = append(roles, ro)
	}
	if u.ID == rq.User.ID {
		p := s.bo.Page(r, rq, "roles.edit")
		s.rolesForm(w, r, rq, http.StatusBadRequest, u, roles, []string{p.T("roles.self")})
		return
	}
	if err := s.deps.Accounts.SetRoles(r.Context(), rq.Actor, u.ID, roles); err != nil {
		status := web.StatusOf(err)
		if status >= 500 {
			s.bo.Fail(w, r, rq, err)
			return
		}
		s.rolesForm(w, r, rq, status, u, roles, []string{s.bo.ErrText(r, err)})
		return
	}
	s.bo.Flash(r.Context(), "roles.saved")
	http.Redirect(w, r, "/admin/roles/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}
