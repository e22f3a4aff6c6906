package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestMigrationReportVersions: a report published before migration 00310
// becomes its version 1, with its snapshot, who and when; a draft gets no
// version.
func TestMigrationReportVersions(t *testing.T) {
	for _, name := range sqlstoretest.Names {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := sqlstoretest.OpenEmpty(t, name)
			if _, err := s.MigrateTo(ctx, 309); err != nil {
				t.Fatal(err)
			}
			at := time.Date(2023, 1, 20, 2, 0, 0, 0, time.UTC)
			a := oldAgency(t, s, 7, "北仑区司法局", at)
			ts := at.Format(sqlstore.TimeFormat)
			for _, row := range [][]any{
				{a.ID, 2022, "published", "head", ts, `{"schema":"gongkai.annual-report/v1","year":2022}`},
				{a.ID, 2023, "draft", "", nil, ""},
			} {
				if err := s.ExecRaw(ctx, `INSERT INTO report_drafts (agency_id, year, entries, status, updated_by, updated_at, published_by, published_at, snapshot)
					VALUES (?, ?, '{}', ?, 'clerk', ?, ?, ?, ?)`, row[0], row[1], row[2], ts, row[3], row[4], row[5]); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			vs, err := s.ReportVersions(ctx, a.ID, 2022)
			if err != nil || len(vs) != 1 || vs[0].N != 1 || vs[0].PublishedBy != "head" || !vs[0].PublishedAt.Equal(at) || vs[0].Note != "" {
				t.Fatalf("versions of the published report: %+v, %v; want version 1 by head at %v", vs, err, at)
			}
			v, err := s.ReportVersion(ctx, a.ID, 2022, 1)
			if err != nil || string(v.Snapshot) != `{"schema":"gongkai.annual-report/v1","year":2022}` {
				t.Errorf("version 1: %s, %v", v.Snapshot, err)
			}
			if vs, err := s.ReportVersions(ctx, a.ID, 2023); err != nil || len(vs) != 0 {
				t.Errorf("versions of a draft: %+v, %v; want none", vs, err)
			}
		})
	}
}
