package board_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/board"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

var cst = time.FixedZone("CST", 8*3600)

// A world is what the test stored, from which the brute force counts.
type world struct {
	agencies map[int64]agency.Agency
	reports  []stored
}

type stored struct {
	agency int64
	year   int
	day    calendar.Date // first publication, in Beijing
	facts  bool
	cells  map[report.CellID]report.Num
	rules  []annual.RuleCount
}

var ruleIDs = []string{"R1-balance", "R3-results-sum", "R5-cells", "R8-deadline"}

// chartCells are the cells the requests chart reads: received and every
// result row's total.
func chartCells() []report.CellID {
	out := []report.CellID{board.ReceivedCell}
	for _, r := range report.Rows[2:23] {
		out = append(out, report.CellID("requests."+r.ID+".total"))
	}
	return out
}

// seed stores 60 agencies in a random hierarchy and their reports on
// 2021–2024, published at random times from December of the year to
// the year after next (late and very late ones among them), with facts
// for most, empty cells and broken rules.
func seed(t *testing.T, st *sqlstore.Store, rng *rand.Rand, n uint64) world {
	ctx := context.Background()
	w := world{agencies: map[int64]agency.Agency{}}
	var ids []int64
	for i := range 60 {
		a := agency.Agency{Name: fmt.Sprintf("机关%d-%02d", n, i), Kind: agency.Kinds[rng.IntN(len(agency.Kinds))],
			NoReport: rng.IntN(10) == 0, CreatedAt: time.Now()}
		if i > 0 {
			a.ParentID = ids[rng.IntN(len(ids))]
		}
		a, err := st.CreateAgency(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
		w.agencies[a.ID] = a
		for year := 2021; year <= 2024; year++ {
			if rng.IntN(5) == 0 {
				continue
			}
			rec := annual.Record{AgencyID: a.ID, Year: year, Status: annual.Draft, UpdatedBy: "clerk", UpdatedAt: time.Now()}
			if err := st.SaveReportEntries(ctx, rec); err != nil {
				t.Fatal(err)
			}
			if rng.IntN(6) == 0 {
				continue // a draft
			}
			snap, _ := json.Marshal(report.Empty(compile.TemplateFor(year)))
			// From 20 December of year to 31 March of year+2, at any second.
			from := time.Date(year, 12, 20, 0, 0, 0, 0, cst)
			at := from.Add(time.Duration(rng.Int64N(int64(467 * 24 * time.Hour))))
			if rng.IntN(3) == 0 { // most in the season itself
				at = time.Date(year+1, 1, 1, 0, 0, 0, 0, cst).Add(time.Duration(rng.Int64N(int64(100 * 24 * time.Hour))))
			}
			rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "head", at.UTC()
			if err := st.PublishReport(ctx, rec); err != nil {
				t.Fatal(err)
			}
			r := stored{agency: a.ID, year: year, day: calendar.Of(at.In(cst)), cells: map[report.CellID]report.Num{}}
			if r.facts = rng.IntN(6) > 0; r.facts {
				f := annual.Facts{AgencyID: a.ID, Year: year}
				// The chart's cells and one it must not read.
				for _, c := range append(chartCells(), "requests.new.natural_person") {
					var v report.Num
					if rng.IntN(10) > 0 {
						v = report.N(rng.Int64N(40))
					}
					r.cells[c] = v
					f.Cells = append(f.Cells, compile.CellValue{ID: c, Value: v})
				}
				for _, id := range ruleIDs {
					if rng.IntN(3) == 0 {
						sev := report.Warning
						if rng.IntN(2) == 0 {
							sev = report.Error
						}
						rc := annual.RuleCount{Rule: id, Severity: sev, N: 1 + rng.IntN(4)}
						r.rules = append(r.rules, rc)
						f.Rules = append(f.Rules, rc)
					}
				}
				if err := st.SaveReportFacts(ctx, f); err != nil {
					t.Fatal(err)
				}
			}
			w.reports = append(w.reports, r)
		}
	}
	return w
}

// TestChartsEqualBruteForce (#13): on both dialects, over random
// hierarchies, the season board, the lateness and the requests per year
// and the rule × agency map equal a count over what was stored, report
// by report; empty cells are left out of the sums, never taken as 0.
func TestChartsEqualBruteForce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		var checked, gaps, heat int
		for s := uint64(1); s <= 2; s++ {
			rng := rand.New(rand.NewPCG(s, 13))
			w := seed(t, st, rng, s)
			svc, err := board.New(st)
			if err != nil {
				t.Fatal(err)
			}
			// Mid-season for 2024's reports; 2022's season long past.
			now := time.Date(2025, 2, 15, 9, 0, 0, 0, cst)
			svc.Now = func() time.Time { return now }
			today := calendar.Of(now)
			roots := []int64{}
			for id, a := range w.agencies {
				if a.ParentID == 0 || rng.IntN(6) == 0 {
					roots = append(roots, id)
				}
			}
			for _, root := range roots {
				scope, err := st.Subtree(ctx, root)
				if err != nil {
					t.Fatal(err)
				}
				for _, year := range []int{2022, 2024} {
					got, err := svc.Charts(ctx, scope, year, 1+rng.IntN(2))
					if err != nil {
						t.Fatal(err)
					}
					want := brute(w, scope, year, today)
					checkSeason(t, got.Season, want.Season, w, scope)
					if !reflect.DeepEqual(got.Lateness, want.Lateness) {
						t.Errorf("root %d: lateness\n%+v\nwant\n%+v", root, got.Lateness, want.Lateness)
					}
					if !reflect.DeepEqual(got.Requests, want.Requests) {
						t.Errorf("root %d: requests\n%+v\nwant\n%+v", root, got.Requests, want.Requests)
					}
					checkHeat(t, got.Heat, w, scope, year)
					checked++
					for _, r := range got.Requests {
						gaps += r.Gaps
					}
					heat += got.Heat.Agencies
				}
			}
		}
		if checked < 4 || gaps == 0 || heat == 0 {
			t.Errorf("checked %d scopes, %d gaps, %d agencies in the heat maps: the comparison tested little", checked, gaps, heat)
		}
	})
}

