package api

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/report/reportgen"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// seedHalfMissing stores n agencies in a tree under one 人民政府 (ten
// children each) and its supervising office; every other agency has a
// published report on year (one in five of those leaves a few cells
// empty), the rest none — a province before its imported reports come in.
// It returns the office and the root.
func seedHalfMissing(b testing.TB, st *sqlstore.Store, n, year int) (office, root agency.Agency) {
	b.Helper()
	ctx := context.Background()
	now := time.Now()
	root, err := st.CreateAgency(ctx, agency.Agency{Name: "某省人民政府", Kind: agency.Government, CreatedAt: now})
	if err != nil {
		b.Fatal(err)
	}
	office, err = st.CreateAgency(ctx, agency.Agency{Name: "某省政务公开办", Kind: agency.Other, ParentID: root.ID, OverseesID: root.ID, NoReport: true, CreatedAt: now})
	if err != nil {
		b.Fatal(err)
	}
	sqlstoretest.SeedProvince(b, st, root, sqlstoretest.Province{N: n, Year: year,
		Agency: func(_ *rand.Rand, i int) agency.Agency {
			return agency.Agency{Name: fmt.Sprintf("甲%05d市第%d局", i/300, i), Kind: agency.Department}
		},
		Report: func(rng *rand.Rand, i int, _ agency.Agency) *report.Report {
			if i%2 == 0 {
				return nil // missing
			}
			rep := reportgen.Report(rng, report.Template2021)
			if rng.IntN(5) == 0 {
				rep.Requests[report.New][report.Commercial] = report.Num{}
				rep.ReviewLitigation.Review.Total = report.Num{}
			}
			return rep
		}})
	return office, root
}

// BenchmarkOverviewAnswer measures GET /api/v1/overview of a supervising
// office whose scope has n agencies, half of them without a published
// report: the time and the size of the answer (bytes/op), which the
// absences used to make grow with agencies × cells.
//
//	go test ./internal/web/api -run XXX -bench OverviewAnswer -benchtime 5x
func BenchmarkOverviewAnswer(b *testing.B) {
	const year = 2023
	for _, name := range sqlstoretest.Names {
		for _, n := range []int{300, 3000, 10000} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				st := sqlstoretest.Open(b, name)
				office, _ := seedHalfMissing(b, st, n, year)
				svc, err := annual.New(st, annual.NoCompiler{}, st, &audit.Log{Store: st})
				if err != nil {
					b.Fatal(err)
				}
				a, err := New(Deps{Tokens: oneToken{office.ID}, Agencies: st, Search: noSearch{}, Reports: noReports{}, Overviews: svc})
				if err != nil {
					b.Fatal(err)
				}
				mux := http.NewServeMux()
				a.Register(mux)
				srv := httptest.NewServer(mux)
				b.Cleanup(srv.Close)
				get := func() int {
					r, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/overview?year=%d", srv.URL, year), nil)
					r.Header.Set("Authorization", "Bearer gkapi_x")
					resp, err := http.DefaultClient.Do(r)
					if err != nil || resp.StatusCode != http.StatusOK {
						b.Fatalf("overview: %v %v", resp, err)
					}
					defer resp.Body.Close()
					body, err := io.ReadAll(resp.Body)
					if err != nil {
						b.Fatal(err)
					}
					return len(body)
				}
				get()
				var size int
				for b.Loop() {
					size = get()
				}
				b.ReportMetric(float64(size), "bytes/op")
				b.ReportMetric(float64(len(compile.StoredCells(report.Empty(compile.TemplateFor(year))))), "cells")
			})
		}
	}
}
