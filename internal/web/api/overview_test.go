package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// oneToken authenticates every secret as the token of agency id.
type oneToken struct{ agencyID int64 }

func (o oneToken) Authenticate(context.Context, string) (apitoken.Token, error) {
	return apitoken.Token{ID: 1, Name: "OA", AgencyID: o.agencyID}, nil
}

// fakeOverviews answers with one published report (with an error, and
// table 三's 自然人 cell left empty), one draft and 150 missing ones, and
// records the scope asked for.
type fakeOverviews struct{ scope *[]int64 }

var naturalPerson = report.ReqCell(report.New, report.NaturalPerson)

func (f fakeOverviews) OverviewOf(_ context.Context, scope []int64, year int) (annual.Overview, error) {
	*f.scope = scope
	ov := annual.Overview{Year: year, Published: 1}
	ov.Rows = append(ov.Rows, annual.AgencyStatus{AgencyID: 1, Agency: "甲局", Status: annual.Published, Errors: 1,
		PublishedAt: time.Date(2023, 1, 10, 2, 0, 0, 0, time.UTC), Deadline: calendar.D(2023, 1, 31)})
	ov.Rows = append(ov.Rows, annual.AgencyStatus{AgencyID: 2, Agency: "乙局", Status: annual.Draft, Late: true, Deadline: calendar.D(2023, 1, 31)})
	ov.Unpublished = []int64{2}
	for i := range 150 {
		ov.Rows = append(ov.Rows, annual.AgencyStatus{AgencyID: int64(10 + i), Agency: fmt.Sprintf("丙%d", i), Late: i%2 == 0, Deadline: calendar.D(2023, 3, 31)})
		ov.Unpublished = append(ov.Unpublished, int64(10+i))
	}
	ov.Aggregate = compile.FromSums(compile.TemplateFor(year), "", year, map[report.CellID]int64{report.ReqCell(report.New, report.ColTotal): 7,
		compile.FeesCell: 12_350_000})
	ov.Absent = []annual.CellAbsence{{Cell: report.ReqCell(report.New, report.ColTotal), Count: 151}, {Cell: naturalPerson, Count: 152, Empty: []int64{1}}}
	return ov, nil
}

// CellAgencies lists the same agencies: 甲局 with a value, except for
// table 三's 自然人 cell, the others without a published report.
func (f fakeOverviews) CellAgencies(ctx context.Context, scope []int64, year int, cell report.CellID) ([]annual.CellRow, error) {
	ov, _ := f.OverviewOf(ctx, scope, year)
	var out []annual.CellRow
	for _, r := range ov.Rows {
		c := annual.CellRow{AgencyID: r.AgencyID, Agency: r.Agency, Published: r.Status == annual.Published}
		if c.Published && cell != naturalPerson {
			c.Value = report.N(7)
		}
		out = append(out, c)
	}
	return out, nil
}

