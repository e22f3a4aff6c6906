package sqlstore_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestPublicGeneration: a committed write to a public table moves the
// generation (on PostgreSQL once per transaction, however many rows), a
// rolled-back one does not, a write no reader sees does not; the commit
// hooks run after each commit and never after a rollback.
func TestPublicGeneration(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		var commits atomic.Int64
		s.OnCommit(func() { commits.Add(1) })
		gen := func() int64 {
			t.Helper()
			g, err := s.PublicGeneration(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return g
		}
		g0 := gen()

		mustAgency(t, s, "宁波市人民政府", 0) // outside a transaction
		g1 := gen()
		if g1 <= g0 || commits.Load() != 1 {
			t.Fatalf("an agency added: generation %d → %d, %d commits seen", g0, g1, commits.Load())
		}

		if err := s.InTx(ctx, func(ctx context.Context) error {
			for _, n := range []string{"北仑区人民政府", "北仑区司法局", "北仑区教育局"} {
				if _, err := s.CreateAgency(ctx, agency.Agency{Name: n, CreatedAt: testNow}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		g2 := gen()
		switch {
		case g2 <= g1:
			t.Fatalf("three agencies in one transaction: generation %d → %d", g1, g2)
		case s.Dialect() == "postgres" && g2 != g1+1:
			t.Errorf("PostgreSQL bumps once per transaction: %d → %d", g1, g2)
		}
		if commits.Load() != 2 {
			t.Errorf("%d commits seen, want 2 (each statement of a transaction is not a commit)", commits.Load())
		}

		boom := errors.New("boom")
		if err := s.InTx(ctx, func(ctx context.Context) error {
			if _, err := s.CreateAgency(ctx, agency.Agency{Name: "回滚的机关", CreatedAt: testNow}); err != nil {
				return err
			}
			return boom
		}); !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if g := gen(); g != g2 || commits.Load() != 2 {
			t.Errorf("a rolled-back transaction: generation %d → %d, %d commits seen", g2, g, commits.Load())
		}

		// A login failure is no public content.
		if _, err := s.DB().ExecContext(ctx, `INSERT INTO login_locks (kind, account_id, source, failures) VALUES ('staff', 1, '127.0.0.1', 1)`); err != nil {
			t.Fatal(err)
		}
		if g := gen(); g != g2 {
			t.Errorf("a login failure moved the generation %d → %d", g2, g)
		}
	})
}
