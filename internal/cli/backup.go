package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/gongkai/gongkai/internal/audit"
)

// runBackup writes an online backup of the SQLite database:
//
//	gongkai backup --out FILE
//
// On PostgreSQL it explains how to use pg_dump and exits 1.
func runBackup(ctx context.Context, env Env) int {
	var sf storeFlags
	fs := flagSet("backup", env)
	sf.register(fs)
	out := fs.String("out", "", "备份文件, 不能已存在 / backup file to create (must not exist)")
	pos, err := parseAll(fs, env.Args)
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	if len(pos) > 0 || *out == "" {
		return usageError(env.Stderr, "gongkai [--data DIR] backup --out FILE")
	}
	cfg, err := sf.load()
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	if cfg.UsesPostgres() {
		io.WriteString(env.Stderr, pgDumpHelp)
		return ExitFailure
	}
	st, _, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	defer st.Close()
	info, err := st.Backup(ctx, *out)
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	log := &audit.Log{Store: st}
	if err := log.Record(ctx, audit.CLI.Event(audit.ActBackup, "database", 0, audit.ResultOK, fmt.Sprintf("out=%s bytes=%d", info.Path, info.Bytes))); err != nil {
		return fail(env.Stderr, "backup", err)
	}
	fmt.Fprintf(env.Stdout, "已备份 backup written: %s (%d bytes, integrity_check ok)\n", info.Path, info.Bytes)
	fmt.Fprintln(env.Stdout, "恢复 restore: 停止服务, 将此文件复制为 DATA/gongkai.db (并删除旧的 -wal/-shm 文件), 再启动 / stop the server, copy it to DATA/gongkai.db, start")
	return ExitOK
}

const pgDumpHelp = `gongkai backup: PostgreSQL 请使用 pg_dump 备份 (在线一致, 不阻塞读写) / on PostgreSQL use pg_dump:
  pg_dump --format=custom --file=gongkai-$(date +%F).dump "$GONGKAI_DATABASE_URL"
恢复到空库 restore into an empty database:
  pg_restore --no-owner --dbname="postgres://…/gongkai_restore" gongkai-YYYY-MM-DD.dump
时间点恢复请配置 WAL 归档与 pg_basebackup / for point-in-time recovery set up WAL archiving and pg_basebackup.
`
