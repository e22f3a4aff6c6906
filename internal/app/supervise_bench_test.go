package app

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// seedProvince stores n agencies in a four-level tree under one 人民政府
// (ten children each), three in four with a report
// on year published (half of them late, one in ten with an error), the
// rest missing; it returns the root.
func seedProvince(b *testing.B, st *sqlstore.Store, n, year int) agency.Agency {
	b.Helper()
	root, err := st.CreateAgency(context.Background(), agency.Agency{Name: "省人民政府", Kind: agency.Government, CreatedAt: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	sqlstoretest.SeedProvince(b, st, root, sqlstoretest.Province{N: n, Year: year,
		Agency: func(rng *rand.Rand, i int) agency.Agency {
			return agency.Agency{Name: fmt.Sprintf("第%05d机关", i), Kind: agency.Kinds[rng.IntN(len(agency.Kinds))]}
		},
		Report: func(rng *rand.Rand, _ int, _ agency.Agency) *report.Report {
			if rng.IntN(4) == 0 {
				return nil // missing
			}
			rep := reportgen.Report(rng, report.Template2021)
			if rng.IntN(10) == 0 {
				rep.Requests[report.New][report.ColTotal] = report.N(rep.Requests[report.New][report.ColTotal].V + 1)
			}
			return rep
		}})
	return root
}

// BenchmarkOverviewPage measures the supervisor's overview page end to
// end (an HTTP GET through every middleware, the session and the
// template) for a county of 300 agencies and a province of 10,000, and,
// alternating with it in the same loop, the bare SQL it is built on (the
// statuses and the cell sums of the subtree): read page/sql.
//
//	go test ./internal/app -run XXX -bench OverviewPage -benchtime 10x
func BenchmarkOverviewPage(b *testing.B) {
	const year = 2024
	for _, name := range sqlstoretest.Names {
		for _, n := range []int{300, 10000} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				st, root, c, base := provinceSite(b, name, n, year)
				ctx := context.Background()
				overview := base + "/admin/reports/overview?year=" + strconv.Itoa(year)
				get := func() {
					resp, err := c.Get(overview)
					if err != nil || resp.StatusCode != http.StatusOK {
						b.Fatalf("overview: %v %v", resp, err)
					}
					resp.Body.Close()
				}
				get() // stores nothing more, but warms the caches
				scope, err := st.Subtree(ctx, root.ID)
				if err != nil {
					b.Fatal(err)
				}
				// Page and SQL alternate in one loop, so that a loaded
				// machine slows both alike; the ratio is what to read.
				var page, bare time.Duration
				for b.Loop() {
					t0 := time.Now()
					get()
					t1 := time.Now()
					if _, err := st.OverviewStatuses(ctx, year, scope); err != nil {
						b.Fatal(err)
					}
					if _, _, err := st.CellSums(ctx, year, scope); err != nil {
						b.Fatal(err)
					}
					page, bare = page+t1.Sub(t0), bare+time.Since(t1)
				}
				b.ReportMetric(float64(page.Milliseconds())/float64(b.N), "page-ms/op")
				b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "sql-ms/op")
				b.ReportMetric(float64(page)/float64(bare), "page/sql")
			})
		}
	}
}

// provinceSite seeds a province of n agencies (seedProvince) on the
// database name and serves it; it returns the store, the root, a client
// signed in as its supervisor and the server's URL.
func provinceSite(b *testing.B, name string, n, year int) (*sqlstore.Store, agency.Agency, *http.Client, string) {
	b.Helper()
	st := sqlstoretest.Open(b, name)
	ctx := context.Background()
	root := seedProvince(b, st, n, year)
	cfg := configDefault()
	cfg.DataDir = b.TempDir()
	a, err := New(ctx, st, cfg, Options{LoginBurst: 1000, LoginEvery: time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(a.Close)
	a.Auth.Settings.Hash = fastHash
	if err := seedUser(ctx, a, root.ID, "supervisor", account.Supervisor); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	b.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(srv.URL+"/admin/login", url.Values{"login": {"supervisor"}, "password": {testPassword}})
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("login: %v %v", resp, err)
	}
	resp.Body.Close()
	return st, root, c, srv.URL
}

// BenchmarkCellPage measures the drill-down from table 三's 本年新收 total
// for a province of 10,000 agencies: the time of one page and its size.
//
//	go test ./internal/app -run XXX -bench CellPage -benchtime 10x
func BenchmarkCellPage(b *testing.B) {
	const year = 2024
	for _, name := range sqlstoretest.Names {
		b.Run(name, func(b *testing.B) {
			_, _, c, base := provinceSite(b, name, 10000, year)
			var size int64
			for b.Loop() {
				resp, err := c.Get(base + "/admin/reports/overview/cell?year=" + strconv.Itoa(year) + "&cell=requests.new.total")
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("cell: %v %v", resp, err)
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				size = n
			}
			b.ReportMetric(float64(size), "bytes/page")
		})
	}
}
