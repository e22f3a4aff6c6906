package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestPublicationAppeals stores appeals about 主动公开 against an agency,
// concludes one, and lists them per agency in filing order; the schema
// refuses a conclusion date without a result.
func TestPublicationAppeals(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "北仑区司法局", 0)
		b := mustAgency(t, s, "北仑区教育局", 0)
		at := time.Date(2025, 3, 1, 9, 0, 0, 123456789, time.UTC)
		late, err := s.AddPublicationAppeal(ctx, casework.PublicationAppeal{AgencyID: a.ID, Kind: casework.LitigationDirect,
			Subject: casework.SubjectNotPublished, Matter: "2024年部门预算未主动公开", Filed: calendar.D(2025, 3, 1), CreatedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		early, err := s.AddPublicationAppeal(ctx, casework.PublicationAppeal{AgencyID: a.ID, Kind: casework.Review,
			Subject: casework.SubjectPublished, Matter: "行政处罚决定公开了申请人住址", Filed: calendar.D(2025, 1, 10), CreatedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddPublicationAppeal(ctx, casework.PublicationAppeal{AgencyID: b.ID, Kind: casework.Review,
			Subject: casework.SubjectPublished, Matter: "其他", Filed: calendar.D(2025, 1, 1), CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
		early.Concluded, early.Result, early.Note = calendar.D(2025, 4, 1), casework.Corrected, "责令删除"
		if err := s.UpdatePublicationAppeal(ctx, early); err != nil {
			t.Fatal(err)
		}
		got, err := s.PublicationAppeals(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != early.ID || got[1].ID != late.ID {
			t.Fatalf("appeals of a: %+v; want early, late", got)
		}
		g := got[0]
		if g.Concluded != calendar.D(2025, 4, 1) || g.Result != casework.Corrected || g.Note != "责令删除" ||
			g.Subject != casework.SubjectPublished || g.Kind != casework.Review || !g.CreatedAt.Equal(at.Truncate(time.Microsecond)) {
			t.Errorf("stored %+v", g)
		}
		if one, err := s.PublicationAppeal(ctx, late.ID); err != nil || one.Matter != "2024年部门预算未主动公开" || !one.Concluded.IsZero() {
			t.Errorf("PublicationAppeal: %+v, %v", one, err)
		}
		if _, err := s.PublicationAppeal(ctx, 9999); !errors.Is(err, apperr.NotFound) {
			t.Errorf("unknown id: %v; want NotFound", err)
		}
		late.Concluded = calendar.D(2025, 5, 1) // without a result
		if err := s.UpdatePublicationAppeal(ctx, late); err == nil {
			t.Errorf("a conclusion date without a result was stored")
		}
		if err := s.UpdatePublicationAppeal(ctx, casework.PublicationAppeal{ID: 9999}); !errors.Is(err, apperr.NotFound) {
			t.Errorf("update of an unknown id: %v; want NotFound", err)
		}
	})
}
