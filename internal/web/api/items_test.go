package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/web"
)

// itemsWorld publishes items of a district and of its department through
// the review, and leaves a draft, a withdrawn item and a correction in
// progress.
type itemsWorld struct {
	svc            *catalog.Service
	district, dept agency.Agency
	ids            map[string]int64
	index          map[string]string
	now            time.Time
}

func newItemsWorld(t *testing.T, st *sqlstore.Store) *itemsWorld {
	t.Helper()
	ctx := context.Background()
	w := &itemsWorld{now: time.Date(2022, 3, 10, 2, 0, 0, 0, time.UTC), ids: map[string]int64{}, index: map[string]string{}}
	clock := func() time.Time { return w.now }
	var err error
	if w.svc, err = catalog.NewService(st, &audit.Log{Store: st, Now: clock}); err != nil {
		t.Fatal(err)
	}
	w.svc.Now = clock
	w.district, _ = st.CreateAgency(ctx, agency.Agency{Name: "北仑区人民政府", CreatedAt: w.now})
	w.dept, _ = st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", ParentID: w.district.ID, CreatedAt: w.now})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	staff := func(ag agency.Agency, r account.Role) catalog.Staff {
		return catalog.Staff{Subject: auth.Subject{UserID: ag.ID*10 + int64(len(r)), Login: string(r), AgencyID: ag.ID, Roles: []account.Role{r}}}
	}
	ticked := catalog.Answers{}
	for _, c := range catalog.Checklist {
		ticked[c.ID] = true
	}
	publish := func(name string, ag agency.Agency, c catalog.Content) {
		t.Helper()
		id, err := w.svc.Create(ctx, staff(ag, account.Clerk), ag.ID, ag.Name, c)
		must(err)
		must(w.svc.Submit(ctx, staff(ag, account.Clerk), id))
		must(w.svc.Review(ctx, staff(ag, account.Reviewer), id, ticked))
		must(w.svc.Sign(ctx, staff(ag, account.Head), id, time.Time{}))
		rec, _ := st.Item(ctx, id)
		w.ids[name], w.index[name] = id, rec.IndexNo
		w.now = w.now.Add(time.Hour)
	}
	for i, ag := range []agency.Agency{w.district, w.dept} {
		must(w.svc.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: ag.ID, CreditCode: []string{"113302060028822799", "11330206002882367P"}[i],
			Level: catalog.LevelCounty}, ag.Name))
	}
	publish("doc", w.dept, catalog.Content{Title: "北仑区司法局行政执法公示办法", DocNo: "仑司〔2022〕3号", Category: "rules/normative",
		DocType: catalog.Normative, FormedOn: calendar.D(2022, 3, 1), Validity: catalog.InForce, Summary: "规范公示。", Body: "<p>第一条</p>"})
	publish("interp", w.dept, catalog.Content{Title: "政策解读", Category: "rules/policy", DocType: catalog.Interpretation,
		FormedOn: calendar.D(2022, 3, 1), Interprets: []string{w.index["doc"]}, Body: "<p>解读</p>"})
	publish("notice", w.district, catalog.Content{Title: "区政府公告", Category: "other", DocType: catalog.Notice,
		FormedOn: calendar.D(2022, 3, 1), Body: "<p>公告</p>"})
	w.now = time.Date(2023, 2, 1, 2, 0, 0, 0, time.UTC)
	publish("later", w.dept, catalog.Content{Title: "2023 年的通知", Category: "other", DocType: catalog.Notice,
		FormedOn: calendar.D(2023, 1, 20), Body: "<p>通知</p>"})
	publish("withdrawn", w.dept, catalog.Content{Title: "撤回的通知", Category: "other", DocType: catalog.Notice,
		FormedOn: calendar.D(2023, 1, 20), Body: "<p>撤回前</p>"})
	must(w.svc.Withdraw(ctx, staff(w.dept, account.Head), w.ids["withdrawn"], "误发"))
	must(w.svc.Correct(ctx, staff(w.dept, account.Clerk), w.ids["doc"], "错字"))
	c := catalog.Content{Title: "草稿中的更正", DocNo: "仑司〔2022〕3号", Category: "rules/normative", DocType: catalog.Normative,
		FormedOn: calendar.D(2022, 3, 1), Validity: catalog.InForce, Body: "<p>未发布的更正</p>"}
	must(w.svc.Edit(ctx, staff(w.dept, account.Clerk), w.ids["doc"], c))
	id, err := w.svc.Create(ctx, staff(w.dept, account.Clerk), w.dept.ID, w.dept.Name, catalog.Content{Title: "草稿", Category: "other",
		DocType: catalog.Notice, Body: "<p>草稿正文</p>"})
	must(err)
	w.ids["draft"] = id
	return w
}

