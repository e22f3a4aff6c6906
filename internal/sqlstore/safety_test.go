package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestSafetyWarnings(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		warn, err := s.SafetyWarnings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if s.Dialect() == "sqlite" && len(warn) != 0 {
			t.Errorf("SQLite warnings %q; want none (WAL, synchronous FULL)", warn)
		}
		if err := s.QuickCheck(context.Background()); err != nil {
			t.Errorf("QuickCheck on a fresh database: %v", err)
		}
		for _, w := range warn {
			t.Logf("warning: %s", w) // the test server may lack data checksums
		}
	})
}

// TestQuickCheckFindsDamage overwrites part of an index page of a closed
// database and expects QuickCheck (or opening) to fail.
func TestQuickCheckFindsDamage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gongkai.db")
	s, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		mustAgency(t, s, fmt.Sprintf("机关-%03d", i), 0)
	}
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Damage the last two pages, where the newest agency rows and index
	// entries live; the schema at the front stays readable.
	for i := len(b) - 2*4096; i < len(b); i++ {
		b[i] = 0x5a
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		t.Logf("open refused the damaged file: %v", err)
		return // refusing to open is fine too
	}
	defer s.Close()
	if err := s.QuickCheck(ctx); err == nil {
		t.Fatal("QuickCheck passed on a damaged file")
	}
}
