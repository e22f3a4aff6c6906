// Package office is the business staff's side of the back office: 依申请
// 公开 requests with their steps, letters, attachments and appeals, the
// local calendar, annual reports (editing, publication; the supervisor's
// overview is web/supervise's), the 主动公开 catalogue and each agency's letter settings,
// for the 经办人, 审核人, 负责人 and 监督员. It is a section mounted on
// web/backoffice, which owns sign-in, sessions, the guard and the frame;
// it never imports web/admin (the 三员 pages).
//
// Letter settings (letterhead, document-number prefix and counter) are
// here although a 系统管理员 may also edit them: they configure the
// agency's business output, are per agency, and are in the first place
// the 负责人's, who signs the letters.
package office

import (
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

//go:embed templates
var templateFS embed.FS

// TemplateFS returns the business pages' templates: requests/ and
// catalog/ are rendered by their own renderers, panels/ holds the
// dashboard panel.
func TemplateFS() fs.FS {
	sub, _ := fs.Sub(templateFS, "templates")
	return sub
}

// Deps are the business pages' dependencies, wired by internal/app.
type Deps struct {
	AgencyStore agency.Store // reads: names, choosers
	Requests    Casework     // 依申请公开
	// Reports runs annual reports (hand entries, publication).
	Reports Reports
	// LetterSettings edits agencies' letterheads and document numbers.
	LetterSettings LetterSettings
	// Catalog runs 主动公开 drafting, review and publication; nil leaves
	// the catalogue pages off.
	Catalog Catalog
	// Website edits agencies' 指南, 制度 and footers; nil leaves the
	// site-settings pages off.
	Website Website
	Log     *slog.Logger
	Now     func() time.Time
}

// Site is the business staff's section of the back office.
type Site struct {
	bo   *backoffice.Site
	deps Deps
	req  *requestPages
	cp   *catalogPages // nil without Deps.Catalog
	// siteRd renders the site-settings page; nil without Deps.Website.
	siteRd *web.Renderer
}

// New parses the business pages' templates for the shell bo. It refuses
// Deps missing a service, naming it (Catalog may be nil); Log and Now
// have defaults.
func New(bo *backoffice.Site, d Deps) (*Site, error) {
	var missing []string
	for _, dep := range []struct {
		name string
		nil  bool
	}{
		{"AgencyStore", d.AgencyStore == nil}, {"Requests", d.Requests == nil}, {"Reports", d.Reports == nil},
		{"LetterSettings", d.LetterSettings == nil},
	} {
		if dep.nil {
			missing = append(missing, "Deps."+dep.name)
		}
	}
	if bo == nil {
		missing = append(missing, "the back-office shell")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("office: %s not set", strings.Join(missing, ", "))
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	req, err := newRequestPages(d)
	if err != nil {
		return nil, err
	}
	cp, err := newCatalogPages(d)
	if err != nil {
		return nil, err
	}
	siteRd, err := newSiteRenderer(d)
	if err != nil {
		return nil, err
	}
	return &Site{bo: bo, deps: d, req: req, cp: cp, siteRd: siteRd}, nil
}

// Messages returns the business pages' texts (backoffice.Section).
func (s *Site) Messages() web.Messages { return Messages }

// AgencyRow is an agency offered in a chooser.
type AgencyRow struct {
	ID   int64
	Name string
}
