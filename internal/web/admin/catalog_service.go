package admin

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// Catalog is what the 主动公开 pages need from catalog.Service (wired by
// internal/app). Every method that takes a Staff checks the role and
// agency itself; the route checks only keep out those who can never pass.
type Catalog interface {
	Today() calendar.Date
	Profile(ctx context.Context, agencyID int64, agencyName string) (catalog.Profile, []catalog.Column, error)
	List(ctx context.Context, w catalog.Staff, f catalog.Filter) ([]catalog.Record, error)
	Get(ctx context.Context, w catalog.Staff, id int64) (*catalog.Item, error)
	Create(ctx context.Context, w catalog.Staff, agencyID int64, agencyName string, c catalog.Content) (int64, error)
	Edit(ctx context.Context, w catalog.Staff, id int64, c catalog.Content) error
	Submit(ctx context.Context, w catalog.Staff, id int64) error
	Review(ctx context.Context, w catalog.Staff, id int64, a catalog.Answers) error
	Return(ctx context.Context, w catalog.Staff, id int64, reason string) error
	Override(ctx context.Context, w catalog.Staff, id int64, reason string) error
	Sign(ctx context.Context, w catalog.Staff, id int64, publishAt time.Time) error
	Correct(ctx context.Context, w catalog.Staff, id int64, reason string) error
	Withdraw(ctx context.Context, w catalog.Staff, id int64, reason string) error
	Discard(ctx context.Context, w catalog.Staff, id int64, reason string) error
	Calendar(ctx context.Context, agencyID int64) (*calendar.Calendar, error)
	// Channels returns the channels an agency's items went out on, stale ones first.
	Channels(ctx context.Context, agencyID int64, today calendar.Date) ([]catalog.ChannelStatus, error)
	// Attach adds a file to a draft; OpenAttachment reads the n-th file (from 1).
	Attach(ctx context.Context, w catalog.Staff, id int64, name string, r io.Reader) error
	OpenAttachment(ctx context.Context, w catalog.Staff, id int64, n int) (catalog.Attachment, io.ReadCloser, error)
}

// Permissions of the 主动公开 pages: reading needs catalog.read (business
// roles in their agency, supervisors in their scope); drafting needs
// catalog.edit (经办人); a workflow step needs one of the three workflow
// permissions, and catalog then decides by role and state.
var (
	canReadCatalog  = backoffice.Business(auth.CatalogRead)
	canDraftCatalog = backoffice.Business(auth.CatalogEdit)
	canActCatalog   = backoffice.Either(backoffice.Business(auth.CatalogEdit), backoffice.Business(auth.CatalogReview), backoffice.Business(auth.CatalogPublish))
)

// catalogPages holds the parsed templates of the 主动公开 pages
// (templates/catalog).
type catalogPages struct {
	rd  *web.Renderer
	svc Catalog
}

func newCatalogPages(d Deps) (*catalogPages, error) {
	if d.Catalog == nil {
		return nil, nil
	}
	sub, err := fs.Sub(templateFS, "templates/catalog")
	if err != nil {
		return nil, fmt.Errorf("admin: catalog templates: %w", err)
	}
	rd, err := web.NewRenderer(sub, d.Log)
	if err != nil {
		return nil, err
	}
	return &catalogPages{rd: rd, svc: d.Catalog}, nil
}

// catalogRoutes lists the 主动公开 routes; none without a Catalog.
func (s *Site) catalogRoutes() []backoffice.Route {
	if s.cp == nil {
		return nil
	}
	return []backoffice.Route{
		{Pattern: "GET /admin/catalog", Check: canReadCatalog, Handler: s.catalogList},
		{Pattern: "GET /admin/catalog/new", Check: canDraftCatalog, Handler: s.catalogNew},
		{Pattern: "POST /admin/catalog", Check: canDraftCatalog, Handler: s.catalogCreate},
		{Pattern: "GET /admin/catalog/{id}", Check: canReadCatalog, Handler: s.catalogShow},
		{Pattern: "GET /admin/catalog/{id}/edit", Check: canDraftCatalog, Handler: s.catalogEdit},
		{Pattern: "POST /admin/catalog/{id}", Check: canDraftCatalog, Handler: s.catalogSave},
		{Pattern: "POST /admin/catalog/{id}/steps/{step}", Check: canActCatalog, Handler: s.catalogStep},
		{Pattern: "POST /admin/catalog/{id}/attachments", Check: canDraftCatalog, Handler: s.catalogAttach},
		{Pattern: "GET /admin/catalog/{id}/attachments/{n}", Check: canReadCatalog, Handler: s.catalogAttachment},
	}
}

// catalogLinks are the navigation entries of the 主动公开 pages.
var catalogLinks = []backoffice.Link{
	{Href: "/admin/catalog", Key: "nav.catalog", TextKey: "dashboard.catalog.text", Check: canReadCatalog},
}

// catalogStaff is the catalogue identity of rq.
func catalogStaff(rq *backoffice.Request) catalog.Staff {
	return catalog.Staff{Subject: rq.Subject, IP: rq.Actor.IP}
}

func catalogPath(id int64) string { return "/admin/catalog/" + strconv.FormatInt(id, 10) }

func (s *Site) renderCat(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	s.cp.rd.Render(w, r, status, name, data)
}

// agencyName returns the name of an agency, or "" when it cannot be read.
func (s *Site) agencyName(ctx context.Context, id int64) string {
	a, err := s.deps.AgencyStore.Agency(ctx, id)
	if err != nil {
		return ""
	}
	return a.Name
}
