package annual

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

// A ListQuery narrows the list of published reports (GET /api/v1/reports):
// the agencies (none: every agency), the year reported on (0: every year),
// and a page of Limit rows after Offset.
type ListQuery struct {
	AgencyIDs []int64
	Year      int
	Offset    int
	Limit     int
}

// A Listed is one published report in a list: who, which year, which
// template, when it was published.
type Listed struct {
	AgencyID    int64
	Agency      string
	Year        int
	Template    string // "2021" or "2019", as the snapshot says
	PublishedAt time.Time
}

// A ListPage is a page of published reports, by year descending then
// agency id, with the total of the whole list.
type ListPage struct {
	Total int
	Rows  []Listed
}

// MaxListLimit bounds a page of the list.
const MaxListLimit = 100

// PublishedPage lists the published reports q asks for, for anyone
// (条例第五十条: the reports are public); never a draft.
func (s *Service) PublishedPage(ctx context.Context, q ListQuery) (ListPage, error) {
	if q.Limit < 1 || q.Limit > MaxListLimit || q.Offset < 0 {
		return ListPage{}, apperr.New(apperr.Invalid, "annual.list_page")
	}
	if q.Year != 0 && (q.Year < 2008 || q.Year > 2200) {
		return ListPage{}, apperr.New(apperr.Invalid, "annual.year_range")
	}
	return s.st.PublishedPage(ctx, q)
}
