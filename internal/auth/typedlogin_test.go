package auth_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestUnknownLoginAudit: what is typed into the login field of a failed
// sign-in reaches the immutable audit log only masked: a phone or ID
// number by audit.Redact, a password-like string as its length.
func TestUnknownLoginAudit(t *testing.T) {
	s := sqlstoretest.Open(t, sqlstoretest.SQLite)
	f := setup(t, s)
	ctx := context.Background()
	for _, tc := range []struct{ typed, secret, want string }{
		{"13812345678", "13812345678", "138******78"},
		{"My secret pass!", "secret", "(invalid, 15 chars)"},
		{"nobody", "", "nobody"},
	} {
		if _, err := f.svc.Login(ctx, auth.LoginInput{Login: tc.typed, Password: "x", IP: "192.0.2.1"}); err != auth.ErrBadCredentials {
			t.Fatalf("login %q: %v; want ErrBadCredentials", tc.typed, err)
		}
		evs, err := s.AuditEvents(ctx, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		got := evs[len(evs)-1].ActorLogin
		if got != tc.want || (tc.secret != "" && strings.Contains(got, tc.secret)) {
			t.Errorf("typed %q: audit actor %q; want %q", tc.typed, got, tc.want)
		}
	}
}
