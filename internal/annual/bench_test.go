package annual_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkBuild assembles a draft report of an agency with 10,000
// requests and validates it against the published previous year.
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	w := newWorld(b, sqlstoretest.Open(b, sqlstoretest.SQLite))
	var cases []compile.Case
	for i := range 10000 {
		d := calendar.D(2022, 1, 3).AddDays(i % 360)
		c := compile.Case{ID: fmt.Sprintf("2022-%05d", i), Received: d, Applicant: report.Col(i % 6)}
		if i%10 != 0 {
			c.Outcome, c.Ended = report.Granted, d.AddDays(15)
		}
		cases = append(cases, c)
	}
	w.cases[w.a.ID] = cases
	if err := w.svc.Save(ctx, w.clerk, w.a.ID, 2022, zeros("2023-01-15")); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := w.svc.Build(ctx, w.head, w.a.ID, 2022); err != nil {
			b.Fatal(err)
		}
	}
}
