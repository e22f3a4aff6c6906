package cli

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

var secretRE = regexp.MustCompile(`^gkapi_[a-z0-9]{52}\n$`)

// TestTokenCommands issues, lists and revokes an API token through
// cli.Main on both databases, and checks that the secret is printed once,
// stored only as a hash, accepted until revoked and that both changes are
// in the audit log.
func TestTokenCommands(t *testing.T) {
	for _, backend := range sqlstoretest.Names {
		t.Run(backend, func(t *testing.T) {
			cleanEnv(t)
			ctx := context.Background()
			var where []string
			var st *sqlstore.Store
			var err error
			if backend == sqlstoretest.Postgres {
				dsn := sqlstoretest.PostgresDB(t)
				where = []string{"--database-url", dsn}
				// The audit key and checkpoints live in the data directory.
				t.Setenv("GONGKAI_DATA", t.TempDir())
				defer func() { st.Close() }()
				if _, errOut, code := gk(t, append(where, "migrate")...); code != 0 {
					t.Fatalf("migrate: %s", errOut)
				}
				st, err = sqlstore.OpenPostgres(ctx, dsn)
			} else {
				dir := migrated(t)
				where = []string{"--data", dir}
				st, err = sqlstore.OpenSQLite(ctx, filepath.Join(dir, "gongkai.db"))
				defer func() { st.Close() }()
			}
			if err != nil {
				t.Fatal(err)
			}
			run := func(args ...string) (string, string, int) {
				return gk(t, append(append([]string{}, where...), args...)...)
			}
			if _, errOut, code := run("agency", "add", "--name", "北仑区司法局"); code != 0 {
				t.Fatalf("agency add: %s", errOut)
			}

			out, errOut, code := run("token", "list")
			if code != 0 || !strings.Contains(out, "尚无令牌") {
				t.Errorf("empty list: exit %d %q", code, out)
			}
			out, errOut, code = run("token", "add", "--agency", "北仑区司法局", "--name", "市政务公开平台")
			if code != 0 || !secretRE.MatchString(out) || !strings.Contains(errOut, "只显示这一次") {
				t.Fatalf("token add: exit %d, stdout %q, stderr %q; want the secret alone on stdout", code, out, errOut)
			}
			secret := strings.TrimSpace(out)

			out, _, code = run("token", "list")
			if code != 0 || !strings.Contains(out, "市政务公开平台") || !strings.Contains(out, "北仑区司法局") ||
				!strings.Contains(out, "有效 active") || strings.Contains(out, secret) {
				t.Errorf("token list: exit %d %q; want the token, its agency, active, no secret", code, out)
			}
			svc, err := apitoken.NewService(st, testAuditLog(t, st))
			if err != nil {
				t.Fatal(err)
			}
			tok, err := svc.Authenticate(ctx, secret)
			if err != nil || tok.Hash == secret {
				t.Fatalf("the printed secret does not authenticate: %+v, %v", tok, err)
			}

			refused := []struct {
				args []string
				code int
				msg  string
			}{
				{[]string{"token", "add", "--name", "x"}, ExitUsage, "用法"},
				{[]string{"token", "add", "--agency", "无此机关", "--name", "x"}, ExitFailure, "机关不存在"},
				{[]string{"token", "revoke"}, ExitUsage, "用法"},
				{[]string{"token", "revoke", "abc"}, ExitUsage, "用法"},
				{[]string{"token", "revoke", "999"}, ExitFailure, "令牌不存在"},
				{[]string{"token", "frobnicate"}, ExitUsage, "用法"},
			}
			for _, r := range refused {
				_, errOut, code := run(r.args...)
				if code != r.code || !strings.Contains(errOut, r.msg) {
					t.Errorf("gongkai %s: exit %d %q; want %d with %q", strings.Join(r.args, " "), code, errOut, r.code, r.msg)
				}
			}

			out, _, code = run("token", "revoke", strconv.FormatInt(tok.ID, 10))
			if code != 0 || !strings.Contains(out, "revoked token") {
				t.Fatalf("token revoke: exit %d %q", code, out)
			}
			if _, err := svc.Authenticate(ctx, secret); err == nil {
				t.Error("a revoked token still authenticates")
			}
			if _, errOut, code := run("token", "revoke", strconv.FormatInt(tok.ID, 10)); code != ExitFailure || !strings.Contains(errOut, "已吊销") {
				t.Errorf("second revoke: exit %d %q; want 1", code, errOut)
			}
			if out, _, _ := run("token", "list"); !strings.Contains(out, "已吊销 revoked") || !strings.Contains(out, "最近使用") {
				t.Errorf("token list after revoke = %q; want revoked", out)
			}
			evs, err := st.SearchAudit(ctx, audit.Filter{Action: "api.token."})
			if err != nil || len(evs) != 2 || evs[0].Action != apitoken.ActRevoke || evs[1].Action != apitoken.ActCreate || evs[0].ActorLogin != "cli" {
				t.Errorf("audit = %+v, %v; want create and revoke by cli", evs, err)
			}
		})
	}
}
