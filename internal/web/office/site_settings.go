package office

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"github.com/gongkai/gongkai/internal/website"
)

// Website is what the site-settings pages need from website.Service
// (wired by internal/app). EditIdentity and EditDoc check who may edit
// (website.CanEditIdentity, website.CanEditDocs) and audit refusals.
type Website interface {
	Stored(ctx context.Context, agencyID int64) (website.Identity, error)
	Docs(ctx context.Context, agencyID int64, kind website.Kind) ([]website.Doc, error)
	EditIdentity(ctx context.Context, subj auth.Subject, by audit.Actor, id website.Identity) error
	EditDoc(ctx context.Context, subj auth.Subject, by audit.Actor, d website.Doc) (website.Doc, error)
}

// Permissions of the site-settings pages: a 负责人 (catalog.publish) for
// the agency's 指南, 制度 and footer, a 系统管理员 (settings.manage) for
// footers and the site's identity; the page then shows each only the
// forms website allows them.
var (
	canSiteSettings = backoffice.Either(backoffice.Business(auth.CatalogPublish), backoffice.Admin(auth.SettingsManage))
	canSiteDocs     = backoffice.Business(auth.CatalogPublish)
	canSiteIdentity = backoffice.Admin(auth.SettingsManage)
)

// SitePage edits what the portal shows of an agency (or, AgencyID 0, of
// the whole site): the footer identity and the versioned 指南 and 制度.
type SitePage struct {
	web.Page
	AgencyID    int64 // website.SiteID for the site's own page
	Agency      string
	Agencies    []AgencyRow // the agencies the user may edit
	CanIdentity bool
	CanDocs     bool
	CanSite     bool             // may edit the site's own identity (a link to it)
	Identity    website.Identity // kept for this agency (the form)
	Site        website.Identity // the site's, which blank fields fall back to
	Guide       website.Doc      // the form: the newest version, or what was posted
	Rules       website.Doc
	Docs        []DocHistory // the versions of each text, newest first
	PortalURL   string       // the agency's 专栏
}

// DocHistory lists the versions of one text.
type DocHistory struct {
	Kind     website.Kind
	TitleKey string
	Versions []DocVersionRow
}

// A DocVersionRow is one saved version.
type DocVersionRow struct {
	N         int
	Effective string
	By        string
	At        string
	Href      string
	Body      template.HTML
}

// newSiteRenderer parses the templates of the site-settings page
// (templates/site); nil without Deps.Website.
func newSiteRenderer(d Deps) (*web.Renderer, error) {
	if d.Website == nil {
		return nil, nil
	}
	sub, err := fs.Sub(templateFS, "templates/site")
	if err != nil {
		return nil, fmt.Errorf("office: site templates: %w", err)
	}
	return web.NewRenderer(sub, d.Log)
}

// siteHome sends a 负责人 to the page of their agency and shows a
// 系统管理员 the site's own identity with the agencies to choose from;
// ?agency=N (the chooser) goes to that agency's page.
func (s *Site) siteHome(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	if id := formInt(r.URL.Query().Get("agency")); id > 0 {
		http.Redirect(w, r, sitePath(id), http.StatusSeeOther)
		return
	}
	if !website.CanEditIdentity(rq.Subject, website.SiteID) {
		http.Redirect(w, r, sitePath(rq.User.AgencyID), http.StatusSeeOther)
		return
	}
	s.sitePage(w, r, rq, website.SiteID, http.StatusOK, nil, nil)
}

// siteShow shows an agency's page; an agency the user may not edit is
// not found (ids reveal nothing).
func (s *Site) siteShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.sitePage(w, r, rq, id, http.StatusOK, nil, nil)
}

// today is the date in Beijing, the default date a new version takes
// effect.
func (s *Site) today() calendar.Date { return calendar.Of(s.deps.Now().In(web.DisplayZone)) }

func sitePath(agencyID int64) string {
	if agencyID == website.SiteID {
		return "/admin/site"
	}
	return "/admin/site/" + strconv.FormatInt(agencyID, 10)
}

