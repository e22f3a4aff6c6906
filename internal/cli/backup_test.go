package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestBackupKeyNotice checks what `gongkai backup` says about the
// personal-data key in each place the key can come from; the data
// directory is written as DATA in the golden file.
func TestBackupKeyNotice(t *testing.T) {
	dir := t.TempDir()
	withKey := filepath.Join(dir, "withkey")
	os.MkdirAll(withKey, 0o700)
	os.WriteFile(filepath.Join(withKey, "pii.key"), []byte("00112233445566778899aabbccddeeff\n"), 0o400)
	tests := []struct {
		name    string
		data    string
		keyFile string
		env     map[string]string
	}{
		{"default key not created yet", filepath.Join(dir, "empty"), "", nil},
		{"default key file", withKey, "", nil},
		{"key in the environment", withKey, "", map[string]string{"GONGKAI_PII_KEY": "00112233445566778899aabbccddeeff"}},
		{"key file from the environment, missing", withKey, "", map[string]string{"GONGKAI_PII_KEY_FILE": filepath.Join(dir, "gone.key")}},
		{"key file from the configuration", withKey, filepath.Join(withKey, "pii.key"), nil},
		{"old keys too", withKey, "", map[string]string{"GONGKAI_PII_OLD_KEYS": "ffeeddccbbaa99887766554433221100"}},
	}
	var all bytes.Buffer
	for _, tt := range tests {
		cfg := config.Default()
		cfg.DataDir, cfg.PIIKeyFile = tt.data, tt.keyFile
		var b bytes.Buffer
		keyNotice(&b, cfg, func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
		out := b.String()
		if !strings.Contains(out, "无法读取") || !strings.Contains(out, "cannot be read") || strings.Contains(out, "00112233") {
			t.Errorf("%s: notice lacks the consequence or shows a key:\n%s", tt.name, out)
		}
		all.WriteString("== " + tt.name + "\n" + strings.ReplaceAll(out, dir, "DATA"))
	}
	golden.Check(t, filepath.Join("testdata", "backup", "key-notice.golden"), all.Bytes())
}

// TestBackupPrintsKeyNotice runs the command: after a successful backup
// it names the key file beside the database; on PostgreSQL the pg_dump
// help carries the same warning.
func TestBackupPrintsKeyNotice(t *testing.T) {
	cleanEnv(t)
	for _, k := range []string{"GONGKAI_PII_KEY", "GONGKAI_PII_KEY_FILE", "GONGKAI_PII_OLD_KEYS"} {
		t.Setenv(k, "")
	}
	dir := migrated(t)
	out, errOut, code := gk(t, "--data", dir, "backup", "--out", filepath.Join(t.TempDir(), "b.db"))
	if code != ExitOK || !strings.Contains(out, "个人信息密钥不在此备份中") || !strings.Contains(out, filepath.Join(dir, "pii.key")) ||
		!strings.Contains(out, "cannot be read") {
		t.Errorf("backup: exit %d\n%s%s", code, out, errOut)
	}
	if i, j := strings.Index(out, "integrity_check ok"), strings.Index(out, "个人信息密钥"); i < 0 || j < i {
		t.Errorf("the key notice must follow the backup's success line:\n%s", out)
	}
	// The attachments are named, with the order of the copy.
	if !strings.Contains(out, filepath.Join(dir, "blobs")) || !strings.Contains(out, "right after the database") {
		t.Errorf("backup does not say to copy the blob directory after the database:\n%s", out)
	}
	_, errOut, code = gk(t, "--database-url", "postgres://u:pw@127.0.0.1:1/none", "backup", "--out", filepath.Join(t.TempDir(), "x"))
	if code != ExitFailure || !strings.Contains(errOut, "pg_dump") || !strings.Contains(errOut, "个人信息密钥不在此备份中") {
		t.Errorf("PostgreSQL: exit %d %q", code, errOut)
	}
}

// TestBackupKeys: `backup --keys-out` writes the personal-data and audit
// keys to their own 0600 file with a warning to keep it apart; a database
// restored into a new data directory with those keys put back as files
// verifies, and without them refuses and names the audit key it needs
// (#10 item 2).
func TestBackupKeys(t *testing.T) {
	dir := migrated(t)
	gk(t, "--data", dir, "agency", "add", "--name", "宁波市")
	_, piiText, _ := pii.GenerateKey()
	if err := os.WriteFile(filepath.Join(dir, pii.DefaultKeyFile), []byte(piiText+"\n"), 0o400); err != nil {
		t.Fatal(err)
	}
	bdir, kdir := t.TempDir(), t.TempDir()
	db, keys := filepath.Join(bdir, "gongkai.db"), filepath.Join(kdir, "gongkai.keys")
	out, errOut, code := gk(t, "--data", dir, "backup", "--out", db, "--keys-out", keys)
	if code != 0 || !strings.Contains(out, "keys written") || !strings.Contains(out, "apart") {
		t.Fatalf("backup --keys-out: exit %d %q %q", code, out, errOut)
	}
	fi, err := os.Stat(keys)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key backup: %v %v; want mode 600", fi, err)
	}
	b, _ := os.ReadFile(keys)
	vals := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			vals[k] = v
		}
	}
	if vals[pii.EnvKey] != piiText || vals[app.EnvAuditKey] != testAuditKeyHex {
		t.Fatalf("key backup holds %v; want the pii key of DATA/pii.key and the audit key", vals)
	}

	// Restore into a new data directory, keys from files this time.
	t.Setenv(app.EnvAuditKey, "")
	restored := t.TempDir()
	raw, _ := os.ReadFile(db)
	if err := os.WriteFile(filepath.Join(restored, "gongkai.db"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = gk(t, "--data", restored, "audit", "verify")
	k, _ := audit.ParseKey(testAuditKeyHex)
	if code == 0 || !strings.Contains(out+errOut, k.ID) {
		t.Fatalf("verify without the keys: exit %d %q; want a refusal naming audit key %s", code, out, k.ID)
	}
	if _, err := os.Stat(filepath.Join(restored, audit.DefaultKeyFile)); err == nil {
		t.Fatal("a new audit key was made in the restored directory")
	}
	for name, v := range map[string]string{pii.DefaultKeyFile: vals[pii.EnvKey], audit.DefaultKeyFile: vals[app.EnvAuditKey]} {
		if err := os.WriteFile(filepath.Join(restored, name), []byte(v+"\n"), 0o400); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code = gk(t, "--data", restored, "audit", "verify")
	if code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("verify after restoring the keys: exit %d %q %q", code, out, errOut)
	}
}

// TestBackupKeysPostgres: on PostgreSQL, `backup --keys-out` alone backs
// the keys up (the database is pg_dump's) and exits 0.
func TestBackupKeysPostgres(t *testing.T) {
	cleanEnv(t)
	dsn := sqlstoretest.PostgresDB(t)
	t.Setenv("GONGKAI_DATA", t.TempDir())
	if _, errOut, code := gk(t, "--database-url", dsn, "migrate"); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	keys := filepath.Join(t.TempDir(), "gongkai.keys")
	out, errOut, code := gk(t, "--database-url", dsn, "backup", "--keys-out", keys)
	if code != 0 || !strings.Contains(out, "keys written") || !strings.Contains(out, "pg_dump") {
		t.Fatalf("backup --keys-out on PostgreSQL: exit %d %q %q", code, out, errOut)
	}
	b, _ := os.ReadFile(keys)
	if !strings.Contains(string(b), app.EnvAuditKey+"="+testAuditKeyHex) {
		t.Fatalf("key backup %q lacks the audit key", b)
	}
	if _, _, code := gk(t, "--database-url", dsn, "backup"); code == 0 {
		t.Fatal("backup on PostgreSQL without --keys-out exited 0")
	}
}
