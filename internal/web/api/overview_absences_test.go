package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// apiGet asks the API, with a token of tokenAgency, for path and decodes
// a 200 answer into out.
func apiGet(t testing.TB, st *sqlstore.Store, ov Overviews, tokenAgency int64, path string, out any) int {
	t.Helper()
	a, err := New(Deps{Tokens: oneToken{tokenAgency}, Agencies: st, Search: noSearch{}, Reports: noReports{}, Overviews: ov})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("Authorization", "Bearer gkapi_x")
	mux.ServeHTTP(rec, r)
	if rec.Code == 200 {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			t.Fatal(err)
		}
	}
	return rec.Code
}

// TestOverviewAbsencesAPI pages through the agencies lacking a cell
// (GET /api/v1/overview/absences): every one, in agency order, with its
// reason, the first page being the overview's list; and the errors.
func TestOverviewAbsencesAPI(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		now := time.Now()
		city, _ := st.CreateAgency(ctx, agency.Agency{Name: "宁波市人民政府", CreatedAt: now})
		office, _ := st.CreateAgency(ctx, agency.Agency{Name: "政务公开办", ParentID: city.ID, OverseesID: city.ID, NoReport: true, CreatedAt: now})
		dept, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", ParentID: city.ID, CreatedAt: now})
		other, _ := st.CreateAgency(ctx, agency.Agency{Name: "杭州市人民政府", CreatedAt: now})
		var asked []int64
		fake := fakeOverviews{&asked}
		var ov OverviewJSON
		if code := apiGet(t, st, fake, office.ID, "/api/v1/overview?year=2022", &ov); code != 200 {
			t.Fatalf("overview: %d", code)
		}
		var all []AbsentAgencyJSON
		for page := 1; ; page++ {
			var got AbsencesJSON
			q := url.Values{"year": {"2022"}, "cell": {string(naturalPerson)}, "page": {fmt.Sprint(page)}}
			if code := apiGet(t, st, fake, office.ID, "/api/v1/overview/absences?"+q.Encode(), &got); code != 200 {
				t.Fatalf("page %d: %d", page, code)
			}
			if got.Count != 152 || got.Empty != 1 || got.Pages != 2 || got.Cell != string(naturalPerson) || got.Year != 2022 {
				t.Fatalf("page %d: %+v", page, got)
			}
			if page == 1 {
				var names []string
				for _, a := range got.Agencies {
					names = append(names, a.Agency)
				}
				if !slices.Equal(names[:AbsencePreview], ov.Absences[1].Agencies) {
					t.Errorf("page 1 %v\nis not the overview's list %v", names, ov.Absences[1].Agencies)
				}
			}
			if len(got.Agencies) == 0 {
				break
			}
			all = append(all, got.Agencies...)
		}
		if len(all) != 152 || all[0] != (AbsentAgencyJSON{AgencyID: 1, Agency: "甲局", Reason: "empty"}) || all[1].Reason != "missing" || all[151].Agency != "丙149" {
			t.Errorf("%d agencies, first %+v, last %+v", len(all), all[:2], all[len(all)-1])
		}
		for _, c := range []struct {
			token int64
			q     string
			code  int
		}{
			{dept.ID, "year=2022&cell=requests.new.total", 403}, // a leaf supervises nothing
			{office.ID, fmt.Sprintf("year=2022&cell=requests.new.total&agency=%d", other.ID), 404},
			{office.ID, "year=2022", 400},                              // no cell
			{office.ID, "year=2022&cell=requests.new", 400},            // not a cell
			{office.ID, "year=2019&cell=proactive.fees_wan_yuan", 200}, // a cell of every template
			{office.ID, "year=x&cell=requests.new.total", 400},
			{office.ID, "year=2022&cell=requests.new.total&page=-1", 400},
		} {
			var got AbsencesJSON
			if code := apiGet(t, st, fake, c.token, "/api/v1/overview/absences?"+c.q, &got); code != c.code {
				t.Errorf("token of %d, %s: %d; want %d", c.token, c.q, code, c.code)
			}
		}
	})
}

// TestOverviewAbsencesReal checks, on the stored facts of a hierarchy
// with missing reports and cells left empty, that each element of the
// overview's absences counts every agency lacking its cell and names the
// first page of them, and that paging through GET
// /api/v1/overview/absences gives them all: the full lists of the brute
// force (annual.Overview.Absences), never an absence counted as 0.
func TestOverviewAbsencesReal(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		const year = 2023
		office, _ := seedHalfMissing(t, st, 260, year)
		svc, err := annual.New(st, annual.NoCompiler{}, st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		scope, err := agency.Scope(context.Background(), st, office.ID)
		if err != nil {
			t.Fatal(err)
		}
		full, err := svc.OverviewOf(context.Background(), scope, year)
		if err != nil {
			t.Fatal(err)
		}
		var ov OverviewJSON
		if code := apiGet(t, st, svc, office.ID, fmt.Sprintf("/api/v1/overview?year=%d", year), &ov); code != 200 {
			t.Fatalf("overview: %d", code)
		}
		want := full.Absences()
		if len(ov.Absences) != len(want) || len(want) == 0 {
			t.Fatalf("%d absences; want %d", len(ov.Absences), len(want))
		}
		empties := 0
		for i, a := range ov.Absences {
			w := want[i]
			if a.Cell != string(w.Cell) || a.Count != len(w.Agencies) || a.Count == 0 || !slices.Equal(a.Agencies, w.Agencies[:min(len(w.Agencies), AbsencePreview)]) {
				t.Fatalf("absence %s: count %d, %d named; want %s, %d", a.Cell, a.Count, len(a.Agencies), w.Cell, len(w.Agencies))
			}
			empties += a.Empty
			if i%40 != 0 && a.Empty == 0 {
				continue // page through some cells, and every one with empties
			}
			var names []string
			for page := 1; page <= (a.Count+AbsencePageSize-1)/AbsencePageSize; page++ {
				var got AbsencesJSON
				q := url.Values{"year": {fmt.Sprint(year)}, "cell": {a.Cell}, "page": {fmt.Sprint(page)}}
				if code := apiGet(t, st, svc, office.ID, "/api/v1/overview/absences?"+q.Encode(), &got); code != 200 {
					t.Fatalf("%s page %d: %d", a.Cell, page, code)
				}
				if got.Count != a.Count || got.Empty != a.Empty {
					t.Fatalf("%s page %d: count %d empty %d; the overview says %d, %d", a.Cell, page, got.Count, got.Empty, a.Count, a.Empty)
				}
				for _, g := range got.Agencies {
					names = append(names, g.Agency)
				}
			}
			if !slices.Equal(names, w.Agencies) {
				t.Errorf("%s: the pages list %d agencies; want %d", a.Cell, len(names), len(w.Agencies))
			}
		}
		if empties == 0 || ov.Counts.Missing <= AbsencePageSize {
			t.Errorf("%d cells left empty, %d missing: the fixture tests little", empties, ov.Counts.Missing)
		}
	})
}
