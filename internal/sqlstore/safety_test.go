package sqlstore_test

import (
	"context"
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
