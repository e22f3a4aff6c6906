package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// BenchmarkPortalSubmit files applications through the whole HTTP stack
// (middleware, form checks, casework.Submit with its durable transaction
// and audit event, the receipt page), one at a time: durable submissions
// per second as a citizen's browser sees them.
func BenchmarkPortalSubmit(b *testing.B) {
	for _, backend := range sqlstoretest.Names {
		b.Run(backend, func(b *testing.B) {
			st := sqlstoretest.Open(b, backend)
			// A benchmark is one address filing thousands: no per-IP limit.
			cfg := config.Default()
			cfg.DataDir = b.TempDir() // PostgreSQL's attachments
			a, err := New(context.Background(), st, cfg, Options{ApplyBurst: -1, LookupBurst: -1})
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			ag, err := a.Agencies.Create(context.Background(), audit.CLI, agency.Agency{Name: "北仑区司法局"})
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(a.Handler)
			defer srv.Close()
			body := url.Values{"agency": {strconv.FormatInt(ag.ID, 10)}, "type": {"natural_person"}, "name": {"张三"},
				"id_number": {"11010519491231002X"}, "phone": {"13812345678"}, "content": {"法律援助经费使用情况"},
				"form": {"电子"}, "delivery": {"电子邮件"}}.Encode()
			// The filing answers 303 to the receipt page (post/redirect/get);
			// the benchmark times the filing only.
			c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			for b.Loop() {
				resp, err := c.Post(srv.URL+"/apply", "application/x-www-form-urlencoded", strings.NewReader(body))
				if err != nil {
					b.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusSeeOther {
					b.Fatalf("status %d", resp.StatusCode)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
		})
	}
}
