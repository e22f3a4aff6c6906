package office

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// Casework is what the 依申请公开 pages need from the application service
// (casework.Service, wired by internal/app). Every method that takes a
// Staffer checks the staff member's role and agency itself; the route
// checks in routes.go only keep out those who can never pass.
type Casework interface {
	Today() calendar.Date
	List(ctx context.Context, w casework.Staffer, f casework.Filter) ([]casework.Record, error)
	Get(ctx context.Context, w casework.Staffer, id int64) (casework.View, error)
	Reveal(ctx context.Context, w casework.Staffer, id int64, reason string) (casework.Personal, error)
	Register(ctx context.Context, w casework.Staffer, g casework.Registration) (casework.Receipt, casework.Hints, error)
	Confirm(ctx context.Context, w casework.Staffer, id int64, on calendar.Date) (casework.Hints, error)
	// Step takes one workflow step (casework.Service.Step).
	Step(ctx context.Context, w casework.Staffer, id int64, st casework.Step) (casework.View, error)
	Overview(ctx context.Context, w casework.Staffer, agencyID int64, today calendar.Date) (casework.Overview, error)
	Reminders(ctx context.Context, w casework.Staffer, agencyID int64, today calendar.Date) ([]casework.Reminder, error)
	AddAppeal(ctx context.Context, w casework.Staffer, a casework.Appeal) (casework.Appeal, error)
	ConcludeAppeal(ctx context.Context, w casework.Staffer, a casework.Appeal) error
	// AddPublicationAppeal, ConcludePublicationAppeal and
	// PublicationAppeals keep the appeals about 主动公开 not tied to a
	// request (条例第五十一条).
	AddPublicationAppeal(ctx context.Context, w casework.Staffer, a casework.PublicationAppeal) (casework.PublicationAppeal, error)
	ConcludePublicationAppeal(ctx context.Context, w casework.Staffer, a casework.PublicationAppeal) error
	PublicationAppeals(ctx context.Context, w casework.Staffer, agencyID int64) ([]casework.PublicationAppeal, error)
	Calendar(ctx context.Context, agencyID int64) (*calendar.Calendar, error)
	SetOverride(ctx context.Context, w casework.Staffer, o calendar.Override) error
	// RemoveOverride deletes a local closure or opening of w's agency
	// (its 负责人), audited.
	RemoveOverride(ctx context.Context, w casework.Staffer, d calendar.Date) error
	// StaffNotices returns the newest in-app notices to the staff of an
	// agency w may read.
	StaffNotices(ctx context.Context, w casework.Staffer, agencyID int64, limit int) ([]casework.Notification, error)
	// MarkNoticeRead marks a staff notice of an agency w may read as read.
	MarkNoticeRead(ctx context.Context, w casework.Staffer, id int64) error
	AddAttachment(ctx context.Context, w casework.Staffer, id int64, f casework.File) (casework.Attachment, error)
	Attachments(ctx context.Context, w casework.Staffer, id int64) ([]casework.Attachment, error)
	OpenAttachment(ctx context.Context, w casework.Staffer, id, attachmentID int64) (casework.Attachment, io.ReadCloser, error)
	// AddRelease records a staged file as released by the reply (网上获取);
	// RemoveRelease takes one back before the reply.
	AddRelease(ctx context.Context, w casework.Staffer, id int64, f casework.File) (casework.Attachment, error)
	RemoveRelease(ctx context.Context, w casework.Staffer, id, fileID int64) error
	// Stage streams a file into the sealed blob store; AddAttachment
	// records it, Discard deletes it.
	Stage(ctx context.Context, name, contentType string, body io.Reader) (casework.File, error)
	Discard(files ...casework.File)
	// Letter writes letter kind (package letter's Kind) of request id for
	// staff who may read the request.
	Letter(ctx context.Context, w casework.Staffer, id int64, kind string) (*letter.Letter, error)
	// Compile compiles tables 三 and 四; the caller checks report.read.
	Compile(ctx context.Context, agencyID int64, name string, year int) (*compile.Result, int, error)
}

// requestPages holds the parsed templates of the request pages. They live
// in templates/requests so that the back office's page-by-page render test
// and these pages' own test each cover exactly their pages.
type requestPages struct {
	rd *web.Renderer
	cw Casework
}

func newRequestPages(d Deps) (*requestPages, error) {
	if d.Requests == nil {
		return nil, nil
	}
	sub, err := fs.Sub(templateFS, "templates/requests")
	if err != nil {
		return nil, fmt.Errorf("office: request templates: %w", err)
	}
	rd, err := web.NewRenderer(sub, d.Log)
	if err != nil {
		return nil, err
	}
	return &requestPages{rd: rd, cw: d.Requests}, nil
}

// staffer is the casework identity of rq.
func staffer(rq *backoffice.Request) casework.Staffer {
	return casework.Staffer{Subject: rq.Subject, IP: rq.Actor.IP}
}

// render renders one of the request pages.
func (s *Site) renderReq(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	s.req.rd.Render(w, r, status, name, data)
}
