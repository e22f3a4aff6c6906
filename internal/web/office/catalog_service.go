package office

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"time"

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
	// SetChannel sets one channel's name and expected interval (负责人).
	SetChannel(ctx context.Context, w catalog.Staff, c catalog.ChannelSetting) error
	// Attach adds a file to a draft; OpenAttachment reads the n-th file (from 1).
	Attach(ctx context.Context, w catalog.Staff, id int64, name string, r io.Reader) error
	// SetBodyFromWord makes a DOCX file the body of a draft.
	SetBodyFromWord(ctx context.Context, w catalog.Staff, id int64, name string, r io.Reader) error
	OpenAttachment(ctx context.Context, w catalog.Staff, id int64, n int) (catalog.Attachment, io.ReadCloser, error)
}

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
		return nil, fmt.Errorf("office: catalog templates: %w", err)
	}
	rd, err := web.NewRenderer(sub, d.Log)
	if err != nil {
		return nil, err
	}
	return &catalogPages{rd: rd, svc: d.Catalog}, nil
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
