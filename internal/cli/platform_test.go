package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// gk runs the command line with args and returns stdout, stderr and the
// exit code.
func gk(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// cleanEnv keeps the developer's GONGKAI_* variables out of the test.
func cleanEnv(t *testing.T) {
	for _, k := range []string{"GONGKAI_DATA", "GONGKAI_DATABASE_URL", "GONGKAI_CONFIG", "GONGKAI_LEVEL", "GONGKAI_REQUIRE_TOTP",
		"GONGKAI_HTTPS", "GONGKAI_ADMIN_ALLOW", "GONGKAI_TRUSTED_PROXIES", "GONGKAI_ADDR"} {
		t.Setenv(k, "")
	}
	// One known audit key, so a test can check the chain the commands
	// wrote with its own audit.Log (testAuditLog).
	t.Setenv(app.EnvAuditKey, testAuditKeyHex)
}

const testAuditKeyHex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// testAuditLog returns an audit log on st keyed like the commands'.
func testAuditLog(t *testing.T, st *sqlstore.Store) *audit.Log {
	t.Helper()
	k, err := audit.ParseKey(testAuditKeyHex)
	if err != nil {
		t.Fatal(err)
	}
	return &audit.Log{Store: st, Key: k}
}

// migrated returns a data directory with a migrated database.
func migrated(t *testing.T) string {
	t.Helper()
	cleanEnv(t)
	dir := t.TempDir()
	if out, errOut, code := gk(t, "--data", dir, "migrate"); code != 0 {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errOut)
	}
	return dir
}

var otpRE = regexp.MustCompile(`one-time password: (\S+)`)

func TestMigrateAndSchemaCheck(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	_, errOut, code := gk(t, "--data", dir, "agency", "list")
	if code != ExitFailure || !strings.Contains(errOut, "gongkai migrate") {
		t.Fatalf("agency list on an empty database: exit %d, %q; want 1 naming gongkai migrate", code, errOut)
	}
	out, _, code := gk(t, "migrate", "--data", dir)
	if code != 0 || !strings.Contains(out, "00001_core.sql") || !strings.Contains(out, "schema migrated") {
		t.Fatalf("migrate: exit %d, %q", code, out)
	}
	out, _, code = gk(t, "--data", dir, "migrate")
	if code != 0 || !strings.Contains(out, "schema up to date") {
		t.Fatalf("second migrate: exit %d, %q", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "gongkai.db")); err != nil {
		t.Fatalf("no gongkai.db in --data dir: %v", err)
	}
	t.Setenv("GONGKAI_DATA", dir) // the environment works as well as the flag
	if _, errOut, code := gk(t, "agency", "list"); code != 0 {
		t.Fatalf("agency list with GONGKAI_DATA: exit %d, %s", code, errOut)
	}
}

func TestAgencyCommands(t *testing.T) {
	dir := migrated(t)
	steps := []struct {
		args     []string
		code     int
		stdout   string
		stderr   string
		positive bool
	}{
		{[]string{"--data", dir, "agency", "add", "--name", "宁波市"}, 0, "added agency 1: 宁波市", "", true},
		{[]string{"--data", dir, "agency", "add", "--name", "北仑区", "--parent", "宁波市"}, 0, "added agency 2", "", true},
		{[]string{"agency", "add", "--name", "北仑区司法局", "--parent", "北仑区", "--data", dir}, 0, "北仑区司法局", "", true},
		{[]string{"--data", dir, "agency", "add", "--name", "北仑区"}, ExitFailure, "", "已存在", true},
		{[]string{"--data", dir, "agency", "add", "--name", "北仑区人民政府", "--parent", "北仑区"}, 0, "北仑区人民政府（人民政府）", "", true},
		{[]string{"--data", dir, "agency", "add", "--name", "北仑区政务公开办", "--parent", "北仑区", "--kind", "其他", "--no-report"}, 0, "（其他）", "", true},
		{[]string{"--data", dir, "agency", "add", "--name", "Y", "--kind", "局"}, ExitFailure, "", "应为 人民政府", true},
		{[]string{"--data", dir, "agency", "add", "--name", "X", "--parent", "不存在"}, ExitFailure, "", "机关不存在", true},
		{[]string{"--data", dir, "agency", "add"}, ExitUsage, "", "用法", true},
		{[]string{"--data", dir, "agency", "rename"}, ExitUsage, "", "用法", true},
		{[]string{"--data", dir, "agency", "list"}, 0, "1  宁波市  [部门]\n  2  北仑区  [部门]\n    3  北仑区司法局  [部门]\n    4  北仑区人民政府  [人民政府]\n    5  北仑区政务公开办  [其他]  (不编制年报 no report)\n", "", true},
	}
	for _, s := range steps {
		out, errOut, code := gk(t, s.args...)
		if code != s.code || !strings.Contains(out, s.stdout) || !strings.Contains(errOut, s.stderr) {
			t.Errorf("gongkai %s: exit %d\nstdout %q\nstderr %q\nwant exit %d, stdout with %q, stderr with %q",
				strings.Join(s.args, " "), code, out, errOut, s.code, s.stdout, s.stderr)
		}
	}
}