func TestOverviewAPI(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2024, 5, 1, 2, 0, 0, 0, time.UTC)
		city, _ := st.CreateAgency(ctx, agency.Agency{Name: "宁波市人民政府", CreatedAt: now})
		office, _ := st.CreateAgency(ctx, agency.Agency{Name: "政务公开办", ParentID: city.ID, OverseesID: city.ID, NoReport: true, CreatedAt: now})
		district, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区人民政府", ParentID: city.ID, CreatedAt: now})
		dept, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", ParentID: district.ID, CreatedAt: now})
		other, _ := st.CreateAgency(ctx, agency.Agency{Name: "杭州市人民政府", CreatedAt: now})
		var asked []int64
		get := func(tokenAgency int64, q string) (int, OverviewJSON) {
			a, err := New(Deps{Tokens: oneToken{tokenAgency}, Agencies: st, Search: noSearch{}, Reports: noReports{}, Overviews: fakeOverviews{&asked}})
			if err != nil {
				t.Fatal(err)
			}
			mux := http.NewServeMux()
			a.Register(mux)
			rec := httptest.NewRecorder()
			r := httptest.NewRequest("GET", "/api/v1/overview?"+q, nil)
			r.Header.Set("Authorization", "Bearer gkapi_x")
			mux.ServeHTTP(rec, r)
			var out OverviewJSON
			if rec.Code == 200 {
				if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
					t.Fatal(err)
				}
			}
			return rec.Code, out
		}
		code, ov := get(office.ID, "year=2022")
		if code != 200 {
			t.Fatalf("office token: %d", code)
		}
		if want := (OverviewCounts{Agencies: 152, Published: 1, Late: 76, Missing: 151, Errors: 1}); ov.Counts != want {
			t.Errorf("counts %+v; want %+v", ov.Counts, want)
		}
		if slices.Sort(asked); !slices.Equal(asked, []int64{city.ID, office.ID, district.ID, dept.ID}) {
			t.Errorf("scope asked %v; want the office's subtree and the city's", asked)
		}
		if len(ov.Rows) != OverviewPageSize || ov.Pages != 2 || ov.Rows[0].Status != "published" || ov.Rows[1].Status != "draft" || ov.Rows[2].Status != "missing" {
			t.Errorf("page 1: %d rows, %d pages, first %+v", len(ov.Rows), ov.Pages, ov.Rows[:3])
		}
		if v := ov.Aggregate["requests.new.total"]; v == nil || *v != 7 {
			t.Errorf("aggregate new total %v; want 7", v)
		}
		if v, ok := ov.Aggregate["requests.new.natural_person"]; !ok || v != nil {
			t.Errorf("aggregate of an absent cell: %v, listed %v; want null, listed", v, ok)
		}
		if v := ov.AggregateDecimal["proactive.fees_wan_yuan"]; v == nil || *v != "12.35" {
			t.Errorf("aggregate fees %v; want 12.35 (万元, summed in 分)", v)
		}
		// Every element counts its agencies and names the first page of
		// them, in agency order: the unpublished ones and 甲局, which
		// left 自然人 empty.
		if len(ov.Absences) != 2 {
			t.Fatalf("absences %+v", ov.Absences)
		}
		for i, want := range []struct {
			cell         string
			count, empty int
			first        []string
		}{{"requests.new.total", 151, 0, []string{"乙局", "丙0"}}, {"requests.new.natural_person", 152, 1, []string{"甲局", "乙局", "丙0"}}} {
			a := ov.Absences[i]
			if a.Cell != want.cell || a.Count != want.count || a.Empty != want.empty || len(a.Agencies) != AbsencePreview || !slices.Equal(a.Agencies[:len(want.first)], want.first) {
				t.Errorf("absence %d: %s count %d empty %d, %d named, first %v; want %+v and %d named", i, a.Cell, a.Count, a.Empty, len(a.Agencies), a.Agencies[:3], want, AbsencePreview)
			}
		}
		if _, ov = get(office.ID, "year=2022&page=2"); len(ov.Rows) != 52 {
			t.Errorf("page 2: %d rows; want 52", len(ov.Rows))
		}
		for q, n := range map[string]int{"status=errors": 1, "status=missing": 100, "status=late": 76} {
			if _, ov = get(office.ID, "year=2022&"+q); len(ov.Rows) != n || ov.Counts.Agencies != 152 {
				t.Errorf("%s: %d rows, counts %+v; want %d rows, counts unfiltered", q, len(ov.Rows), ov.Counts, n)
			}
		}
		if code, _ = get(office.ID, fmt.Sprintf("year=2022&agency=%d", district.ID)); code != 200 || !slices.Equal(asked, []int64{district.ID, dept.ID}) {
			t.Errorf("agency=district: %d, scope %v", code, asked)
		}
		for _, c := range []struct {
			token int64
			q     string
			code  int
		}{
			{dept.ID, "year=2022", 403},                                    // a leaf supervises nothing
			{office.ID, fmt.Sprintf("year=2022&agency=%d", other.ID), 404}, // outside the scope
			{office.ID, "year=abc", 400},
			{office.ID, "year=2022&status=late,missing", 400},
			{office.ID, "year=2022&page=0", 400},
		} {
			if code, _ := get(c.token, c.q); code != c.code {
				t.Errorf("token of %d, %s: %d; want %d", c.token, c.q, code, c.code)
			}
		}
	})
}
