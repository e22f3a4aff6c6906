package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// keyBundle returns the text of a key backup: the personal-data key (and
// older keys still in use), the audit key, as GONGKAI_* lines a shell or
// systemd EnvironmentFile can read, with each key's id.
func keyBundle(st *sqlstore.Store, cfg config.Config, lookup func(string) (string, bool), now time.Time) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# gongkai 密钥备份 / key backup, %s (%s)\n", now.UTC().Format(time.RFC3339), st.Where())
	b.WriteString("# 与数据库备份分开保管；二者同时泄露即泄露全部个人信息，丢失本文件则加密字段无法读取、审计链无法核验。\n")
	b.WriteString("# Keep apart from the database backup: together they expose all personal data; without this file the sealed\n")
	b.WriteString("# fields cannot be read and the audit chain cannot be verified. Restore: README, \"Backup and restore\".\n")
	dir := app.KeyDir(st, cfg)
	src := pii.Locate(lookup, cfg.PIIKeyFile, dir)
	piiText := ""
	switch {
	case src.Env != "":
		piiText, _ = lookup(pii.EnvKey)
	case src.Path != "":
		raw, err := os.ReadFile(src.Path)
		if errors.Is(err, fs.ErrNotExist) && src.Default {
			b.WriteString("# 个人信息密钥尚未创建 / the personal-data key is not created yet (" + src.Path + ")\n")
		} else if err != nil {
			return "", fmt.Errorf("cli: key backup: %w", err)
		} else {
			piiText = string(raw)
		}
	}
	if piiText != "" {
		k, err := pii.ParseKey(piiText)
		if err != nil {
			return "", fmt.Errorf("cli: key backup: personal-data key (%s): %w", src, err)
		}
		fmt.Fprintf(&b, "# personal-data key %s, from %s\n%s=%s\n", k.ID, src, pii.EnvKey, strings.TrimSpace(piiText))
	}
	if v, ok := lookup(pii.EnvOldKeys); ok && strings.TrimSpace(v) != "" {
		fmt.Fprintf(&b, "# older personal-data keys still in use\n%s=%s\n", pii.EnvOldKeys, strings.TrimSpace(v))
	}
	auditText, where := "", ""
	if v, ok := lookup(app.EnvAuditKey); ok && strings.TrimSpace(v) != "" {
		auditText, where = v, "environment variable "+app.EnvAuditKey
	} else {
		where = app.AuditKeyPath(st, cfg)
		raw, err := os.ReadFile(where)
		if err != nil {
			return "", fmt.Errorf("cli: key backup: audit key: %w", err)
		}
		auditText = string(raw)
	}
	k, err := audit.ParseKey(auditText)
	if err != nil {
		return "", fmt.Errorf("cli: key backup: audit key (%s): %w", where, err)
	}
	fmt.Fprintf(&b, "# audit key %s, from %s\n%s=%s\n", k.ID, where, app.EnvAuditKey, strings.TrimSpace(auditText))
	return b.String(), nil
}

// writeKeyBackup writes the key bundle of st to path (which must not
// exist), mode 0600, and warns when it sits beside the database backup.
func writeKeyBackup(env Env, st *sqlstore.Store, cfg config.Config, path, dbBackup string) error {
	text, err := keyBundle(st, cfg, os.LookupEnv, time.Now())
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return apperr.New(apperr.Conflict, "keys.backup_exists", path)
	}
	if err != nil {
		return fmt.Errorf("cli: key backup: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("cli: key backup: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("cli: key backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cli: key backup: %w", err)
	}
	fmt.Fprintf(env.Stdout, "已备份密钥 keys written: %s (mode 0600)\n", path)
	fmt.Fprintln(env.Stdout, "警告：请将密钥备份与数据库备份分开保管（不同介质、不同保管人）/ WARNING: keep the key backup apart from the database backup (another medium, another custodian).")
	if dbBackup != "" && sameDir(path, dbBackup) {
		fmt.Fprintln(env.Stdout, "警告：密钥备份与数据库备份在同一目录，请立即移走其一 / WARNING: the key backup is in the same directory as the database backup: move one of them now.")
	}
	return nil
}

func sameDir(a, b string) bool {
	da, err1 := filepath.Abs(filepath.Dir(a))
	db, err2 := filepath.Abs(filepath.Dir(b))
	return err1 == nil && err2 == nil && da == db
}
