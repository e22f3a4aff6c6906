package casework_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkSubmit measures durable online submissions through the service
// (validation, sealing of personal data, tracking number, insert, audit
// event, notice; one committed transaction each, SQLite synchronous=FULL),
// one client at a time and from 8 concurrent clients.
func BenchmarkSubmit(b *testing.B) {
	for _, backend := range sqlstoretest.Names {
		for _, par := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/clients=%d", backend, par), func(b *testing.B) {
				st := sqlstoretest.Open(b, backend)
				ctx := context.Background()
				ag, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区教育局", CreatedAt: time.Now()})
				if err != nil {
					b.Fatal(err)
				}
				svc, err := casework.New(st, &audit.Log{Store: st}, testKey)
				if err != nil {
					b.Fatal(err)
				}
				app := casework.Application{AgencyID: ag.ID, ApplicantType: "natural_person", Name: "张三",
					IDNumber: "11010519491231002X", Phone: "13812345678", Content: "某小区房屋征收补偿方案", Delivery: "电子邮件",
					Email: "a@example.cn"}
				b.SetParallelism(par)
				start := time.Now()
				if par == 1 {
					for b.Loop() {
						if _, err := svc.Submit(ctx, app, "192.0.2.1"); err != nil {
							b.Fatal(err)
						}
					}
				} else {
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if _, err := svc.Submit(ctx, app, "192.0.2.1"); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "submits/s")
			})
		}
	}
}

// BenchmarkReportBuild100k measures `report build --agency` for an agency
// with 100,000 stored requests: reading them (and their appeals) from the
// database and compiling tables 三 and 四. The import is set-up, timed
// once and reported as import-s.
func BenchmarkReportBuild100k(b *testing.B) {
	for _, backend := range sqlstoretest.Names {
		b.Run(backend, func(b *testing.B) {
			st := sqlstoretest.Open(b, backend)
			ctx := context.Background()
			ag, err := st.CreateAgency(ctx, agency.Agency{Name: "某市公安局", CreatedAt: time.Now()})
			if err != nil {
				b.Fatal(err)
			}
			svc, err := casework.New(st, &audit.Log{Store: st}, testKey)
			if err != nil {
				b.Fatal(err)
			}
			led := gen.Ledger(gen.Options{Seed: 1, N: 100_000, From: calendar.D(2023, 1, 1), To: calendar.D(2025, 12, 31),
				AsOf: calendar.D(2026, 1, 31)})
			t0 := time.Now()
			if _, err := svc.ImportLedger(ctx, audit.CLI, ag.ID, led); err != nil {
				b.Fatal(err)
			}
			importS := time.Since(t0).Seconds()
			var r *report.Report
			for b.Loop() {
				res, n, err := svc.Compile(ctx, ag.ID, ag.Name, 2025)
				if err != nil || n != 100_000 {
					b.Fatal(n, err)
				}
				r = res.Report
			}
			if r.Requests[report.New][report.ColTotal].V == 0 {
				b.Fatal("empty report")
			}
			b.ReportMetric(importS, "import-s")
		})
	}
}
