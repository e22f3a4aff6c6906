package supervise

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gongkai/gongkai/internal/board"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// Board computes the season board and charts; *board.Service is one.
type Board interface {
	Charts(ctx context.Context, scope []int64, year, heatPage int) (board.Charts, error)
}

// ChartsPage is the season board and the charts of the reports of a
// 监督员's scope (or of one subtree of it), each chart drawn by charts.js
// from Data and followed by its table, which screen readers read and
// which holds every number the chart shows.
type ChartsPage struct {
	web.Page
	Filter   Filter
	Years    []int
	Subtrees []Option
	board.Charts
	// SeasonRows are the days of the board's table (board.Season.TableDays).
	SeasonRows []board.SeasonDay
	Outcomes   []string // the labels of board.Outcomes
	// OwingOther counts the agencies other than 人民政府 that owe a
	// report; LastYear is the season's year − 1.
	OwingOther, LastYear int
	HeatPageSize         int
	Late                 []LateRow
	HeatPrev             string
	HeatNext             string
	// Data is what charts.js draws, as JSON in the page (no inline script).
	Data ChartData
}

// A LateRow is one year of the lateness table.
type LateRow struct {
	board.YearLate
	Rate string // (Late + MissingLate) / Owing, in per cent
}

// ChartData is the JSON charts.js reads: the labels in the page's
// language and the series; a null in This is a day still to come.
type ChartData struct {
	Season struct {
		Days      []string `json:"days"`
		This      []*int   `json:"this"`
		Last      []int    `json:"last"`
		ThisName  string   `json:"thisName"`
		LastName  string   `json:"lastName"`
		Deadlines []Mark   `json:"deadlines"`
	} `json:"season"`
	Requests struct {
		Years  []string `json:"years"`
		Series []Series `json:"series"`
	} `json:"requests"`
	Late struct {
		Years  []string `json:"years"`
		Series []Series `json:"series"`
	} `json:"late"`
	Heat struct {
		Rules    []string `json:"rules"`
		Agencies []string `json:"agencies"`
		Cells    [][3]int `json:"cells"` // rule index, agency index, findings
		Name     string   `json:"name"`
	} `json:"heat"`
}

// A Mark is a deadline drawn on the season board.
type Mark struct {
	Day   string `json:"day"`
	Label string `json:"label"`
}

// A Series is one line or stack of bars.
type Series struct {
	Name  string    `json:"name"`
	Type  string    `json:"type"` // line or bar
	Stack string    `json:"stack,omitempty"`
	Data  []float64 `json:"data"`
}

func (s *Site) chartsShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	f := readFilter(r.URL.Query(), s.thisYear())
	scope, err := s.scopeOf(r, rq, f)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	c, err := s.deps.Board.Charts(r.Context(), scope, f.Year, f.Page)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := ChartsPage{Page: s.bo.Page(r, rq, "ch.title"), Filter: f, Charts: c, SeasonRows: c.Season.TableDays(),
		OwingOther: c.Season.Owing - c.Season.OwingGov, LastYear: c.Season.Year - 1, HeatPageSize: board.HeatPageSize}
	for y := s.thisYear(); y >= s.thisYear()-5; y-- {
		pg.Years = append(pg.Years, y)
	}
	if pg.Subtrees, err = s.subtrees(r, rq, f.Agency); err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	for _, o := range board.Outcomes {
		pg.Outcomes = append(pg.Outcomes, pg.T("ch.outcome."+o.Key))
	}
	for _, l := range c.Lateness {
		lr := LateRow{YearLate: l, Rate: "—"}
		if l.Owing > 0 {
			lr.Rate = fmt.Sprintf("%.1f%%", 100*float64(l.Late+l.MissingLate)/float64(l.Owing))
		}
		pg.Late = append(pg.Late, lr)
	}
	pg.Filter.Page = c.Heat.PageNo
	if c.Heat.PageNo > 1 {
		pg.HeatPrev = chartsHref(f, c.Heat.PageNo-1)
	}
	if c.Heat.PageNo < c.Heat.Pages {
		pg.HeatNext = chartsHref(f, c.Heat.PageNo+1)
	}
	pg.Data = chartData(pg)
	s.rd.Render(w, r, http.StatusOK, "charts", pg)
}

// chartsHref is the charts page of f's year and subtree at heat-map
// table page.
func chartsHref(f Filter, page int) string {
	v := url.Values{"year": {strconv.Itoa(f.Year)}}
	if f.Agency != 0 {
		v.Set("agency", strconv.FormatInt(f.Agency, 10))
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return "/admin/reports/season?" + v.Encode() + "#heat-h"
}

// chartData is pg's charts as charts.js draws them.
func chartData(pg ChartsPage) ChartData {
	var d ChartData
	sn := pg.Season
	d.Season.ThisName = pg.Format("ch.season.this", sn.Year)
	d.Season.LastName = pg.Format("ch.season.last", sn.Year-1)
	d.Season.Deadlines = []Mark{{monthDay(sn.DeptDeadline), pg.T("ch.deadline.dept")}, {monthDay(sn.GovDeadline), pg.T("ch.deadline.gov")}}
	for _, day := range sn.Days {
		d.Season.Days = append(d.Season.Days, monthDay(day.Day))
		d.Season.Last = append(d.Season.Last, day.TotalLast)
		if day.Future {
			d.Season.This = append(d.Season.This, nil)
		} else {
			n := day.Total
			d.Season.This = append(d.Season.This, &n)
		}
	}
	received := Series{Name: pg.T("ch.received"), Type: "line"}
	outcomes := make([]Series, len(board.Outcomes))
	for i := range outcomes {
		outcomes[i] = Series{Name: pg.Outcomes[i], Type: "bar", Stack: "outcomes"}
	}
	for _, y := range pg.Requests {
		d.Requests.Years = append(d.Requests.Years, fmt.Sprint(y.Year))
		received.Data = append(received.Data, float64(y.Received))
		for i, n := range y.Outcomes {
			outcomes[i].Data = append(outcomes[i].Data, float64(n))
		}
	}
	d.Requests.Series = append(outcomes, received)
	late := Series{Name: pg.T("ch.late.published"), Type: "bar", Stack: "late"}
	missing := Series{Name: pg.T("ch.late.missing"), Type: "bar", Stack: "late"}
	for _, l := range pg.Lateness {
		d.Late.Years = append(d.Late.Years, fmt.Sprint(l.Year))
		late.Data = append(late.Data, percent(l.Late, l.Owing))
		missing.Data = append(missing.Data, percent(l.MissingLate, l.Owing))
	}
	d.Late.Series = []Series{late, missing}
	d.Heat.Name = pg.T("ch.heat.findings")
	for _, rc := range pg.Heat.Rules {
		d.Heat.Rules = append(d.Heat.Rules, rc.Rule)
	}
	for ai, a := range pg.Heat.Top {
		d.Heat.Agencies = append(d.Heat.Agencies, a.Agency)
		for ri, rc := range pg.Heat.Rules {
			if n := a.N(rc.Rule); n > 0 {
				d.Heat.Cells = append(d.Heat.Cells, [3]int{ri, ai, n})
			}
		}
	}
	return d
}

// percent is n of all in per cent, one decimal; 0 when all is 0.
func percent(n, all int) float64 {
	if all == 0 {
		return 0
	}
	return float64(int(1000*float64(n)/float64(all)+0.5)) / 10
}

func monthDay(d calendar.Date) string { return d.String()[5:] }
