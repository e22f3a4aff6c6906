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
	for i, v := range lite {
		if v != int64(i+1) {
			t.Errorf("migration %d has number %d; want %d (no gaps)", i, v, i+1)
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
			if msg := apperr.Message(err); !strings.Contains(msg, "gongkai migrate") {
				t.Errorf("message %q does not name gongkai migrate", msg)
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
