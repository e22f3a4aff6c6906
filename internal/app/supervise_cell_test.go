package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// cellAgency is one agency the drill-down lists: its name and what the
// value column shows.
type cellAgency struct{ name, shown string }

// seedCell stores n townships under the fixture's 北仑区人民政府
// (seedTownships) and returns every agency of the supervisor's scope in
// the drill-down's order (largest values first, then the absences by
// name).
func seedCell(t *testing.T, st *sqlstore.Store, f *fixture, n, year int) []cellAgency {
	t.Helper()
	var absent []cellAgency
	for _, k := range []string{"district", "justice", "education"} {
		absent = append(absent, cellAgency{f.agencies[k].Name, "未发布报告"})
	}
	valued, more := seedTownships(t, st, f.agencies["district"].ID, n, year)
	absent = append(absent, more...)
	slices.Reverse(valued) // 1000+i grows with i
	slices.SortStableFunc(absent, func(a, b cellAgency) int { return strings.Compare(a.name, b.name) })
	return append(valued, absent...)
}

// seedTownships stores n townships 测试街道001… under parent, each with a
// report on year published whose 本年新收 total is 1000+i, but every
// tenth without a report and every ninth other one leaving the cell
// empty; it returns the townships with a value, in the order made, and
// those without.
func seedTownships(t *testing.T, st *sqlstore.Store, parent int64, n, year int) (valued, absent []cellAgency) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	now := time.Now()
	err := st.InTx(ctx, func(ctx context.Context) error {
		for i := 1; i <= n; i++ {
			a, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("测试街道%03d", i), ParentID: parent,
				Kind: agency.Township, CreatedAt: now})
			if err != nil {
				return err
			}
			if i%10 == 0 {
				absent = append(absent, cellAgency{a.Name, "未发布报告"})
				continue
			}
			rep := reportgen.Report(rng, report.Template2021)
			rep.Agency, rep.Year = a.Name, year
			if i%9 == 0 {
				rep.Requests[report.New][report.ColTotal] = report.Num{}
				absent = append(absent, cellAgency{a.Name, "报告中该项为空"})
			} else {
				rep.Requests[report.New][report.ColTotal] = report.N(int64(1000 + i))
				valued = append(valued, cellAgency{a.Name, strconv.Itoa(1000 + i)})
			}
			snap, err := json.Marshal(rep)
			if err != nil {
				return err
			}
			rec := annual.Record{AgencyID: a.ID, Year: year, Status: annual.Draft, UpdatedBy: "c", UpdatedAt: now}
			if err := st.SaveReportEntries(ctx, rec); err != nil {
				return err
			}
			rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "h", now
			if err := st.PublishReport(ctx, rec); err != nil {
				return err
			}
			if err := st.SaveReportFacts(ctx, annual.FactsOf(a.ID, year, rep, report.ValidateWith(rep, nil, annual.ValidateOptions(a)))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return valued, absent
}

// TestSupervisionCellPages: the drill-down from an aggregate cell lists
// 100 agencies a page in its order (largest first, absences last and
// never shown as 0), counts every agency and every absence on each page,
// links the pages keeping the year and cell, and refuses a page number
// that is not one of its pages with 400 and a clear message, on both
// databases.
func TestSupervisionCellPages(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		f := newFixture(t, st)
		y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
		all := seedCell(t, st, f, 130, y)
		f.names["y"] = strconv.Itoa(y)
		absent, noReport := 0, 0
		for _, a := range all {
			if !strings.ContainsAny(a.shown[:1], "0123456789") {
				absent++
			}
			if a.shown == "未发布报告" {
				noReport++
			}
		}
		base := "/admin/reports/overview/cell?year={y}&cell=requests.new.total"
		link := "/admin/reports/overview/cell?cell=requests.new.total&amp;year={y}"
		counts := []string{`id="cell-count">` + strconv.Itoa(len(all)) + "<", `id="cell-absent">` + strconv.Itoa(absent) + "<",
			`id="cell-noreport">` + strconv.Itoa(noReport) + "<"}
		pages := []struct {
			url  string
			rows []cellAgency
			want []string
		}{
			{base, all[:100], append([]string{"第 1 / 2 页", `href="` + link + `&amp;page=2"`, `rel="next"`,
				`href="` + link + `&amp;page=2#absent-first"`}, counts...)},
			{base + "&page=2", all[100:], append([]string{"第 2 / 2 页", `href="` + link + `" rel="prev"`, `id="absent-first"`}, counts...)},
		}
		for n, pg := range pages {
			res := f.run(t, scenario{name: fmt.Sprintf("page %d", n+1), as: "supervisor", method: "GET", url: pg.url, status: 200, want: pg.want})
			at := 0
			for _, a := range pg.rows {
				row := a.name + "</a></td>\n      <td"
				i := strings.Index(res.body[at:], row)
				if i < 0 {
					t.Fatalf("page %d lacks %s, or not after the row before", n+1, a.name)
				}
				at += i
				if !strings.Contains(res.body[at:at+400], ">"+a.shown+"</td>") {
					t.Errorf("page %d: %s does not show %q", n+1, a.name, a.shown)
				}
			}
			if got := strings.Count(res.body, "</a></td>\n      <td"); got != len(pg.rows) {
				t.Errorf("page %d lists %d agencies, want %d", n+1, got, len(pg.rows))
			}
		}
		for _, p := range []string{"0", "-1", "3", "x", "1.5", "99999999999999999999"} {
			f.run(t, scenario{name: "page " + p, as: "supervisor", method: "GET", url: base + "&page=" + p, status: 400,
				want: []string{"页码应为 1 到 2 之间的整数"}})
		}
		f.run(t, scenario{name: "a subtree keeps its parameter", as: "supervisor", method: "GET", url: base + "&agency={district}", status: 200,
			want: []string{`href="/admin/reports/overview/cell?agency={district}&amp;cell=requests.new.total&amp;year={y}&amp;page=2"`}})
	})
}
