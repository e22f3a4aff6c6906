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
func blobNotice(w io.Writer, cfg config.Config) {
	where := cfg.BlobURL
	if where == "" {
		where = filepath.Join(cfg.DataDir, "blobs")
		if !cfg.UsesPostgres() {
			where = filepath.Join(filepath.Dir(cfg.SQLitePath()), "blobs")
		}
	}
	fmt.Fprintf(w, "注意 note: 附件（已加密）不在此备份中，存放于 %s：请在同一时间备份该目录或存储桶，恢复时一并恢复 / attachments (sealed) are not in this backup: back up %s at the same time and restore it with the database\n", where, where)
}
