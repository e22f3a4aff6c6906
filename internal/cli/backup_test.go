package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/golden"
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
	_, errOut, code = gk(t, "--database-url", "postgres://u:pw@127.0.0.1:1/none", "backup", "--out", filepath.Join(t.TempDir(), "x"))
	if code != ExitFailure || !strings.Contains(errOut, "pg_dump") || !strings.Contains(errOut, "个人信息密钥不在此备份中") {
		t.Errorf("PostgreSQL: exit %d %q", code, errOut)
	}
}
