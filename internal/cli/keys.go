package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/gongkai/gongkai/internal/app"
)

// runKeys rotates the personal-data key (#10 item 2):
//
//	gongkai keys rotate [--batch N]
//
// with the server stopped. It re-seals every sealed value under a new key
// in batches of N rows (one transaction each), keeps the old key readable
// until it is done and afterwards as KEYFILE.OLDID.retired, and resumes
// where it stopped when run again after a crash.
func runKeys(ctx context.Context, env Env) int {
	var sf storeFlags
	fs := flagSet("keys", env)
	sf.register(fs)
	batch := fs.Int("batch", 500, "每批重新加密的行数 / rows re-sealed per transaction")
	pos, err := parseAll(fs, env.Args)
	if err != nil {
		return fail(env.Stderr, "keys", err)
	}
	if len(pos) != 1 || pos[0] != "rotate" || *batch <= 0 {
		return usageError(env.Stderr, "gongkai [--data DIR | --database-url URL] keys rotate [--batch N]")
	}
	st, cfg, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "keys rotate", err)
	}
	defer st.Close()
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		return fail(env.Stderr, "keys rotate", err)
	}
	fmt.Fprintln(env.Stdout, "轮换期间请停止服务 / the server must be stopped while the key rotates")
	rot, err := app.RotatePIIKey(ctx, st, cfg, os.LookupEnv, *batch, log, env.Stdout)
	if err != nil {
		fmt.Fprintln(env.Stderr, "未完成：再次运行 gongkai keys rotate 从中断处继续 / unfinished: run gongkai keys rotate again to resume")
		return fail(env.Stderr, "keys rotate", err)
	}
	fmt.Fprintf(env.Stdout, "个人信息密钥已轮换 / personal-data key rotated: %s -> %s (%d rows re-sealed)\n", rot.OldID, rot.NewID, rot.Resealed)
	if rot.Retired != "" {
		fmt.Fprintf(env.Stdout, "旧密钥保存在 %s：仍用于读取旧备份和文件库中的附件；请立即备份新密钥 (gongkai backup --keys-out) / the old key is kept in %s for old backups and blob-store attachments; back the new key up now\n", rot.Retired, rot.Retired)
	}
	return ExitOK
}
