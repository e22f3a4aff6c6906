package audit_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2025-0001 事由：核对 11010519491231002X 身份", "2025-0001 事由：核对 110*************2X 身份"},
		{"电话13812345678请回电", "电话138******78请回电"},
		{"tel 8613812345678.", "tel 861********78."},
		{"旧证 110105491231002", "旧证 110**********02"},
		{"全角１３８１２３４５６７８", "全角１３８******７８"},
		{"head=a13812345678b rows=12", "head=a13812345678b rows=12"},             // inside a hash: not a number
		{"out=/tmp/x.db bytes=123456789012", "out=/tmp/x.db bytes=123456789012"}, // 12 digits: neither
		{"2025-0001 2026-03-02 granted 20个工作日", "2025-0001 2026-03-02 granted 20个工作日"},
		{"", ""},
	} {
		if got := audit.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestRecordRedactsDetail: whatever a caller puts in a detail, the stored
// row holds no identity or mobile number, and the chain still verifies.
func TestRecordRedactsDetail(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		l := &audit.Log{Store: s}
		ev := audit.CLI.Event("request.reveal", "request", 1, audit.ResultOK, "2025-0001 事由：申请人来电 13812345678，证件 11010519491231002X")
		if err := l.Record(ctx, ev); err != nil {
			t.Fatal(err)
		}
		evs, err := s.AuditEvents(ctx, 0, 10)
		if err != nil || len(evs) != 1 {
			t.Fatalf("events: %v, %v", evs, err)
		}
		for _, secret := range []string{"13812345678", "11010519491231002X"} {
			if strings.Contains(evs[0].Detail, secret) {
				t.Errorf("stored detail %q holds %s", evs[0].Detail, secret)
			}
		}
		if _, err := l.Verify(ctx); err != nil {
			t.Errorf("verify after a redacted record: %v", err)
		}
	})
}

func FuzzRedact(f *testing.F) {
	f.Add("11010519491231002X 13812345678")
	f.Add("１３８１２３４５６７８")
	f.Fuzz(func(t *testing.T, s string) {
		out := audit.Redact(s)
		if audit.Redact(out) != out {
			t.Errorf("Redact not idempotent on %q", s)
		}
	})
}

// TestRecordTakesRequestID: an event recorded while serving an HTTP
// request carries that request's id (SECURITY.md E-AUD-02); an id the
// caller set is kept.
func TestRecordTakesRequestID(t *testing.T) {
	s := sqlstoretest.Open(t, sqlstoretest.SQLite)
	l := &audit.Log{Store: s}
	ctx := audit.WithRequestID(context.Background(), "0123456789abcdef")
	if err := l.Record(ctx, audit.CLI.Event("test.one", "", 0, audit.ResultOK, "")); err != nil {
		t.Fatal(err)
	}
	own := audit.Actor{Login: "x", RequestID: "fedcba9876543210"}
	if err := l.Record(ctx, own.Event("test.two", "", 0, audit.ResultOK, "")); err != nil {
		t.Fatal(err)
	}
	evs, err := s.AuditEvents(context.Background(), 0, 10)
	if err != nil || len(evs) != 2 {
		t.Fatalf("events: %v, %v", evs, err)
	}
	if evs[0].RequestID != "0123456789abcdef" || evs[1].RequestID != "fedcba9876543210" {
		t.Errorf("request ids %q, %q; want the context's, then the caller's", evs[0].RequestID, evs[1].RequestID)
	}
}
