package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// AgenciesPage lists the agencies the user may see.
type AgenciesPage struct {
	web.Page
	CanAdd bool
	Rows   []AgencyRow
}

// An AgencyRow is one agency in a list.
type AgencyRow struct {
	ID     int64
	Name   string
	Parent string
	Kind   agency.Kind
	// KindKey is the message naming Kind.
	KindKey string
}

// AgencyPage shows one agency; CanEdit offers the form that changes its
// kind (系统管理员).
type AgencyPage struct {
	web.Page
	Agency   agency.Agency
	Parent   string
	Children []AgencyRow
	KindKey  string
	CanEdit  bool
	Kinds    []KindOption
}

// AgencyNewPage is the form to add an agency.
type AgencyNewPage struct {
	web.Page
	Name     string
	ParentID int64
	Kind     agency.Kind // "" lets the name propose one (agency.GuessKind)
	NoReport bool
	Parents  []AgencyRow
	Kinds    []KindOption
}

// A KindOption is one choice of agency kind in a form, with its message key.
type KindOption struct {
	Kind agency.Kind
	Key  string
}

// kindOptions are the kinds in display order with their messages.
var kindOptions = []KindOption{
	{agency.Government, "agencies.kind_government"}, {agency.Department, "agencies.kind_department"},
	{agency.Township, "agencies.kind_township"}, {agency.Other, "agencies.kind_other"},
}

// KindKey is the message key of kind k ("" for an unknown one).
func KindKey(k agency.Kind) string {
	for _, o := range kindOptions {
		if o.Kind == k {
			return o.Key
		}
	}
	return ""
}

// canSeeAgency is the object-level check: a 系统管理员 sees every agency,
// business roles their own, a supervisor those in its scope.
func canSeeAgency(rq *backoffice.Request, id int64) bool {
	return auth.Can(rq.Subject, auth.AgencyManage, id) || auth.Can(rq.Subject, auth.RequestRead, id)
}

func (s *Site) agenciesList(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	all, err := s.deps.AgencyStore.ListAgencies(r.Context())
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	names := map[int64]string{}
	for _, a := range all {
		names[a.ID] = a.Name
	}
	pg := AgenciesPage{Page: s.bo.Page(r, rq, "agencies.title"), CanAdd: canAddAgency(rq.Subject)}
	for _, a := range all {
		if !canSeeAgency(rq, a.ID) {
			continue
		}
		row := AgencyRow{ID: a.ID, Name: a.Name, Kind: a.Kind, KindKey: KindKey(a.Kind)}
		if canSeeAgency(rq, a.ParentID) {
			row.Parent = names[a.ParentID]
		}
		pg.Rows = append(pg.Rows, row)
	}
	s.rd.Render(w, r, http.StatusOK, "agencies", pg)
}

// agencyShow answers 404, not 403, for an agency outside the user's
// view, so ids cannot be probed (O-AC-02).
func (s *Site) agencyShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil && !canSeeAgency(rq, id) {
		err = apperr.New(apperr.NotFound, "")
	}
	var a agency.Agency
	if err == nil {
		a, err = s.deps.AgencyStore.Agency(r.Context(), id)
	}
	var all []agency.Agency
	if err == nil {
		all, err = s.deps.AgencyStore.ListAgencies(r.Context())
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	p := s.bo.Page(r, rq, "agencies.title")
	p.Title = a.Name
	pg := AgencyPage{Page: p, Agency: a, KindKey: KindKey(a.Kind), CanEdit: auth.Can(rq.Subject, auth.AgencyManage, a.ID), Kinds: kindOptions}
	for _, b := range all {
		if b.ID == a.ParentID && canSeeAgency(rq, b.ID) {
			pg.Parent = b.Name
		}
		if b.ParentID == a.ID && canSeeAgency(rq, b.ID) {
			pg.Children = append(pg.Children, AgencyRow{ID: b.ID, Name: b.Name})
		}
	}
	s.rd.Render(w, r, http.StatusOK, "agency", pg)
}

func (s *Site) agencyForm(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, pg AgencyNewPage) {
	all, err := s.deps.AgencyStore.ListAgencies(r.Context())
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	for _, a := range all {
		pg.Parents = append(pg.Parents, AgencyRow{ID: a.ID, Name: a.Name})
	}
	pg.Kinds = kindOptions
	s.rd.Render(w, r, status, "agency_new", pg)
}

func (s *Site) agencyNew(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.agencyForm(w, r, rq, http.StatusOK, AgencyNewPage{Page: s.bo.Page(r, rq, "agencies.new")})
}

func (s *Site) agencyCreate(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	name := strings.TrimSpace(r.PostFormValue("name"))
	parent, _ := strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
	kind, noReport := agency.Kind(r.PostFormValue("kind")), r.PostFormValue("no_report") != ""
	a, err := s.deps.Agencies.Create(r.Context(), rq.Actor, agency.Agency{Name: name, ParentID: parent, Kind: kind, NoReport: noReport})
	if err != nil {
		status := web.StatusOf(err)
		if status >= 500 {
			s.bo.Fail(w, r, rq, err)
			return
		}
		if status == http.StatusNotFound {
			status = http.StatusBadRequest // the chosen parent does not exist
		}
		pg := AgencyNewPage{Page: s.bo.Page(r, rq, "agencies.new"), Name: name, ParentID: parent, Kind: kind, NoReport: noReport}
		pg.Errors = []string{pg.Err(err)}
		s.agencyForm(w, r, rq, status, pg)
		return
	}
	s.bo.Flash(r.Context(), "agencies.added")
	http.Redirect(w, r, "/admin/agencies/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
}

// agencyKind changes an agency's kind and no-report flag (系统管理员): the
// migration's guess from the name is confirmed or corrected here.
func (s *Site) agencyKind(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err == nil {
		err = s.deps.Agencies.SetKind(r.Context(), rq.Actor, id, agency.Kind(r.PostFormValue("kind")), r.PostFormValue("no_report") != "")
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.bo.Flash(r.Context(), "agencies.kind_saved")
	http.Redirect(w, r, "/admin/agencies/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
