package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/web"
)

// publishForTest writes a published item as an import does.
func publishForTest(t *testing.T, st *sqlstore.Store, ag agency.Agency, n int, c catalog.Content, at time.Time) {
	t.Helper()
	ctx := context.Background()
	c.Disclosure = catalog.Proactive
	err := st.InTx(ctx, func(ctx context.Context) error {
		id, err := st.CreateItem(ctx, catalog.Record{AgencyID: ag.ID, IndexNo: fmt.Sprintf("X/%d", n), State: catalog.Published,
			Live: 1, Shown: c, FirstPublished: at}, at)
		if err != nil {
			return err
		}
		return st.AddVersion(ctx, id, catalog.Version{N: 1, Kind: catalog.Imported, Content: c, PublishedAt: at, By: "t"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSearchAPI(t *testing.T) {
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	ctx := context.Background()
	now := time.Date(2024, 5, 1, 2, 0, 0, 0, time.UTC)
	district, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区人民政府", CreatedAt: now})
	dept, _ := st.CreateAgency(ctx, agency.Agency{Name: "北仑区民政局", ParentID: district.ID, CreatedAt: now})
	publishForTest(t, st, dept, 1, catalog.Content{Title: "关于调整城乡低保标准的通知", DocNo: "仑民〔2024〕3号", DocType: catalog.Notice,
		Body: "<p>低保标准调整为每人每月1200元。</p>"}, now)
	publishForTest(t, st, district, 2, catalog.Content{Title: "政府工作报告", DocType: catalog.OtherDoc,
		Body: "<p>完善<b>低保</b>制度。</p>"}, now.AddDate(-1, 0, 0))
	a, err := New(Deps{Tokens: noTokens{}, Agencies: st, Search: st, Reports: noReports{}, SearchLimiter: web.NewRateLimiter(14, time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	get := func(q string) (int, string) {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/search?"+q, nil))
		return rec.Code, rec.Body.String()
	}
	for _, c := range []struct {
		query string
		total int
		first string
	}{
		{"q=" + url.QueryEscape("低保"), 2, "X/1"},
		{"q=" + url.QueryEscape("低保") + "&agency=" + url.QueryEscape("北仑区民政局"), 1, "X/1"},
		{"q=" + url.QueryEscape("低保") + "&agency=" + url.QueryEscape("北仑区人民政府"), 2, "X/1"},
		{"q=" + url.QueryEscape("低保") + "&agency=" + url.QueryEscape("北仑区人民政府") + "&subtree=false", 1, "X/2"},
		{"q=" + url.QueryEscape("低保") + "&from=2024&to=2024", 1, "X/1"},
		{"q=" + url.QueryEscape("低保") + "&doc_type=other", 1, "X/2"},
		{"q=" + url.QueryEscape("仑民〔２０２４〕３号"), 1, "X/1"},
	} {
		code, body := get(c.query)
		var p search.PageJSON
		if err := json.Unmarshal([]byte(body), &p); code != 200 || err != nil || p.Total != c.total || len(p.Items) == 0 || p.Items[0].IndexNo != c.first {
			t.Errorf("%s: %d %s", c.query, code, body)
		}
	}
	// the exact shape of catalog.md §5
	_, body := get("q=" + url.QueryEscape("低保") + "&per_page=1")
	var raw map[string]any
	_ = json.Unmarshal([]byte(body), &raw)
	item := raw["items"].([]any)[0].(map[string]any)
	var keys []string
	for k := range item {
		keys = append(keys, k)
	}
	if len(raw) != 2 || raw["total"] != 2.0 || len(item) != 6 || item["snippet"] != "<mark>低保</mark>标准调整为每人每月1200元。" ||
		item["url"] != "/catalog/items/X/1" || item["published_at"] != "2024-05-01T10:00:00+08:00" || item["agency"] != "北仑区民政局" {
		t.Errorf("shape: %s (keys %v)", body, keys)
	}
	for _, bad := range []string{"q=", "q=a&page=0", "q=a&per_page=101", "q=a&doc_type=x", "q=a&from=20x", "q=a&agency=" + url.QueryEscape("不存在")} {
		code, body := get(bad)
		if code != 400 || !strings.Contains(body, `"invalid"`) {
			t.Errorf("%s: %d %s; want 400 invalid", bad, code, body)
		}
	}
	// the limit: the 14 searches an hour of the address were spent above
	code, body := get("q=a")
	if code != http.StatusTooManyRequests {
		t.Errorf("after the burst: %d %s; want 429", code, body)
	}
}
