package sqlstore

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/apperr"
)

// SafetyWarnings returns the durability settings of the database that
// put acknowledged writes at risk, one message each, for the server to log
// loudly at start (SECURITY.md R-PG-01, R-PG-02, R-SQL-03):
//
//   - PostgreSQL: fsync, full_page_writes or synchronous_commit off, or
//     data checksums disabled;
//   - SQLite: the connection not in WAL mode with synchronous FULL.
func (s *Store) SafetyWarnings(ctx context.Context) ([]string, error) {
	var warn []string
	if s.d.name == "postgres" {
		checks := []struct{ setting, bad, msg string }{
			{"fsync", "off", "PostgreSQL fsync=off: 断电或系统崩溃可能造成不可恢复的损坏 / fsync is off"},
			{"full_page_writes", "off", "PostgreSQL full_page_writes=off: 断电后可能出现页撕裂 / full_page_writes is off"},
			{"synchronous_commit", "off", "PostgreSQL synchronous_commit=off: 已确认的写入可能丢失 / acknowledged commits may be lost"},
			{"data_checksums", "off", "PostgreSQL 未启用数据校验和 (initdb --data-checksums) / data checksums are off"},
		}
		for _, c := range checks {
			var v string
			if err := s.db.QueryRowContext(ctx, "SHOW "+c.setting).Scan(&v); err != nil {
				return warn, s.mapErr("show "+c.setting, err)
			}
			if v == c.bad {
				warn = append(warn, c.msg)
			}
		}
		return warn, nil
	}
	// One connection answers for all: every connection gets the same DSN.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.mapErr("safety check", err)
	}
	defer conn.Close()
	var mode string
	var sync int
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return nil, s.mapErr("safety check", err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
		return nil, s.mapErr("safety check", err)
	}
	if mode != "wal" {
		warn = append(warn, fmt.Sprintf("SQLite journal_mode=%s, 应为 wal / expected WAL", mode))
	}
	if sync < 2 {
		warn = append(warn, fmt.Sprintf("SQLite synchronous=%d, 应为 FULL(2) / expected FULL", sync))
	}
	return warn, nil
}

// QuickCheck runs SQLite's PRAGMA quick_check (R-SQL-07: at start after an
// unclean shutdown) and returns an apperr.Internal error naming the first
// problem. On PostgreSQL it only pings: the server checks itself.
func (s *Store) QuickCheck(ctx context.Context) error {
	if s.d.name != "sqlite" {
		return s.ping(ctx)
	}
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&res); err != nil {
		return s.mapErr("quick_check", err)
	}
	if res != "ok" {
		return apperr.Wrap(apperr.Internal, "store.damaged",
			fmt.Errorf("sqlstore: quick_check %s: %s", s.where, res))
	}
	return nil
}