func owes(w world, scope []int64, id int64) bool {
	return slices.Contains(scope, id) && !w.agencies[id].NoReport
}

func isGov(w world, id int64) bool { return w.agencies[id].Kind == agency.Government }

// brute counts what the charts should show, report by report.
func brute(w world, scope []int64, year int, today calendar.Date) board.Charts {
	var c board.Charts
	owing, owingGov := 0, 0
	for _, id := range scope {
		if owes(w, scope, id) {
			owing++
			if isGov(w, id) {
				owingGov++
			}
		}
	}
	s := &c.Season
	s.Year, s.Owing, s.OwingGov, s.Today = year, owing, owingGov, today
	s.DeptDeadline, s.GovDeadline = calendar.D(year+1, 1, 31), calendar.D(year+1, 3, 31)
	first := today.Year() - 1
	for _, r := range w.reports {
		if !owes(w, scope, r.agency) {
			continue
		}
		first = min(first, r.year)
		dl := s.DeptDeadline
		if isGov(w, r.agency) {
			dl = s.GovDeadline
		}
		switch r.year {
		case year:
			s.Published++
			if !r.day.After(dl) {
				if isGov(w, r.agency) {
					s.OnTimeGov++
				} else {
					s.OnTimeDept++
				}
			}
			if r.day.Year() > year+1 {
				s.After++
			}
		case year - 1:
			s.PublishedLast++
		}
	}
	for y := first; y <= today.Year()-1; y++ {
		late := board.YearLate{Year: y, Owing: owing, DeptDue: calendar.D(y+1, 1, 31), GovDue: calendar.D(y+1, 3, 31)}
		req := board.YearRequests{Year: y, Outcomes: make([]int64, len(board.Outcomes))}
		pubGov, pubDept := 0, 0
		for _, r := range w.reports {
			if r.year != y || !owes(w, scope, r.agency) {
				continue
			}
			late.Published++
			dl := late.DeptDue
			if isGov(w, r.agency) {
				dl = late.GovDue
				pubGov++
			} else {
				pubDept++
			}
			if r.day.After(dl) {
				late.Late++
			}
			req.Published++
			gap := !r.facts
			for id, v := range r.cells {
				if !slices.Contains(chartCells(), id) {
					continue
				}
				if !v.Valid {
					gap = true
					continue
				}
				row := strings.TrimSuffix(strings.TrimPrefix(string(id), "requests."), ".total")
				if row == "new" {
					req.Received += v.V
				}
				for i, o := range board.Outcomes {
					if strings.HasPrefix(row, o.Prefix) {
						req.Outcomes[i] += v.V
					}
				}
			}
			if gap {
				req.Gaps++
			}
		}
		if today.After(late.DeptDue) {
			late.MissingLate += owing - owingGov - pubDept
		}
		if today.After(late.GovDue) {
			late.MissingLate += owingGov - pubGov
		}
		c.Lateness = append(c.Lateness, late)
		c.Requests = append(c.Requests, req)
	}
	return c
}