// sitePage renders the page of agencyID with errs; posted replaces the
// stored values of the form that was refused.
func (s *Site) sitePage(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, agencyID int64, status int, errs []string, posted func(*SitePage)) {
	ctx := r.Context()
	pg := SitePage{Page: s.bo.Page(r, rq, "site.title"), AgencyID: agencyID,
		CanIdentity: website.CanEditIdentity(rq.Subject, agencyID), CanDocs: website.CanEditDocs(rq.Subject, agencyID),
		CanSite: website.CanEditIdentity(rq.Subject, website.SiteID)}
	if !pg.CanIdentity && !pg.CanDocs {
		s.bo.Fail(w, r, rq, apperr.New(apperr.NotFound, ""))
		return
	}
	var err error
	if agencyID != website.SiteID {
		pg.Agency = s.agencyName(ctx, agencyID)
		pg.PortalURL = "/catalog/agencies/" + strconv.FormatInt(agencyID, 10)
		if pg.Site, err = s.deps.Website.Stored(ctx, website.SiteID); err != nil {
			s.bo.Fail(w, r, rq, err)
			return
		}
	}
	if pg.Identity, err = s.deps.Website.Stored(ctx, agencyID); err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	if agencyID != website.SiteID {
		for _, k := range []struct {
			kind website.Kind
			key  string
			form *website.Doc
		}{{website.Guide, "site.guide", &pg.Guide}, {website.Rules, "site.rules", &pg.Rules}} {
			docs, err := s.deps.Website.Docs(ctx, agencyID, k.kind)
			if err != nil {
				s.bo.Fail(w, r, rq, err)
				return
			}
			h := DocHistory{Kind: k.kind, TitleKey: k.key}
			for i, d := range docs {
				if i == 0 {
					*k.form = d
					k.form.EffectiveOn = s.today()
				}
				h.Versions = append(h.Versions, DocVersionRow{N: d.N, Effective: d.EffectiveOn.String(), By: d.SavedBy,
					At:   d.SavedAt.In(web.DisplayZone).Format("2006-01-02 15:04"),
					Href: pg.PortalURL + "/" + string(k.kind) + "?version=" + strconv.Itoa(d.N),
					// stored sanitized (website.SaveDoc); sanitized again on the way out
					Body: template.HTML(catalog.Sanitize(d.Body))})
			}
			if len(docs) == 0 {
				k.form.EffectiveOn = s.today()
			}
			pg.Docs = append(pg.Docs, h)
		}
	}
	pg.Agencies = s.agencyChoices(r, func(id int64) bool {
		return website.CanEditDocs(rq.Subject, id) || website.CanEditIdentity(rq.Subject, id)
	})
	if posted != nil {
		posted(&pg)
	}
	pg.Errors = errs
	s.siteRd.Render(w, r, status, "site_settings", pg)
}

// siteSaveFailed shows the page again with the reason, or the error page.
func (s *Site) siteSaveFailed(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, agencyID int64, err error, posted func(*SitePage)) {
	if status := web.StatusOf(err); status == http.StatusBadRequest || status == http.StatusConflict {
		s.sitePage(w, r, rq, agencyID, status, []string{s.bo.ErrText(r, err)}, posted)
		return
	}
	s.bo.Fail(w, r, rq, err)
}

func (s *Site) siteSaveSiteIdentity(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.saveIdentity(w, r, rq, website.SiteID)
}

func (s *Site) siteSaveIdentity(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.saveIdentity(w, r, rq, id)
}

func (s *Site) saveIdentity(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, agencyID int64) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	id := website.Identity{AgencyID: agencyID, SiteName: v("site_name"), SiteCode: v("site_code"), ICP: v("icp"),
		PoliceRecord: v("police_record"), Sponsor: v("sponsor"), Contact: v("contact")}
	if err := s.deps.Website.EditIdentity(r.Context(), rq.Subject, rq.Actor, id); err != nil {
		s.siteSaveFailed(w, r, rq, agencyID, err, func(pg *SitePage) { pg.Identity = id })
		return
	}
	s.bo.Flash(r.Context(), "site.saved")
	http.Redirect(w, r, sitePath(agencyID)+"#identity", http.StatusSeeOther)
}

func (s *Site) siteSaveGuide(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.saveDoc(w, r, rq, website.Guide)
}

func (s *Site) siteSaveRules(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.saveDoc(w, r, rq, website.Rules)
}

func (s *Site) saveDoc(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, kind website.Kind) {
	agencyID, err := backoffice.PathID(r)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	d := website.Doc{AgencyID: agencyID, Kind: kind, Body: r.PostFormValue("body")}
	if kind == website.Guide {
		d.Office, d.Address, d.Hours, d.Phone = v("office"), v("address"), v("hours"), v("phone")
		d.Fax, d.Email, d.Postcode = v("fax"), v("email"), v("postcode")
	}
	keep := func(pg *SitePage) {
		if kind == website.Guide {
			pg.Guide = d
		} else {
			pg.Rules = d
		}
	}
	if d.EffectiveOn, err = formDate(r, "effective_on"); err == nil {
		d, err = s.deps.Website.EditDoc(r.Context(), rq.Subject, rq.Actor, d)
	}
	if err != nil {
		s.siteSaveFailed(w, r, rq, agencyID, err, keep)
		return
	}
	s.bo.Flash(r.Context(), "site.saved")
	http.Redirect(w, r, sitePath(agencyID)+"#"+string(kind), http.StatusSeeOther)
}
