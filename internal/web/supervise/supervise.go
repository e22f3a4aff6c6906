// Package supervise is the supervising office's side of the back office
// (#13, 条例第四十九条、第五十条): the overview of the annual reports of its
// subtree with counts, a sortable and filterable list and the aggregate of
// tables 二/三/四 with its absences, the drill-down from an aggregate cell
// to the agencies behind it and from an agency to its report with the
// finding marked, the zip upload of reports published outside gongkai,
// the 督办 notices, and the season board and charts (a chart and its table
// each); and, for every agency's staff, the dashboard panel
// of the notices and reminders it has not acknowledged. It is a section
// mounted on web/backoffice; it imports neither web/office nor web/admin.
package supervise

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/season"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

//go:embed templates
var templateFS embed.FS

// TemplateFS returns the section's templates: pages/ are rendered in the
// frame, panels/ holds the dashboard panel.
func TemplateFS() fs.FS {
	sub, _ := fs.Sub(templateFS, "templates")
	return sub
}

// Reports reads the overview and imports reports; *annual.Service is one.
type Reports interface {
	OverviewOf(ctx context.Context, scope []int64, year int) (annual.Overview, error)
	CellTotals(ctx context.Context, scope []int64, year int, cell report.CellID) (annual.CellTotals, error)
	CellPage(ctx context.Context, scope []int64, year int, cell report.CellID, offset, limit int) ([]annual.CellRow, error)
	RuleCounts(ctx context.Context, scope []int64, year int) ([]annual.RuleCount, error)
	RuleAgencies(ctx context.Context, scope []int64, year int, rule string) ([]int64, error)
	RulesOf(ctx context.Context, year int, agencies []int64) (map[int64][]annual.RuleCount, error)
	ImportWithin(ctx context.Context, blobs annual.Blobs, by audit.Actor, items []annual.Import, year int, scope []int64) ([]annual.Imported, error)
}

// Season sends and shows 督办 notices and reminders; *season.Service is
// one.
type Season interface {
	Urge(ctx context.Context, w casework.Staffer, year int, agencies []int64, body string) (season.Notice, error)
	Open(ctx context.Context, w casework.Staffer, limit int) ([]season.Delivery, error)
	Acknowledge(ctx context.Context, w casework.Staffer, id int64) error
	Sent(ctx context.Context, w casework.Staffer, year, limit int) ([]season.Notice, error)
}

// Deps are the section's dependencies, wired by internal/app.
type Deps struct {
	AgencyStore agency.Store // reads: names, subtrees
	Reports     Reports
	Season      Season
	Board       Board // the season board and charts
	// Blobs keeps the source files of imported reports.
	Blobs annual.Blobs
	Log   *slog.Logger
	Now   func() time.Time
}

// Site is the supervising office's section of the back office.
type Site struct {
	bo    *backoffice.Site
	deps  Deps
	rd    *web.Renderer
	panel *panelTemplate
	jobs  importJobs
}

// New parses the section's templates for the shell bo. It refuses Deps
// missing a service, naming it; Log and Now have defaults.
func New(bo *backoffice.Site, d Deps) (*Site, error) {
	var missing []string
	for _, dep := range []struct {
		name string
		nil  bool
	}{
		{"AgencyStore", d.AgencyStore == nil}, {"Reports", d.Reports == nil}, {"Season", d.Season == nil}, {"Board", d.Board == nil}, {"Blobs", d.Blobs == nil},
	} {
		if dep.nil {
			missing = append(missing, "Deps."+dep.name)
		}
	}
	if bo == nil {
		missing = append(missing, "the back-office shell")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("supervise: %s not set", strings.Join(missing, ", "))
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	sub, err := fs.Sub(templateFS, "templates/pages")
	if err != nil {
		return nil, fmt.Errorf("supervise: templates: %w", err)
	}
	rd, err := web.NewRenderer(sub, d.Log)
	if err != nil {
		return nil, err
	}
	pt, err := newPanelTemplate()
	if err != nil {
		return nil, err
	}
	return &Site{bo: bo, deps: d, rd: rd, panel: pt}, nil
}

// Messages returns the section's texts (backoffice.Section): Messages
// and the charts' texts.
func (s *Site) Messages() web.Messages {
	m := maps.Clone(Messages)
	maps.Copy(m, chartMessages)
	return m
}

// Names lists the section's page templates (for the render test).
func (s *Site) Names() []string { return s.rd.Names() }

// staffer is the casework identity of rq.
func staffer(rq *backoffice.Request) casework.Staffer {
	return casework.Staffer{Subject: rq.Subject, IP: rq.Actor.IP}
}

// cst is China Standard Time: a legal day is a day in Beijing.
var cst = time.FixedZone("CST", 8*3600)

// thisYear is the current year in Beijing.
func (s *Site) thisYear() int { return s.deps.Now().In(cst).Year() }