// checkSeason compares the board's totals and, day by day, its counts
// with a count of the reports published by then (the year before's by
// the same date of its year).
func checkSeason(t *testing.T, got, want board.Season, w world, scope []int64) {
	t.Helper()
	year, days := got.Year, got.Days
	got.Days = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%d: season\n%+v\nwant\n%+v", year, got, want)
	}
	if len(days) == 0 || days[0].Day != calendar.D(year+1, 1, 1) || days[len(days)-1].Day.Before(want.GovDeadline) {
		t.Fatalf("%d: the board has %d days; want 1 January to 31 March at least", year, len(days))
	}
	by := func(y int, d calendar.Date) int {
		n := 0
		for _, r := range w.reports {
			if r.year == y && owes(w, scope, r.agency) && !r.day.After(d) {
				n++
			}
		}
		return n
	}
	for i, d := range days {
		if i > 0 && d.Day != days[i-1].Day.AddDays(1) {
			t.Fatalf("%d: day %v follows %v", year, d.Day, days[i-1].Day)
		}
		lastYear := calendar.D(d.Day.Year()-1, d.Day.Month(), d.Day.Day())
		wantDay := board.SeasonDay{Day: d.Day, Total: by(year, d.Day), TotalLast: by(year-1, lastYear),
			Future: d.Day.After(got.Today), IsToday: d.Day == got.Today, Deadline: d.Day == want.DeptDeadline || d.Day == want.GovDeadline}
		wantDay.New = wantDay.Total - by(year, d.Day.AddDays(-1))
		wantDay.NewLast = wantDay.TotalLast - by(year-1, lastYear.AddDays(-1))
		if d != wantDay {
			t.Fatalf("%d: day %+v; want %+v", year, d, wantDay)
		}
	}
}

func checkHeat(t *testing.T, got board.Heat, w world, scope []int64, year int) {
	t.Helper()
	var all []board.AgencyFindings
	rules := map[string]int{}
	for _, r := range w.reports {
		if r.year != year || !slices.Contains(scope, r.agency) || len(r.rules) == 0 {
			continue
		}
		f := board.AgencyFindings{AgencyID: r.agency, Agency: w.agencies[r.agency].Name, Rules: r.rules}
		for _, rc := range r.rules {
			f.Findings += rc.N
			rules[rc.Rule]++
		}
		all = append(all, f)
	}
	slices.SortFunc(all, func(a, b board.AgencyFindings) int {
		if a.Findings != b.Findings {
			return b.Findings - a.Findings
		}
		return int(a.AgencyID - b.AgencyID)
	})
	if got.Agencies != len(all) {
		t.Errorf("%d: %d agencies in the heat map; want %d", year, got.Agencies, len(all))
	}
	top := all[:min(len(all), board.HeatTop)]
	if len(top) == 0 {
		top = nil
	}
	if !reflect.DeepEqual(got.Top, top) {
		t.Errorf("%d: top\n%+v\nwant\n%+v", year, got.Top, top)
	}
	from := (got.PageNo - 1) * board.HeatPageSize
	page := all[min(from, len(all)):min(from+board.HeatPageSize, len(all))]
	if len(page) == 0 {
		page = nil
	}
	if !reflect.DeepEqual(got.Page, page) {
		t.Errorf("%d: page %d\n%+v\nwant\n%+v", year, got.PageNo, got.Page, page)
	}
	for _, rc := range got.Rules {
		if rules[rc.Rule] != rc.N {
			t.Errorf("%d: rule %s broken by %d agencies; want %d", year, rc.Rule, rc.N, rules[rc.Rule])
		}
	}
	if len(got.Rules) != len(rules) {
		t.Errorf("%d: %d rules; want %d", year, len(got.Rules), len(rules))
	}
}
