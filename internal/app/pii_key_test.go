package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestServerKeyFromConfig: the server seals with the key file the
// configuration names (pii_key_file), the same key the command line uses,
// and never makes a second key beside the database; staff TOTP secrets
// are sealed with it too (SECURITY.md C-05, E-DC-02).
func TestServerKeyFromConfig(t *testing.T) {
	t.Setenv(pii.EnvKey, "") // TestMain gives the package a key in the environment, which would win
	st := sqlstoretest.Open(t, sqlstoretest.SQLite)
	k, text, err := pii.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "gongkai-pii.key")
	if err := os.WriteFile(keyFile, []byte(text+"\n"), 0o400); err != nil {
		t.Fatal(err)
	}
	cfg := configDefault()
	cfg.PIIKeyFile = keyFile
	a, err := New(context.Background(), st, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := os.Stat(filepath.Join(filepath.Dir(st.Where()), pii.DefaultKeyFile)); err == nil {
		t.Error("the server made its own pii.key beside the database instead of using pii_key_file")
	}

	ctx := context.Background()
	ag, err := a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区司法局"})
	if err != nil {
		t.Fatal(err)
	}
	u, _, err := a.Auth.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: ag.ID, Login: "head", Roles: []account.Role{account.Head}})
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := a.Auth.BeginTOTP(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.TOTPSecret, "sm4gcm:"+k.ID) {
		t.Fatalf("stored TOTP secret %q; want sealed with key %s", got.TOTPSecret, k.ID)
	}
	if open, err := pii.NewKeyring(k).Open(got.TOTPSecret); err != nil || open != secret {
		t.Errorf("the configured key opens the stored secret as %q, %v; want the secret", open, err)
	}

	cfg.PIIKeyFile = filepath.Join(t.TempDir(), "missing.key")
	if _, err := New(context.Background(), st, cfg, Options{}); err == nil {
		t.Error("New with a missing pii_key_file succeeded; want an error (never a new key)")
	}
}
