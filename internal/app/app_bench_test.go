package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// benchApp is the whole handler (every middleware) on a migrated SQLite
// store, with an API token of the first agency.
func benchApp(b *testing.B) (*App, string) {
	b.Helper()
	st := sqlstoretest.Open(b, sqlstoretest.SQLite)
	a, err := New(context.Background(), st, config.Default(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(a.Close)
	ag, err := a.Agencies.Add(context.Background(), audit.CLI, "宁波市人民政府", "")
	if err != nil {
		b.Fatal(err)
	}
	_, secret, err := a.Tokens.Issue(context.Background(), audit.CLI, "bench", ag.ID)
	if err != nil {
		b.Fatal(err)
	}
	return a, secret
}

func BenchmarkPortalHomeFullStack(b *testing.B) {
	a, _ := benchApp(b)
	r := httptest.NewRequest("GET", "/", nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		a.Handler.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
}

func BenchmarkAPIAgenciesFullStack(b *testing.B) {
	a, secret := benchApp(b)
	r := httptest.NewRequest("GET", "/api/v1/agencies", nil)
	r.Header.Set("Authorization", "Bearer "+secret)
	for b.Loop() {
		rec := httptest.NewRecorder()
		a.Handler.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
}
