package portal

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/website"
)

// Catalog reads what the public sees of the catalogue; *catalog.Service
// is one. It never returns a draft or an item that is not 主动公开.
type Catalog interface {
	PublicList(ctx context.Context, q catalog.PublicQuery) ([]catalog.Record, error)
	PublicCount(ctx context.Context, q catalog.PublicQuery) (int, error)
	PublicCategoryCounts(ctx context.Context, agencyIDs []int64) (map[string]int, error)
	PublicColumns(ctx context.Context, agencyID int64, agencyName string) ([]catalog.Column, error)
	PublicItem(ctx context.Context, indexNo string) (catalog.PublicView, error)
	PublicAttachment(ctx context.Context, indexNo string, n int) (catalog.Attachment, io.ReadCloser, error)
}

// Website gives the site's identity and the agencies' 公开指南 and 公开制度;
// *website.Service is one.
type Website interface {
	Identity(ctx context.Context, agencyID int64) (website.Identity, error)
	Docs(ctx context.Context, agencyID int64, kind website.Kind) ([]website.Doc, error)
}

// A Zhuanlan is the head of an agency's 政府信息公开专栏: its name and the
// entries 国办公开办函〔2019〕61号 gives every 专栏 (政府信息公开指南,
// 政府信息公开制度, 法定主动公开内容, 政府信息公开年报), plus 依申请公开.
type Zhuanlan struct {
	ID      int64
	Name    string
	Href    string
	Parent  *AgencyLink
	Entries []web.NavItem
}

// An AgencyLink links to an agency's 专栏.
type AgencyLink struct {
	Name string
	Href string
}

// zhuanlanHref is the path of an agency's 专栏.
func zhuanlanHref(id int64) string { return "/catalog/agencies/" + strconv.FormatInt(id, 10) }

// agencies returns every agency and an index by id.
func (s *Site) agencies(ctx context.Context) ([]agency.Agency, map[int64]agency.Agency, error) {
	as, err := s.deps.Agencies.ListAgencies(ctx)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]agency.Agency, len(as))
	for _, a := range as {
		byID[a.ID] = a
	}
	return as, byID, nil
}

// agencyOf reads the {id} of a 专栏 path; an unknown or malformed one is
// not found.
func (s *Site) agencyOf(r *http.Request) (agency.Agency, map[int64]agency.Agency, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return agency.Agency{}, nil, apperr.New(apperr.NotFound, "agency.not_found")
	}
	_, byID, err := s.agencies(r.Context())
	if err != nil {
		return agency.Agency{}, nil, err
	}
	a, ok := byID[id]
	if !ok {
		return a, nil, apperr.New(apperr.NotFound, "agency.not_found")
	}
	return a, byID, nil
}

// zhuanlanPage returns the frame of a page of a's 专栏: the agency's
// identity in the footer and the 专栏's entries, current marked.
func (s *Site) zhuanlanPage(r *http.Request, titleKey string, a agency.Agency, byID map[int64]agency.Agency) (Page, Zhuanlan) {
	p := s.page(r, titleKey)
	s.setIdentity(r, &p, a.ID)
	base := zhuanlanHref(a.ID)
	z := Zhuanlan{ID: a.ID, Name: a.Name, Href: base}
	if parent, ok := byID[a.ParentID]; ok {
		z.Parent = &AgencyLink{Name: parent.Name, Href: zhuanlanHref(parent.ID)}
	}
	entries := []web.NavItem{
		{Href: base + "/guide", Label: p.T("zl.guide")},
		{Href: base + "/rules", Label: p.T("zl.rules")},
		{Href: base + "/items", Label: p.T("zl.items")},
		{Href: base + "/reports", Label: p.T("zl.reports")},
		{Href: "/apply?agency=" + strconv.FormatInt(a.ID, 10), Label: p.T("nav.apply")},
	}
	for i := range entries {
		entries[i].Current = entries[i].Href == r.URL.Path
	}
	z.Entries = entries
	p.Feeds = []web.FeedLink{{Href: base + "/feed.atom", Title: a.Name + " " + p.T("feed.title")}}
	return p, z
}

// setIdentity puts the identity of agencyID (website.SiteID: the site)
// into the frame: the site's name and the footer. A failure to read it
// is logged and leaves the defaults: a page without its footer beats no
// page.
func (s *Site) setIdentity(r *http.Request, p *Page, agencyID int64) {
	if s.deps.Website == nil {
		return
	}
	id, err := s.deps.Website.Identity(r.Context(), agencyID)
	if err != nil {
		s.log.ErrorContext(r.Context(), "portal: site identity", slog.String("error", err.Error()))
		return
	}
	if id.SiteName != "" {
		p.SiteName, p.SiteNameLang = id.SiteName, "zh-CN"
	}
	if !id.Empty() {
		p.Footer = &web.Footer{Sponsor: id.Sponsor, Contact: id.Contact, SiteCode: id.SiteCode, ICP: id.ICP, PoliceRecord: id.PoliceRecord}
	}
}
