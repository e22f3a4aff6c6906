package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkPortalCatalogFullStack serves, through the whole handler
// (every middleware) on SQLite with the demo data of serve --demo (北仑区司法局's
// catalogue of 66 items), the portal home page, an item page (the 规范性文件
// in force, with its metadata table, body, 解读 link and version list) and a
// column list (法治宣传, its 12 items, with the column tree and counts), in
// one run, taking turns, and reports the ratios item/home and column/home
// (README, #8).
func BenchmarkPortalCatalogFullStack(b *testing.B) {
	ctx := context.Background()
	st := sqlstoretest.Open(b, sqlstoretest.SQLite)
	a, err := New(ctx, st, config.Default(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(a.Close)
	if _, err := demo.Seed(ctx, a.Agencies, a.Auth); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.SeedCatalog(ctx, st, a.Catalog); err != nil {
		b.Fatal(err)
	}
	justice, err := st.AgencyByName(ctx, demo.Justice)
	if err != nil {
		b.Fatal(err)
	}
	pages := []struct{ name, url, want string }{
		{"home", "/", demo.Justice},
		{"item", search.ItemURL(demo.JusticeCreditCode + "/2021-00006"), "《北仑区人民调解员以案定补实施办法》政策解读"},
		{"column", fmt.Sprintf("/catalog/agencies/%d/items?column=other/publicity", justice.ID), "“八五”普法宣讲团走进新碶街道社区"},
	}
	serve := func(url string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		a.Handler.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		return rec
	}
	for _, p := range pages {
		if rec := serve(p.url); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), p.want) {
			b.Fatalf("%s: %d, body lacks %q", p.url, rec.Code, p.want)
		}
	}
	// The pages take turns in every iteration, so a change of the machine's
	// load weighs on the three alike and the ratios hold.
	var spent [3]time.Duration
	for b.Loop() {
		for i, p := range pages {
			start := time.Now()
			if rec := serve(p.url); rec.Code != http.StatusOK {
				b.Fatalf("%s: %d", p.url, rec.Code)
			}
			spent[i] += time.Since(start)
		}
	}
	for i, p := range pages {
		b.ReportMetric(float64(spent[i].Microseconds())/float64(b.N), p.name+"-µs/op")
	}
	b.ReportMetric(float64(spent[1])/float64(spent[0]), "item/home")
	b.ReportMetric(float64(spent[2])/float64(spent[0]), "column/home")
}
