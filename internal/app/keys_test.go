package app

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// sealSomething stores a staff TOTP secret sealed with kr, so that the
// database holds sealed data.
func sealSomething(t *testing.T, st *sqlstore.Store, kr *pii.Keyring) {
	t.Helper()
	ctx := context.Background()
	log := &audit.Log{Store: st}
	ags, err := agency.NewService(st, log)
	if err != nil {
		t.Fatal(err)
	}
	ag, err := ags.Create(ctx, audit.CLI, agency.Agency{Name: "北仑区司法局"})
	if err != nil {
		t.Fatal(err)
	}
	settings, _ := auth.NewSettings("dengbao", 5, 15*time.Minute, false)
	svc, err := auth.NewService(st, log, settings)
	if err != nil {
		t.Fatal(err)
	}
	svc.Secrets = kr
	u, _, err := svc.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: ag.ID, Login: "head", Roles: []account.Role{account.Head}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.BeginTOTP(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
}

// TestPIIKeyNeverRegenerated (#10 item 2): on both databases, a server
// whose key file is missing while the database holds sealed data refuses
// to start, names the key id it needs and makes no new key; a different
// key is refused the same way; the key file of a relative pii_key_file
// is found in the data directory whatever the working directory.
func TestPIIKeyNeverRegenerated(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		now := time.Now()
		cfg := configDefault()
		cfg.DataDir = t.TempDir()
		dir := KeyDir(st, cfg)
		keyFile := filepath.Join(dir, pii.DefaultKeyFile)
		none := env()

		// First start: no key, no sealed data: the key is made.
		kr, err := LoadPIIKeys(ctx, st, cfg, none, now)
		if err != nil {
			t.Fatalf("first start: %v", err)
		}
		if _, err := os.Stat(keyFile); err != nil {
			t.Fatalf("first start made no key file: %v", err)
		}
		sealSomething(t, st, kr)
		text, err := os.ReadFile(keyFile)
		if err != nil {
			t.Fatal(err)
		}

		// The key file is lost (started from elsewhere, not restored).
		if err := os.Remove(keyFile); err != nil {
			t.Fatal(err)
		}
		_, err = LoadPIIKeys(ctx, st, cfg, none, now)
		if err == nil || !strings.Contains(ErrorText(err), kr.KeyID()) || !strings.Contains(ErrorText(err), "is missing") {
			t.Fatalf("start without the key: %v; want a refusal naming key %s", err, kr.KeyID())
		}
		if _, err := os.Stat(keyFile); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("a new key file was made while sealed data exists (stat: %v)", err)
		}

		// Another key in the environment is refused, naming both ids.
		_, other, _ := pii.GenerateKey()
		_, err = LoadPIIKeys(ctx, st, cfg, env(pii.EnvKey, other), now)
		if err == nil || !strings.Contains(ErrorText(err), kr.KeyID()) || !strings.Contains(ErrorText(err), "does not match") {
			t.Fatalf("start with another key: %v; want a refusal naming key %s", err, kr.KeyID())
		}

		// Without a check value (a database sealed before the check
		// existed), the sealed data itself names the key.
		if _, err := st.DB().ExecContext(ctx, "DELETE FROM key_checks"); err != nil {
			t.Fatal(err)
		}
		_, err = LoadPIIKeys(ctx, st, cfg, none, now)
		if err == nil || !strings.Contains(err.Error(), kr.KeyID()) {
			t.Fatalf("start without the key nor a check value: %v; want a refusal naming key %s", err, kr.KeyID())
		}
		_, err = LoadPIIKeys(ctx, st, cfg, env(pii.EnvKey, other), now)
		if err == nil || !strings.Contains(err.Error(), kr.KeyID()) {
			t.Fatalf("another key, no check value: %v; want a refusal naming key %s", err, kr.KeyID())
		}

		// The right key as a relative pii_key_file: found in the data
		// directory though the working directory is elsewhere.
		raw := strings.TrimSpace(string(text))
		if err := os.MkdirAll(filepath.Join(dir, "keys"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "keys", "pii.key"), []byte(raw+"\n"), 0o400); err != nil {
			t.Fatal(err)
		}
		t.Chdir(t.TempDir())
		cfg.PIIKeyFile = filepath.Join("keys", "pii.key")
		got, err := LoadPIIKeys(ctx, st, cfg, none, now)
		if err != nil || got.KeyID() != kr.KeyID() {
			t.Fatalf("relative pii_key_file: %v; want key %s from the data directory", err, kr.KeyID())
		}
		if v, ok, _ := st.KeyCheck(ctx, "pii"); !ok || v != kr.Check() {
			t.Fatalf("check value after the upgrade start: %+v, %v; want the key's", v, ok)
		}
	})
}

// TestAuditKeyChecked: the audit key is made on first start only; once
// the database has its check value, a missing or different audit key
// refuses the start and names the key id (#10 items 2 and 4).
func TestAuditKeyChecked(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		cfg := configDefault()
		cfg.DataDir = t.TempDir()
		k, err := LoadAuditKey(ctx, st, cfg, env(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		path := AuditKeyPath(st, cfg)
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o400 {
			t.Fatalf("audit key file: %v, %v; want mode 400", fi, err)
		}
		again, err := LoadAuditKey(ctx, st, cfg, env(), time.Now())
		if err != nil || again.ID != k.ID {
			t.Fatalf("second start: %v, key %v; want the same key %s", err, again, k.ID)
		}
		_, other, _ := audit.GenerateKey()
		if _, err := LoadAuditKey(ctx, st, cfg, env(EnvAuditKey, other), time.Now()); err == nil || !strings.Contains(err.Error(), k.ID) {
			t.Fatalf("another audit key: %v; want a refusal naming %s", err, k.ID)
		}
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadAuditKey(ctx, st, cfg, env(), time.Now()); err == nil || !strings.Contains(err.Error(), k.ID) {
			t.Fatalf("missing audit key: %v; want a refusal naming %s", err, k.ID)
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Fatal("a new audit key was made although the database has a check value")
		}
	})
}