func TestItemsAPI(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newItemsWorld(t, st)
		a, err := New(Deps{Tokens: noTokens{}, Agencies: st, Search: st, Reports: noReports{}, Items: w.svc,
			SearchLimiter: web.NewRateLimiter(60, time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		a.Register(mux)
		get := func(u string) (int, string) {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
			return rec.Code, rec.Body.String()
		}
		list := func(q string) []string {
			t.Helper()
			code, body := get("/api/v1/items?" + q)
			var p ItemsPage
			if err := json.Unmarshal([]byte(body), &p); code != 200 || err != nil {
				t.Fatalf("%s: %d %s", q, code, body)
			}
			var out []string
			for _, it := range p.Items {
				out = append(out, it.Title)
			}
			return out
		}
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"", []string{"2023 年的通知", "区政府公告", "政策解读", "北仑区司法局行政执法公示办法"}},
			{"agency=" + url.QueryEscape("北仑区人民政府"), []string{"2023 年的通知", "区政府公告", "政策解读", "北仑区司法局行政执法公示办法"}},
			{"agency=" + url.QueryEscape("北仑区人民政府") + "&subtree=false", []string{"区政府公告"}},
			{"agency=" + fmt.Sprint(w.dept.ID), []string{"2023 年的通知", "政策解读", "北仑区司法局行政执法公示办法"}},
			{"column=rules", []string{"政策解读", "北仑区司法局行政执法公示办法"}},
			{"doc_type=notice", []string{"2023 年的通知", "区政府公告"}},
			{"validity=in_force", []string{"北仑区司法局行政执法公示办法"}},
			{"year=2022", []string{"区政府公告", "政策解读", "北仑区司法局行政执法公示办法"}},
			{"year=2023&doc_type=normative", nil},
		} {
			if got := list(tc.q); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q; want %q", tc.q, got, tc.want)
			}
		}
		// the cursor walks every item once
		var walked []string
		cursor := ""
		for range 10 {
			_, body := get("/api/v1/items?limit=1&cursor=" + cursor)
			var p ItemsPage
			_ = json.Unmarshal([]byte(body), &p)
			for _, it := range p.Items {
				walked = append(walked, it.Title)
			}
			if cursor = p.NextCursor; cursor == "" {
				break
			}
		}
		if len(walked) != 4 || walked[3] != "北仑区司法局行政执法公示办法" {
			t.Errorf("cursor walk: %q", walked)
		}
		// the exact shape of a list entry
		_, body := get("/api/v1/items?validity=in_force")
		var raw map[string]any
		_ = json.Unmarshal([]byte(body), &raw)
		entry := raw["items"].([]any)[0].(map[string]any)
		if len(raw) != 2 || raw["next_cursor"] != "" || entry["index_no"] != w.index["doc"] || entry["agency"] != "北仑区司法局" ||
			entry["published_at"] != "2022-03-10T10:00:00+08:00" || entry["url"] != "/catalog/items/"+w.index["doc"] ||
			entry["doc_no"] != "仑司〔2022〕3号" || entry["body"] != nil || entry["history"] != nil {
			t.Errorf("list entry: %s", body)
		}
		for _, bad := range []string{"limit=0", "limit=101", "doc_type=x", "validity=y", "year=20", "cursor=!!!", "cursor=bm8",
			"column=" + url.QueryEscape("../x"), "agency=" + url.QueryEscape("不存在")} {
			if code, body := get("/api/v1/items?" + bad); code != 400 || !strings.Contains(body, `"invalid"`) {
				t.Errorf("%s: %d %s; want 400", bad, code, body)
			}
		}

		// one item, by id and by 索引号: the live version, never the draft of its correction
		for _, u := range []string{fmt.Sprint(w.ids["doc"]), url.PathEscape(w.index["doc"])} {
			code, body := get("/api/v1/items/" + u)
			var ij catalog.ItemJSON
			if err := json.Unmarshal([]byte(body), &ij); code != 200 || err != nil {
				t.Fatalf("item %s: %d %s", u, code, body)
			}
			if ij.Schema != "gongkai.item/v1" || ij.Title != "北仑区司法局行政执法公示办法" || ij.Body != "<p>第一条</p>" ||
				!slices.Equal(ij.InterpretedBy, []string{w.index["interp"]}) || ij.Agency != "北仑区司法局" ||
				strings.Contains(body, "未发布的更正") || strings.Contains(body, `"by"`) || strings.Contains(body, `"correct"`) {
				t.Errorf("item %s: %s", u, body)
			}
		}
		// IDOR: a draft's id, an unknown id and a withdrawn item leak nothing
		for _, u := range []string{fmt.Sprint(w.ids["draft"]), "999999", "nope"} {
			if code, body := get("/api/v1/items/" + u); code != 404 || strings.Contains(body, "草稿") {
				t.Errorf("item %s: %d %s; want 404", u, code, body)
			}
		}
		code, body := get("/api/v1/items/" + fmt.Sprint(w.ids["withdrawn"]))
		if code != 410 || !strings.Contains(body, "2023-02-01") || strings.Contains(body, "撤回前") {
			t.Errorf("withdrawn: %d %s; want 410", code, body)
		}
	})
}

// TestItemsAPILimit: the items routes spend the public budget of the
// address.
func TestItemsAPILimit(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	svc, err := catalog.NewService(st, &audit.Log{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := New(Deps{Tokens: noTokens{}, Agencies: st, Search: st, Reports: noReports{}, Items: svc, SearchLimiter: web.NewRateLimiter(2, time.Hour)})
	mux := http.NewServeMux()
	a.Register(mux)
	var codes []int
	for _, u := range []string{"/api/v1/items", "/api/v1/items/1", "/api/v1/items"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
		codes = append(codes, rec.Code)
	}
	if !slices.Equal(codes, []int{200, 404, 429}) {
		t.Errorf("codes %v; want [200 404 429]", codes)
	}
}