func TestUserCommands(t *testing.T) {
	dir := migrated(t)
	gk(t, "--data", dir, "agency", "add", "--name", "北仑区司法局")
	out, errOut, code := gk(t, "--data", dir, "user", "add", "--agency", "北仑区司法局", "--name", "ZhangSan", "--role", "clerk,审核人", "--display-name", "张三")
	if code != 0 {
		t.Fatalf("user add: exit %d %s", code, errOut)
	}
	m := otpRE.FindStringSubmatch(out)
	if m == nil || !strings.Contains(out, "zhangsan") || !strings.Contains(out, "经办人") {
		t.Fatalf("user add output %q; want the login, roles and a one-time password", out)
	}
	pw := m[1]

	// The printed password logs in and must be changed.
	st, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(dir, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	settings, _ := auth.NewSettings("dengbao", 5, 15*time.Minute, false)
	svc, err := auth.NewService(st, testAuditLog(t, st), settings)
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Login(context.Background(), auth.LoginInput{Login: "zhangsan", Password: pw})
	if err != nil || !res.MustChangePassword {
		t.Fatalf("login with printed password = %+v, %v; want MustChangePassword", res, err)
	}

	refused := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"user", "add", "--agency", "北仑区司法局", "--name", "a1", "--role", "sysadmin,auditadmin"}, ExitUsage, "三员分立"},
		{[]string{"user", "add", "--agency", "北仑区司法局", "--name", "a2", "--role", "god"}, ExitUsage, "未知角色"},
		{[]string{"user", "add", "--agency", "北仑区司法局", "--name", "zhangsan", "--role", "clerk"}, ExitFailure, "登录名已存在"},
		{[]string{"user", "add", "--agency", "无此机关", "--name", "a3", "--role", "clerk"}, ExitFailure, "机关不存在"},
		{[]string{"user", "add", "--name", "a4"}, ExitUsage, "用法"},
		{[]string{"user", "disable", "nobody"}, ExitFailure, "账户不存在"},
	}
	for _, r := range refused {
		_, errOut, code := gk(t, append([]string{"--data", dir}, r.args...)...)
		if code != r.code || !strings.Contains(errOut, r.msg) {
			t.Errorf("gongkai %s: exit %d %q; want %d with %q", strings.Join(r.args, " "), code, errOut, r.code, r.msg)
		}
	}

	out, _, code = gk(t, "--data", dir, "user", "reset", "zhangsan")
	m = otpRE.FindStringSubmatch(out)
	if code != 0 || m == nil || m[1] == pw {
		t.Fatalf("user reset: exit %d %q; want a new one-time password", code, out)
	}
	if _, err := svc.Login(context.Background(), auth.LoginInput{Login: "zhangsan", Password: pw}); err == nil {
		t.Error("old password works after reset")
	}
	if _, err := svc.Login(context.Background(), auth.LoginInput{Login: "zhangsan", Password: m[1]}); err != nil {
		t.Errorf("reset password does not work: %v", err)
	}
	out, _, code = gk(t, "user", "disable", "zhangsan", "--data", dir)
	if code != 0 || !strings.Contains(out, "disabled user zhangsan") {
		t.Fatalf("user disable: exit %d %q", code, out)
	}
	if _, err := svc.Login(context.Background(), auth.LoginInput{Login: "zhangsan", Password: m[1]}); err != auth.ErrBadCredentials {
		t.Errorf("disabled account login err = %v; want ErrBadCredentials", err)
	}
	out, _, _ = gk(t, "--data", dir, "user", "list")
	if !strings.Contains(out, "zhangsan") || !strings.Contains(out, "停用") {
		t.Errorf("user list = %q; want zhangsan disabled", out)
	}
}

