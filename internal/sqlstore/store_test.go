package sqlstore_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestMigrationNumbersMatch(t *testing.T) {
	lite, err := sqlstore.MigrationVersions("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := sqlstore.MigrationVersions("postgres")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(lite, pg) {
		t.Fatalf("sqlite migrations %v; postgres migrations %v; want the same numbers", lite, pg)
	}
	for i := 1; i < len(lite); i++ {
		if lite[i] <= lite[i-1] {
			t.Errorf("migration numbers not strictly increasing: %v", lite)
		}
	}
}

func TestCheckSchema(t *testing.T) {
	for _, name := range sqlstoretest.Names {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := sqlstoretest.OpenEmpty(t, name)
			err := s.CheckSchema(ctx)
			if !errors.Is(err, apperr.OutdatedSchema) {
				t.Fatalf("CheckSchema on empty db = %v; want OutdatedSchema", err)
			}
			if key, _ := apperr.MessageOf(err); key != "store.schema_older" {
				t.Errorf("message %q; want store.schema_older (run gongkai migrate)", key)
			}
			applied, err := s.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(applied) == 0 {
				t.Fatal("Migrate applied nothing on an empty database")
			}
			if err := s.CheckSchema(ctx); err != nil {
				t.Fatalf("CheckSchema after migrate = %v; want nil", err)
			}
			again, err := s.Migrate(ctx)
			if err != nil || len(again) != 0 {
				t.Fatalf("second Migrate = %v, %v; want nothing applied", again, err)
			}
		})
	}
}

// TestCheckSchemaGapsAndUnknown: a migration number lower than the
// database's highest but not applied (another feature's migration that
// arrived later) is pending and gets applied; a version the program does
// not know means the program is too old.
func TestCheckSchemaGapsAndUnknown(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		q := func(sql string) {
			if s.Dialect() == "postgres" {
				sql = strings.ReplaceAll(sql, "1)", "TRUE)")
			}
			if _, err := s.DB().ExecContext(ctx, sql); err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
		}
		q("DELETE FROM goose_db_version WHERE version_id = 3")
		err := s.CheckSchema(ctx)
		if !errors.Is(err, apperr.OutdatedSchema) || !strings.Contains(err.Error(), "store.schema_older[3]") {
			t.Fatalf("CheckSchema with version 3 missing = %v; want OutdatedSchema naming 3", err)
		}
		applied, err := s.Migrate(ctx)
		if err != nil || len(applied) != 1 || applied[0].Version != 3 {
			t.Fatalf("Migrate = %+v, %v; want version 3 applied out of order", applied, err)
		}
		if err := s.CheckSchema(ctx); err != nil {
			t.Fatalf("CheckSchema after = %v", err)
		}
		q("INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, 1)")
		err = s.CheckSchema(ctx)
		if !errors.Is(err, apperr.OutdatedSchema) || !strings.HasPrefix(err.Error(), "store.schema_newer") {
			t.Fatalf("CheckSchema with an unknown version = %v; want OutdatedSchema asking for a newer program", err)
		}
	})
}
