package app

import (
	"context"
	"net/http"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestAuditRowsCarryRequestID: the audit row a web request writes has the
// id the response's X-Request-Id shows, so a row can be matched with its
// access-log line (SECURITY.md E-AUD-02).
func TestAuditRowsCarryRequestID(t *testing.T) {
	f := newFixture(t, sqlstoretest.Open(t, sqlstoretest.SQLite))
	r := f.do(f.client(), "POST", "/admin/login", "login=clerk&password=wrong", nil)
	if r.status != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d; want 401", r.status)
	}
	id := r.header.Get("X-Request-Id")
	if id == "" {
		t.Fatal("no X-Request-Id on the response") // an empty filter would match every row
	}
	evs, err := f.app.Store.SearchAudit(context.Background(), audit.Filter{Action: audit.ActLoginFail, RequestID: id})
	if err != nil || len(evs) != 1 {
		t.Fatalf("login.fail rows with request id %q: %d, %v; want 1", id, len(evs), err)
	}
	if evs[0].RequestID != id {
		t.Errorf("row request id %q; want %q", evs[0].RequestID, id)
	}
}
