package office

import (
	"context"
	"net/url"
	"strconv"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/stationery"
)

// Reports is what the annual-report pages need; *annual.Service is one.
// Every method checks the staff member's permission on the agency itself.
type Reports interface {
	Build(ctx context.Context, w casework.Staffer, agencyID int64, year int) (annual.Built, error)
	Save(ctx context.Context, w casework.Staffer, agencyID int64, year int, e annual.Entries) error
	Publish(ctx context.Context, w casework.Staffer, agencyID int64, year int) (annual.Built, error)
	Correct(ctx context.Context, w casework.Staffer, agencyID int64, year int, e annual.Entries, note string) (annual.Built, int, error)
	Versions(ctx context.Context, agencyID int64, year int) ([]annual.Version, error)
	Reopen(ctx context.Context, w casework.Staffer, agencyID int64, year int, reason string) (annual.Reopen, error)
	Relock(ctx context.Context, w casework.Staffer, agencyID int64, year int) error
	Reopened(ctx context.Context, agencyID int64, year int) (annual.Reopen, error)
	CompileArea(ctx context.Context, w casework.Staffer, agencyID int64, year int) (annual.Area, error)
}

// LetterSettings reads and saves an agency's letter settings;
// *stationery.Service is one. Save checks stationery.CanEdit itself.
type LetterSettings interface {
	Get(ctx context.Context, agencyID int64, year int) (stationery.Settings, int, error)
	Save(ctx context.Context, subj auth.Subject, by audit.Actor, set stationery.Settings, year, next int) error
}

// reportPath is the editor of an agency's year.
func reportPath(agencyID int64, year int) string {
	return "/admin/requests/report?" + url.Values{"agency": {strconv.FormatInt(agencyID, 10)}, "year": {strconv.Itoa(year)}}.Encode()
}
