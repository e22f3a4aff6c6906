package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// cancelOn is a writer that cancels a context once text was written.
type cancelOn struct {
	bytes.Buffer
	text   string
	cancel func()
}

func (c *cancelOn) Write(p []byte) (int, error) {
	n, err := c.Buffer.Write(p)
	if strings.Contains(c.Buffer.String(), c.text) {
		c.cancel()
	}
	return n, err
}

func TestServeCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	tests := []struct {
		name    string
		args    []string
		code    int
		stdout  []string
		stderr  string
		started bool
		before  []string // a command run first (it must succeed), so the row stands alone
	}{
		{name: "both stores", args: []string{"serve", "--data", dir, "--database-url", "postgres://x/y"}, code: ExitUsage, stderr: "只能指定一个"},
		{name: "bad network", args: []string{"serve", "--data", dir, "--admin-allow", "nonsense"}, code: ExitUsage, stderr: "nonsense"},
		{name: "unknown flag", args: []string{"serve", "--nope"}, code: ExitUsage},
		{name: "https without a proxy", args: []string{"serve", "--data", dir, "--https"}, code: ExitUsage, stderr: "trusted_proxies"},
		{name: "stray argument", args: []string{"serve", "demo", "--data", dir}, code: ExitUsage, stderr: "用法 usage"},
		{name: "demo first start", args: []string{"--data", dir, "serve", "--demo", "--addr", "127.0.0.1:0"}, code: ExitOK,
			stdout: []string{"已初始化新数据库", "demo-clerk", "demo-auditadmin", "gongkai 已启动"}},
		{name: "demo second start", before: []string{"--data", dir, "serve", "--demo", "--addr", "127.0.0.1:0"},
			args: []string{"serve", "--data", dir, "--demo", "--addr", "127.0.0.1:0"}, code: ExitOK,
			stdout: []string{"演示数据已存在", "gongkai 已启动"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before != nil {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				var errb bytes.Buffer
				out := &cancelOn{text: "gongkai 已启动", cancel: cancel}
				if code := Main(ctx, tc.before, strings.NewReader(""), out, &errb); code != ExitOK {
					t.Fatalf("before %v: exit %d\n%s%s", tc.before, code, out.String(), errb.String())
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var errb bytes.Buffer
			out := &cancelOn{text: "gongkai 已启动", cancel: cancel} // stop once it serves
			code := Main(ctx, tc.args, strings.NewReader(""), out, &errb)
			if code != tc.code {
				t.Fatalf("exit %d; want %d\nstdout: %s\nstderr: %s", code, tc.code, out.String(), errb.String())
			}
			for _, w := range tc.stdout {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
			if tc.stderr != "" && !strings.Contains(errb.String(), tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, errb.String())
			}
		})
	}
}
