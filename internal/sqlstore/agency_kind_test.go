package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestMigrationAgencyKind stores agencies with the schema before 00160,
// migrates, and finds each kind guessed from the name as agency.GuessKind
// guesses it (a 镇/乡人民政府 is a township, not a government); then the
// administrator's change sticks.
func TestMigrationAgencyKind(t *testing.T) {
	names := []string{"宁波市人民政府", "北仑区人民政府", "大碶镇人民政府", "某乡人民政府", "新碶街道办事处",
		"北仑区司法局", "宁波市人民政府办公厅", "北仑区人民政府办公室"}
	for _, name := range sqlstoretest.Names {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := sqlstoretest.OpenEmpty(t, name)
			if _, err := s.MigrateTo(ctx, 159); err != nil {
				t.Fatal(err)
			}
			for i, n := range names {
				if err := s.ExecRaw(ctx, "INSERT INTO agencies (name, created_at) VALUES (?, ?)", n, time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC).Format(sqlstore.TimeFormat)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			all, err := s.ListAgencies(ctx)
			if err != nil || len(all) != len(names) {
				t.Fatalf("list: %d agencies, %v", len(all), err)
			}
			for _, a := range all {
				if want := agency.GuessKind(a.Name); a.Kind != want || a.NoReport {
					t.Errorf("%s: kind %q no_report %v; want %q, false", a.Name, a.Kind, a.NoReport, want)
				}
			}
			want := map[string]agency.Kind{"宁波市人民政府": agency.Government, "大碶镇人民政府": agency.Township,
				"新碶街道办事处": agency.Township, "宁波市人民政府办公厅": agency.Department}
			for _, a := range all {
				if k, ok := want[a.Name]; ok && a.Kind != k {
					t.Errorf("%s: kind %q; want %q", a.Name, a.Kind, k)
				}
			}
			if err := s.SetAgencyKind(ctx, all[6].ID, agency.Other, true); err != nil {
				t.Fatal(err)
			}
			if a, err := s.Agency(ctx, all[6].ID); err != nil || a.Kind != agency.Other || !a.NoReport {
				t.Errorf("after SetAgencyKind: %+v, %v", a, err)
			}
			if err := s.SetAgencyKind(ctx, 9999, agency.Other, false); !errors.Is(err, apperr.NotFound) {
				t.Errorf("SetAgencyKind on no agency: %v; want not found", err)
			}
			if err := s.SetAgencyKind(ctx, all[0].ID, agency.Kind("province"), false); err == nil {
				t.Error("SetAgencyKind accepted a kind the schema's CHECK refuses")
			}
		})
	}
}

// oldAgency inserts an agency with the columns every schema since 00001
// has, for tests that work on a database migrated below 00160 (where the
// store's CreateAgency, which writes the kind, cannot run).
func oldAgency(t *testing.T, s *sqlstore.Store, id int64, name string, at time.Time) agency.Agency {
	t.Helper()
	if err := s.ExecRaw(context.Background(), "INSERT INTO agencies (id, name, created_at) VALUES (?, ?, ?)", id, name, at.UTC().Format(sqlstore.TimeFormat)); err != nil {
		t.Fatalf("insert agency %s: %v", name, err)
	}
	return agency.Agency{ID: id, Name: name, CreatedAt: at}
}
