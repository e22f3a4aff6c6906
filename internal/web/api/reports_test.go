package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/web"
)

// publishReportForTest stores rep as agency ag's published report on its
// year, as annual.Service.Publish leaves it.
func publishReportForTest(t *testing.T, st *sqlstore.Store, ag agency.Agency, rep *report.Report, at time.Time) {
	t.Helper()
	ctx := context.Background()
	snap, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	rec := annual.Record{AgencyID: ag.ID, Year: rep.Year, Status: annual.Draft, UpdatedBy: "t", UpdatedAt: at}
	if err := st.SaveReportEntries(ctx, rec); err != nil {
		t.Fatal(err)
	}
	rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "t", at
	if err := st.PublishReport(ctx, rec); err != nil {
		t.Fatal(err)
	}
}

// seedReport reads the seed report of report-model.md.
func seedReport(t *testing.T) *report.Report {
	t.Helper()
	b, err := os.ReadFile("../../../testdata/reports/2022-ningbo-beilun-sifaju.json")
	if err != nil {
		t.Fatal(err)
	}
	var rep report.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

// TestReportsAPI: the list with its filters and pages, one report exactly
// in gongkai.annual-report/v1, drafts and unknown agencies 404, bad
// parameters 400, the shared per-address limit — on both databases.
func TestReportsAPI(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2023, 1, 15, 2, 0, 0, 0, time.UTC)
		district, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区人民政府", CreatedAt: now})
		justice, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", ParentID: district.ID, CreatedAt: now})
		other, _ := st.CreateAgency(ctx, agency.Agency{Name: "江北区人民政府", CreatedAt: now})
		seed := seedReport(t)
		publishReportForTest(t, st, justice, seed, now)
		for _, c := range []struct {
			ag   agency.Agency
			year int
		}{{district, 2022}, {district, 2021}, {other, 2022}} {
			r := *seed
			r.Agency, r.Year = c.ag.Name, c.year
			publishReportForTest(t, st, c.ag, &r, now.AddDate(0, 0, c.year-2022))
		}
		// a draft: never listed, never shown
		if err := st.SaveReportEntries(ctx, annual.Record{AgencyID: justice.ID, Year: 2023, UpdatedBy: "t", UpdatedAt: now}); err != nil {
			t.Fatal(err)
		}
		reports, err := annual.New(st, annual.NoCompiler{}, st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		a, err := New(Deps{Tokens: noTokens{}, Agencies: st, Search: st, Reports: reports,
			SearchLimiter: web.NewRateLimiter(40, time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		a.Register(mux)
		get := func(path string) (int, http.Header, string) {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			return rec.Code, rec.Header(), rec.Body.String()
		}
		list := func(q string) ReportListJSON {
			t.Helper()
			code, _, body := get("/api/v1/reports?" + q)
			var l ReportListJSON
			if err := json.Unmarshal([]byte(body), &l); code != 200 || err != nil {
				t.Fatalf("%s: %d %s", q, code, body)
			}
			return l
		}
		type line struct {
			agency string
			year   int
		}
		lines := func(l ReportListJSON) []line {
			var out []line
			for _, r := range l.Reports {
				out = append(out, line{r.Agency, r.Year})
			}
			return out
		}
		for _, c := range []struct {
			name, query string
			total       int
			want        []line
		}{
			{"all", "", 4, []line{{"北仑区人民政府", 2022}, {"北仑区司法局", 2022}, {"江北区人民政府", 2022}, {"北仑区人民政府", 2021}}},
			{"year", "year=2021", 1, []line{{"北仑区人民政府", 2021}}},
			{"subtree", "agency=" + url.QueryEscape("北仑区人民政府"), 3, []line{{"北仑区人民政府", 2022}, {"北仑区司法局", 2022}, {"北仑区人民政府", 2021}}},
			{"alone", "agency=" + url.QueryEscape("北仑区人民政府") + "&subtree=false&year=2022", 1, []line{{"北仑区人民政府", 2022}}},
			{"by id", "agency=" + itoa(justice.ID), 1, []line{{"北仑区司法局", 2022}}},
			{"page 2", "per_page=3&page=2", 4, []line{{"北仑区人民政府", 2021}}},
			{"past the end", "per_page=3&page=3", 4, nil},
		} {
			l := list(c.query)
			if got := lines(l); l.Total != c.total || !slices.Equal(got, c.want) {
				t.Errorf("%s: total %d, %v; want %d, %v", c.name, l.Total, got, c.total, c.want)
			}
		}
		// the exact shape of a line
		_, _, body := get("/api/v1/reports?agency=" + itoa(justice.ID))
		if !strings.Contains(body, `"agency_id": `+itoa(justice.ID)+`,`) || !strings.Contains(body, `"template": "2021"`) ||
			!strings.Contains(body, `"published_at": "2023-01-15T10:00:00+08:00"`) ||
			!strings.Contains(body, `"url": "/api/v1/reports/`+itoa(justice.ID)+`/2022"`) ||
			!strings.Contains(body, `"html_url": "/reports/`+itoa(justice.ID)+`/2022"`) {
			t.Errorf("line shape: %s", body)
		}
		// one report: the seed's JSON exactly, by id and by name
		want, _ := json.Marshal(seed)
		for _, p := range []string{"/api/v1/reports/" + itoa(justice.ID) + "/2022", "/api/v1/reports/" + url.PathEscape("北仑区司法局") + "/2022"} {
			code, h, body := get(p)
			var got, exp any
			_ = json.Unmarshal([]byte(body), &got)
			_ = json.Unmarshal(want, &exp)
			gb, _ := json.Marshal(got)
			eb, _ := json.Marshal(exp)
			if code != 200 || !bytes.Equal(gb, eb) || !strings.HasPrefix(body, "{\n  \"schema\": \"gongkai.annual-report/v1\"") {
				t.Errorf("%s: %d %.200s", p, code, body)
			}
			if h.Get("Cache-Control") != "public, max-age=300" || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
				t.Errorf("%s: headers %v", p, h)
			}
		}
		for _, p := range []string{"/api/v1/reports/" + itoa(justice.ID) + "/2023", "/api/v1/reports/" + itoa(justice.ID) + "/2019",
			"/api/v1/reports/999999/2022", "/api/v1/reports/" + url.PathEscape("不存在") + "/2022", "/api/v1/reports/1/x"} {
			if code, _, body := get(p); code != 404 || !strings.Contains(body, `"not found"`) {
				t.Errorf("%s: %d %s; want 404 not found", p, code, body)
			}
		}
		for _, q := range []string{"year=1999", "year=x", "page=0", "per_page=101", "agency=" + url.QueryEscape("不存在")} {
			if code, _, body := get("/api/v1/reports?" + q); code != 400 || !strings.Contains(body, `"invalid"`) {
				t.Errorf("%s: %d %s; want 400 invalid", q, code, body)
			}
		}
		// a correction: the current version changes, version 1 stays, the
		// versions list both (#13)
		corr := *seed
		corr.Date = "2023-01-20"
		snap, _ := json.Marshal(&corr)
		if _, err := st.CorrectReport(ctx, annual.Record{AgencyID: justice.ID, Year: 2022, Snapshot: snap},
			annual.Version{Note: "更正报告日期", PublishedBy: "t", PublishedAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		base := "/api/v1/reports/" + itoa(justice.ID) + "/2022"
		if code, _, body := get(base); code != 200 || !strings.Contains(body, `"date": "2023-01-20"`) {
			t.Errorf("current after the correction: %d %.300s", code, body)
		}
		if code, _, body := get(base + "?version=1"); code != 200 || !strings.Contains(body, `"date": "`+seed.Date+`"`) {
			t.Errorf("version 1: %d %.300s", code, body)
		}
		code, _, body := get(base + "/versions")
		var vs ReportVersionsJSON
		if err := json.Unmarshal([]byte(body), &vs); code != 200 || err != nil || len(vs.Versions) != 2 ||
			vs.Versions[0].Version != 1 || vs.Versions[0].Note != "" || vs.Versions[1].Note != "更正报告日期" || !vs.Versions[1].PublishedAt.Equal(now.Add(time.Hour)) {
			t.Errorf("versions: %d %s", code, body)
		}
		for _, p := range []string{base + "?version=3", base + "?version=0", base + "?version=x", "/api/v1/reports/" + itoa(justice.ID) + "/2023/versions"} {
			if code, _, body := get(p); code != 404 {
				t.Errorf("%s: %d %s; want 404", p, code, body)
			}
		}
		// the budget of 40 reads an hour is spent by now
		for range 40 {
			get("/api/v1/reports")
		}
		if code, h, _ := get("/api/v1/reports/" + itoa(justice.ID) + "/2022"); code != http.StatusTooManyRequests || h.Get("Retry-After") == "" {
			t.Errorf("after the budget: %d; want 429 with Retry-After", code)
		}
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
