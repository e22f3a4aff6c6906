package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/gongkai/gongkai/internal/config"
)

// blobNotice tells the operator that attachments live outside the
// database (package blob) and must be backed up with it: a restored
// database whose blobs are missing lists files that cannot be opened.
// The blobs are copied after the database: a blob is stored before the
// row that names it commits, so a copy taken after the database holds
// every file the database backup names (the extra ones are swept).
func blobNotice(w io.Writer, cfg config.Config) {
	where := cfg.BlobURL
	if where == "" {
		where = filepath.Join(cfg.DataDir, "blobs")
		if !cfg.UsesPostgres() {
			where = filepath.Join(filepath.Dir(cfg.SQLitePath()), "blobs")
		}
	}
	fmt.Fprintf(w, "注意 note: 附件（已加密）不在此备份中，存放于 %s：请在数据库备份之后（不要在之前）立即备份该目录或存储桶，恢复时一并恢复 / attachments (sealed) are not in this backup: back up %s right after the database (never before it, or files the database names may be missing) and restore both (README: Backup and restore)\n", where, where)
}
