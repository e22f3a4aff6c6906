package office

import (
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// CatalogFormPage is the drafting form of an item: new, or the working
// copy of a draft.
type CatalogFormPage struct {
	web.Page
	ID         int64 // 0 for a new item
	Form       CatalogForm
	Columns    []Option
	Types      []Option
	Validities []Option
}

// CatalogForm holds what the drafting form posts, as typed.
type CatalogForm struct {
	Title, DocNo, Category, DocType, FormedOn, ChangedOn, Validity, ValidityOn, ReplacedBy, Summary, Body, Interprets string
}

var docTypes = []catalog.DocType{catalog.Normative, catalog.Regulation, catalog.Policy, catalog.Interpretation,
	catalog.Notice, catalog.OtherDoc}

var validities = []catalog.Validity{catalog.InForce, catalog.Amended, catalog.Expired, catalog.Repealed}

// formOf returns the form of content c.
func formOf(c catalog.Content) CatalogForm {
	f := CatalogForm{Title: c.Title, DocNo: c.DocNo, Category: c.Category, DocType: string(c.DocType), Validity: string(c.Validity),
		ReplacedBy: c.ReplacedBy, Summary: c.Summary, Body: c.Body, Interprets: strings.Join(c.Interprets, "\n")}
	if !c.FormedOn.IsZero() {
		f.FormedOn = c.FormedOn.String()
	}
	if !c.ChangedOn.IsZero() {
		f.ChangedOn = c.ChangedOn.String()
	}
	if !c.ValidityChangedOn.IsZero() {
		f.ValidityOn = c.ValidityChangedOn.String()
	}
	return f
}

// readCatalogForm reads the drafting form into content and the form as typed.
func readCatalogForm(r *http.Request) (catalog.Content, CatalogForm, error) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := CatalogForm{Title: v("title"), DocNo: v("doc_no"), Category: v("category"), DocType: v("doc_type"),
		FormedOn: v("formed_on"), ChangedOn: v("changed_on"), Validity: v("validity"), ValidityOn: v("validity_on"),
		ReplacedBy: v("replaced_by"), Summary: v("summary"), Body: r.PostFormValue("body"), Interprets: v("interprets")}
	c := catalog.Content{Title: f.Title, DocNo: f.DocNo, Category: f.Category, DocType: catalog.DocType(f.DocType),
		Validity: catalog.Validity(f.Validity), ReplacedBy: f.ReplacedBy, Summary: f.Summary, Body: f.Body,
		Interprets: strings.Fields(f.Interprets), Disclosure: catalog.Proactive}
	var err error
	if c.FormedOn, err = formDate(r, "formed_on"); err != nil {
		return c, f, err
	}
	if c.ChangedOn, err = formDate(r, "changed_on"); err != nil {
		return c, f, err
	}
	if c.ValidityChangedOn, err = formDate(r, "validity_on"); err != nil {
		return c, f, err
	}
	return c, f, nil
}

// formPage returns the drafting form for agencyID's columns.
func (s *Site) formPage(r *http.Request, rq *backoffice.Request, titleKey string, agencyID, id int64, f CatalogForm) (CatalogFormPage, error) {
	_, cols, err := s.cp.svc.Profile(r.Context(), agencyID, s.agencyName(r.Context(), agencyID))
	if err != nil {
		return CatalogFormPage{}, err
	}
	pg := CatalogFormPage{Page: s.bo.Page(r, rq, titleKey), ID: id, Form: f}
	for _, c := range cols {
		label := strings.Repeat("　", c.Depth()-1) + c.Name + "（" + c.Article.String() + "）"
		pg.Columns = append(pg.Columns, Option{Value: c.Path, Label: label, Selected: c.Path == f.Category})
	}
	for _, t := range docTypes {
		pg.Types = append(pg.Types, Option{Value: string(t), Label: t.Label(), Selected: string(t) == f.DocType})
	}
	for _, v := range validities {
		pg.Validities = append(pg.Validities, Option{Value: string(v), Label: v.Label(), Selected: string(v) == f.Validity})
	}
	return pg, nil
}

func (s *Site) catalogNew(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	pg, err := s.formPage(r, rq, "cat.new.title", rq.User.AgencyID, 0, CatalogForm{})
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.renderCat(w, r, http.StatusOK, "catalog_form", pg)
}

// formFailed shows the form again with the reason it was refused.
func (s *Site) formFailed(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, agencyID, id int64, f CatalogForm, err error) {
	status := web.StatusOf(err)
	if status != http.StatusBadRequest && status != http.StatusConflict {
		s.bo.Fail(w, r, rq, err)
		return
	}
	key := "cat.new.title"
	if id != 0 {
		key = "cat.edit.title"
	}
	pg, perr := s.formPage(r, rq, key, agencyID, id, f)
	if perr != nil {
		s.bo.Fail(w, r, rq, perr)
		return
	}
	pg.Errors = []string{pg.Err(err)}
	s.renderCat(w, r, status, "catalog_form", pg)
}

func (s *Site) catalogCreate(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	c, f, err := readCatalogForm(r)
	agencyID := rq.User.AgencyID
	var id int64
	if err == nil {
		id, err = s.cp.svc.Create(r.Context(), catalogStaff(rq), agencyID, s.agencyName(r.Context(), agencyID), c)
	}
	if err != nil {
		s.formFailed(w, r, rq, agencyID, 0, f, err)
		return
	}
	s.bo.Flash(r.Context(), "cat.saved")
	http.Redirect(w, r, catalogPath(id), http.StatusSeeOther)
}

func (s *Site) catalogEdit(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	it, ok := s.pathItem(w, r, rq)
	if !ok {
		return
	}
	id := it.ID
	pg, err := s.formPage(r, rq, "cat.edit.title", it.AgencyID, id, formOf(it.Content))
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.renderCat(w, r, http.StatusOK, "catalog_form", pg)
}

func (s *Site) catalogSave(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	it, ok := s.pathItem(w, r, rq)
	if !ok {
		return
	}
	id := it.ID
	c, f, err := readCatalogForm(r)
	if err == nil {
		c.Attachments, c.Channels, c.CoAgencies = it.Content.Attachments, it.Content.Channels, it.Content.CoAgencies
		err = s.cp.svc.Edit(r.Context(), catalogStaff(rq), id, c)
	}
	if apperr.KindOf(err) == apperr.Forbidden {
		s.bo.Fail(w, r, rq, err)
		return
	}
	if err != nil {
		s.formFailed(w, r, rq, it.AgencyID, id, f, err)
		return
	}
	s.bo.Flash(r.Context(), "cat.saved")
	http.Redirect(w, r, catalogPath(id), http.StatusSeeOther)
}