func TestAuditVerifyCommand(t *testing.T) {
	dir := migrated(t)
	gk(t, "--data", dir, "agency", "add", "--name", "宁波市")
	gk(t, "--data", dir, "agency", "add", "--name", "北仑区", "--parent", "宁波市")
	out, _, code := gk(t, "--data", dir, "audit", "verify")
	if code != 0 || !strings.Contains(out, "audit log intact: 3 rows") {
		t.Fatalf("audit verify: exit %d %q; want 0 and 3 rows (migrate + 2 agencies)", code, out)
	}
	// Change row 2 directly in the SQLite file, as someone with access to
	// the disk could: drop the trigger, then UPDATE.
	db, err := sql.Open("sqlite", filepath.Join(dir, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET detail = '宁波市(伪造)' WHERE id = 2"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	out, _, code = gk(t, "--data", dir, "audit", "verify")
	if code != ExitFailure || !strings.Contains(out, "row 2") || !strings.Contains(out, "modified") {
		t.Fatalf("audit verify after tampering: exit %d %q; want 1 naming row 2", code, out)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := migrated(t)
	gk(t, "--data", dir, "agency", "add", "--name", "宁波市")
	dst := filepath.Join(t.TempDir(), "gongkai-backup.db")
	out, errOut, code := gk(t, "--data", dir, "backup", "--out", dst)
	if code != 0 || !strings.Contains(out, "integrity_check ok") {
		t.Fatalf("backup: exit %d %q %q", code, out, errOut)
	}
	// The backup is a working data directory of its own.
	restored := t.TempDir()
	b, _ := os.ReadFile(dst)
	os.WriteFile(filepath.Join(restored, "gongkai.db"), b, 0o600)
	out, _, code = gk(t, "--data", restored, "agency", "list")
	if code != 0 || !strings.Contains(out, "宁波市") {
		t.Fatalf("agency list on the restored copy: exit %d %q", code, out)
	}
	if _, errOut, code := gk(t, "--data", dir, "backup", "--out", dst); code != ExitFailure || !strings.Contains(errOut, "已存在") {
		t.Errorf("backup over an existing file: exit %d %q; want 1", code, errOut)
	}
	_, errOut, code = gk(t, "--database-url", "postgres://u:pw@127.0.0.1:1/none", "backup", "--out", dst)
	if code != ExitFailure || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup on PostgreSQL: exit %d %q; want 1 explaining pg_dump", code, errOut)
	}
}

func TestConfigDump(t *testing.T) {
	cleanEnv(t)
	t.Setenv("GONGKAI_DATABASE_URL", "postgres://gongkai:TopSecret@db.internal/gk")
	out, _, code := gk(t, "config", "dump")
	if code != 0 || strings.Contains(out, "TopSecret") || !strings.Contains(out, "postgres://gongkai:xxxxx@db.internal/gk") {
		t.Fatalf("config dump: exit %d\n%s\nwant the URL with its password masked", code, out)
	}
	out, _, _ = gk(t, "--data", "/srv/gongkai", "config", "dump")
	if !strings.Contains(out, `"/srv/gongkai"`) || !strings.Contains(out, `database_url         = ""`) {
		t.Errorf("--data did not override GONGKAI_DATABASE_URL:\n%s", out)
	}
	if _, errOut, code := gk(t, "--data", "x", "--database-url", "postgres://h/d", "config", "dump"); code != ExitUsage || !strings.Contains(errOut, "只能指定一个") {
		t.Errorf("both flags: exit %d %q; want 2", code, errOut)
	}
	t.Setenv("GONGKAI_HTTPS", "true")
	t.Setenv("GONGKAI_TRUSTED_PROXIES", "127.0.0.1")
	t.Setenv("GONGKAI_ADMIN_ALLOW", "10.0.0.0/8,192.168.1.5")
	out, _, _ = gk(t, "config", "dump")
	for _, want := range []string{`https                = "true"`, "# GONGKAI_HTTPS", `admin_allow          = "10.0.0.0/8,192.168.1.5"`, "# GONGKAI_ADMIN_ALLOW"} {
		if !strings.Contains(out, want) {
			t.Errorf("config dump lacks %q:\n%s", want, out)
		}
	}
	t.Setenv("GONGKAI_ADMIN_ALLOW", "intranet")
	if _, errOut, code := gk(t, "config", "dump"); code != ExitUsage || !strings.Contains(errOut, "intranet") {
		t.Errorf("admin_allow intranet: exit %d %q; want 2 naming it", code, errOut)
	}
	t.Setenv("GONGKAI_ADMIN_ALLOW", "")
	t.Setenv("GONGKAI_LEVEL", "3")
	if _, errOut, code := gk(t, "config", "dump"); code != ExitUsage || !strings.Contains(errOut, "require_totp") {
		t.Errorf("level 3 without TOTP: exit %d %q; want 2 naming require_totp", code, errOut)
	}
}

// TestAuditVerifyCheckpoints: `audit verify` writes a checkpoint to
// DATA/audit.checkpoints, and a later run names the rows deleted from the
// end of the log behind the application's back, which the chain alone
// cannot show (#10 item 4).
func TestAuditVerifyCheckpoints(t *testing.T) {
	dir := migrated(t)
	for _, name := range []string{"宁波市", "北仑区", "镇海区", "江北区"} {
		gk(t, "--data", dir, "agency", "add", "--name", name)
	}
	out, _, code := gk(t, "--data", dir, "audit", "verify")
	if code != 0 || !strings.Contains(out, "5 rows (5 keyed)") || !strings.Contains(out, "no checkpoints") {
		t.Fatalf("first verify: exit %d %q; want 5 keyed rows and a note that there are no checkpoints", code, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "audit.checkpoints"))
	if err != nil || !strings.Contains(string(b), "rows=6 ") {
		t.Fatalf("checkpoint file: %q, %v; want a checkpoint of 6 rows (with the verify event)", b, err)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE id > 3"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	out, _, code = gk(t, "--data", dir, "audit", "verify")
	if code != ExitFailure || !strings.Contains(out, "rows 4 to 6 are missing") {
		t.Fatalf("verify after deleting the tail: exit %d %q; want 1 naming rows 4 to 6", code, out)
	}
}
