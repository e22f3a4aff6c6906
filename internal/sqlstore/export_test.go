package sqlstore

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/search"
)

// MigrateTo applies the embedded migrations up to and including version,
// for tests that write rows the way an older schema held them.
func (s *Store) MigrateTo(ctx context.Context, version int64) ([]MigrationResult, error) {
	p, err := s.migrator()
	if err != nil {
		return nil, err
	}
	return migrated(p.UpTo(ctx, version))
}

// MigrateDown runs the Down section of migration version alone.
func (s *Store) MigrateDown(ctx context.Context, version int64) error {
	p, err := s.migrator()
	if err != nil {
		return err
	}
	_, err = p.ApplyVersion(ctx, version, false)
	return err
}

// ExecRaw runs a statement written with "?" placeholders.
func (s *Store) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := s.exec(ctx, q, args...)
	return err
}

// QueryTime reads the one time a query selects, as the store scans times.
func (s *Store) QueryTime(ctx context.Context, q string, args ...any) (time.Time, error) {
	var t time.Time
	err := s.queryRow(ctx, q, args...).Scan(dbTime{&t})
	return t, err
}

// TimeFormat is how SQLite stores times.
const TimeFormat = timeFormat

// KeyPostings is loadKey: a key's postings, in blocks and of the fresh
// documents, as a search reads them.
func (s *Store) KeyPostings(ctx context.Context, key string) (search.List, error) {
	fresh, err := s.freshTexts(ctx)
	if err != nil {
		return search.List{}, err
	}
	return s.loadKey(ctx, key, fresh)
}

// IndexKeys returns every key of the index: those of the blocks and those
// of the fresh documents' texts.
func (s *Store) IndexKeys(ctx context.Context) ([]string, error) {
	var keys []string
	rows, err := s.query(ctx, "SELECT DISTINCT gram FROM search_blocks")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	fresh, err := s.freshTexts(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, k := range keys {
		seen[k] = true
	}
	for _, f := range fresh {
		for _, p := range search.Postings(f) {
			if !seen[p.Key] {
				seen[p.Key] = true
				keys = append(keys, p.Key)
			}
		}
	}
	return keys, nil
}
