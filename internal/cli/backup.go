package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/pii"
)

// runBackup writes an online backup of the SQLite database and, with
// --keys-out, a separate backup of the keys (the personal-data key and
// the audit key, which SECURITY.md C-05 keeps out of the database):
//
//	gongkai backup --out FILE [--keys-out KEYFILE]
//
// On PostgreSQL it explains how to use pg_dump; it exits 1 unless
// --keys-out was given (the keys are then backed up and pg_dump is left
// to the operator). Without --keys-out it warns that the keys are not in
// the backup.
func runBackup(ctx context.Context, env Env) int {
	var sf storeFlags
	fs := flagSet("backup", env)
	sf.register(fs)
	out := fs.String("out", "", "备份文件, 不能已存在 / backup file to create (must not exist)")
	keysOut := fs.String("keys-out", "", "密钥备份文件, 不能已存在, 与数据库备份分开保管 / key backup file to create, kept apart from the database backup")
	pos, err := parseAll(fs, env.Args)
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	cfg, err := sf.load()
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	if len(pos) > 0 || (*out == "" && (!cfg.UsesPostgres() || *keysOut == "")) {
		return usageError(env.Stderr, "gongkai [--data DIR] backup --out FILE [--keys-out KEYFILE]")
	}
	if cfg.UsesPostgres() {
		if *keysOut == "" {
			io.WriteString(env.Stderr, pgDumpHelp)
			keyNotice(env.Stderr, cfg, os.LookupEnv)
			blobNotice(env.Stderr, cfg)
			return ExitFailure
		}
		st, _, err := sf.open(ctx, true)
		if err != nil {
			return fail(env.Stderr, "backup", err)
		}
		defer st.Close()
		if err := writeKeyBackup(env, st, cfg, *keysOut, ""); err != nil {
			return fail(env.Stderr, "backup", err)
		}
		io.WriteString(env.Stdout, pgDumpHelp)
		blobNotice(env.Stdout, cfg)
		return ExitOK
	}
	st, _, err := sf.open(ctx, true)
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	defer st.Close()
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	info, err := st.Backup(ctx, *out)
	if err != nil {
		return fail(env.Stderr, "backup", err)
	}
	if err := log.Record(ctx, audit.CLI.Event(audit.ActBackup, "database", 0, audit.ResultOK, fmt.Sprintf("out=%s bytes=%d keys=%t", info.Path, info.Bytes, *keysOut != ""))); err != nil {
		return fail(env.Stderr, "backup", err)
	}
	fmt.Fprintf(env.Stdout, "已备份 backup written: %s (%d bytes, integrity_check ok)\n", info.Path, info.Bytes)
	fmt.Fprintln(env.Stdout, "恢复 restore: 停止服务, 将此文件复制为 DATA/gongkai.db (并删除旧的 -wal/-shm 文件), 放回密钥, 再启动 / stop the server, copy it to DATA/gongkai.db, put the keys back, start (README: Backup and restore)")
	if *keysOut != "" {
		if err := writeKeyBackup(env, st, cfg, *keysOut, info.Path); err != nil {
			return fail(env.Stderr, "backup", err)
		}
		blobNotice(env.Stdout, cfg)
		return ExitOK
	}
	keyNotice(env.Stdout, cfg, os.LookupEnv)
	fmt.Fprintln(env.Stdout, "用 --keys-out 文件 另行备份密钥 / back the keys up with --keys-out FILE.")
	blobNotice(env.Stdout, cfg)
	return ExitOK
}

const pgDumpHelp = `gongkai backup: PostgreSQL 请使用 pg_dump 备份 (在线一致, 不阻塞读写) / on PostgreSQL use pg_dump:
  pg_dump --format=custom --file=gongkai-$(date +%F).dump "$GONGKAI_DATABASE_URL"
恢复到空库 restore into an empty database:
  pg_restore --no-owner --dbname="postgres://…/gongkai_restore" gongkai-YYYY-MM-DD.dump
时间点恢复请配置 WAL 归档与 pg_basebackup / for point-in-time recovery set up WAL archiving and pg_basebackup.
`

// keyNotice tells the operator that the key sealing applicants' personal
// data (package pii; SECURITY.md C-05 keeps it out of the database) is not
// in the backup, where it is, and what is lost without it.
func keyNotice(w io.Writer, cfg config.Config, lookup func(string) (string, bool)) {
	src := pii.Locate(lookup, cfg.PIIKeyFile, cfg.DataDir)
	where := src.String()
	if src.Path != "" {
		if _, err := os.Stat(src.Path); errors.Is(err, fs.ErrNotExist) {
			if src.Default {
				where += "（尚未创建，首次保存申请时生成 / not created yet: made when the first request is stored）"
			} else {
				where += "（文件不存在！/ the file is missing!）"
			}
		}
	}
	fmt.Fprintf(w, "注意：个人信息密钥不在此备份中 / NOTE: the personal-data key is not in this backup: %s\n", where)
	fmt.Fprintln(w, "请另行备份该密钥，并与数据库备份分开保管；没有它，申请人的身份证号、电话、地址和电子邮箱等加密字段无法读取。")
	fmt.Fprintln(w, "Back the key up separately and keep it apart from the database backup: without it the encrypted fields (applicants' ID numbers, phones, addresses, e-mail) cannot be read.")
	if v, ok := lookup(pii.EnvOldKeys); ok && strings.TrimSpace(v) != "" {
		fmt.Fprintf(w, "%s 中的旧密钥也须备份，否则轮换前加密的字段无法读取 / back up the old keys in %s too.\n", pii.EnvOldKeys, pii.EnvOldKeys)
	}
}
