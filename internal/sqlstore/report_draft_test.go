package sqlstore_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/stationery"
)

// snapshot is the smallest report a publication can freeze.
const snapshot = `{"schema":"gongkai.annual-report/v1","template":"2021","agency":"北仑区司法局","year":2022}`

func TestReportDraftStore(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "北仑区司法局", 0)
		b := mustAgency(t, s, "北仑区教育局", 0)
		at := time.Date(2023, 1, 10, 2, 0, 0, 123456789, time.UTC)
		e := annual.Entries{Date: "2023-01-15", Sections: annual.Entries{}.Sections}
		e.Sections.Overview = "一、总体情况：本年共收到申请 1 件。"
		e.Proactive.NormativeDocuments.InForce = report.N(1)
		e.Proactive.FeesWanYuan = report.D("0.35")

		if _, err := s.ReportRecord(ctx, a.ID, 2022); !errors.Is(err, apperr.NotFound) {
			t.Fatalf("before save: err = %v; want NotFound", err)
		}
		rec := annual.Record{AgencyID: a.ID, Year: 2022, Entries: e, UpdatedBy: "clerk", UpdatedAt: at}
		if err := s.SaveReportEntries(ctx, rec); err != nil {
			t.Fatal(err)
		}
		got, err := s.ReportRecord(ctx, a.ID, 2022)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != annual.Draft || got.UpdatedBy != "clerk" || !got.UpdatedAt.Equal(at.Truncate(time.Microsecond)) ||
			got.Entries.Date != "2023-01-15" || got.Entries.Sections.Overview != e.Sections.Overview ||
			got.Entries.Proactive.NormativeDocuments.InForce != report.N(1) || got.Entries.Proactive.FeesWanYuan != report.D("0.35") ||
			got.Entries.Proactive.Regulations.Issued.Valid || len(got.Snapshot) != 0 {
			t.Fatalf("got %+v", got)
		}

		t.Run("update", func(t *testing.T) {
			e2 := e
			e2.Proactive.LicensingDecisions = report.N(12)
			if err := s.SaveReportEntries(ctx, annual.Record{AgencyID: a.ID, Year: 2022, Entries: e2, UpdatedBy: "head", UpdatedAt: at.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			got, _ := s.ReportRecord(ctx, a.ID, 2022)
			if got.UpdatedBy != "head" || got.Entries.Proactive.LicensingDecisions != report.N(12) {
				t.Errorf("got %+v; want the update", got)
			}
		})
		// Each subtest below saves the drafts it publishes, in a year of
		// its own, so that it passes alone as well as after the others.
		t.Run("publish freezes", func(t *testing.T) {
			e2 := e
			e2.Proactive.LicensingDecisions = report.N(12)
			draft := annual.Record{AgencyID: a.ID, Year: 2021, Entries: e2, UpdatedBy: "clerk", UpdatedAt: at}
			if err := s.SaveReportEntries(ctx, draft); err != nil {
				t.Fatal(err)
			}
			if err := s.PublishReport(ctx, annual.Record{AgencyID: a.ID, Year: 2021}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("no snapshot: err = %v; want Invalid", err)
			}
			pub := annual.Record{AgencyID: a.ID, Year: 2021, PublishedBy: "head", PublishedAt: at.Add(2 * time.Hour), Snapshot: []byte(`{"schema":"x"}`)}
			if err := s.PublishReport(ctx, pub); err == nil {
				t.Error("a snapshot that is no report was published")
			}
			pub.Snapshot = []byte(snapshot)
			if err := s.PublishReport(ctx, pub); err != nil {
				t.Fatal(err)
			}
			if err := s.PublishReport(ctx, pub); !errors.Is(err, apperr.Conflict) {
				t.Errorf("second publish: err = %v; want Conflict", err)
			}
			if err := s.SaveReportEntries(ctx, draft); !errors.Is(err, apperr.Conflict) {
				t.Errorf("save after publish: err = %v; want Conflict", err)
			}
			got, _ := s.ReportRecord(ctx, a.ID, 2021)
			if got.Status != annual.Published || got.PublishedBy != "head" || string(got.Snapshot) != snapshot ||
				got.Entries.Proactive.LicensingDecisions != report.N(12) {
				t.Errorf("got %+v", got)
			}
			if err := s.PublishReport(ctx, annual.Record{AgencyID: b.ID, Year: 2021, PublishedAt: at, Snapshot: []byte(snapshot)}); !errors.Is(err, apperr.Conflict) {
				t.Errorf("publish without draft: err = %v; want Conflict", err)
			}
		})
		t.Run("published list", func(t *testing.T) {
			before, err := s.PublishedReports(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, ag := range []int64{a.ID, b.ID} {
				if err := s.SaveReportEntries(ctx, annual.Record{AgencyID: ag, Year: 2020, Entries: e, UpdatedAt: at}); err != nil {
					t.Fatal(err)
				}
			}
			pub := annual.Record{AgencyID: a.ID, Year: 2020, PublishedBy: "head", PublishedAt: at, Snapshot: []byte(snapshot)}
			if err := s.PublishReport(ctx, pub); err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				year int
				want int
			}{{2020, 1}, {0, len(before) + 1}, {2019, 0}} {
				got, err := s.PublishedReports(ctx, tc.year)
				if err != nil || len(got) != tc.want {
					t.Errorf("year %d: %d records, %v; want %d", tc.year, len(got), err, tc.want)
				}
				for _, r := range got {
					if r.Status != annual.Published || r.AgencyID != a.ID {
						t.Errorf("year %d: listed %+v", tc.year, r)
					}
				}
			}
		})
	})
}

func TestLetterSettingsStore(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		a := mustAgency(t, s, "北仑区司法局", 0)
		got, err := s.LetterSettings(ctx, a.ID)
		if err != nil || got.AgencyID != a.ID || got.Prefix != "" {
			t.Fatalf("unset: %+v, %v", got, err)
		}
		set := stationery.Settings{AgencyID: a.ID, Office: "办公室", Address: "宁波市北仑区新碶街道", Phone: "0574-86780000",
			Contact: "王老师", Prefix: "北司公开", UpdatedBy: "head", UpdatedAt: testNow}
		for range 2 { // insert, then update
			if err := s.SaveLetterSettings(ctx, set); err != nil {
				t.Fatal(err)
			}
			set.Phone = "0574-86781111"
		}
		got, _ = s.LetterSettings(ctx, a.ID)
		if got.Prefix != "北司公开" || got.Phone != "0574-86781111" || got.UpdatedBy != "head" || got.UpdatedAt.IsZero() {
			t.Errorf("got %+v", got)
		}

		r1, err := s.CreateRequest(ctx, newRecord(a.ID, "2026-0001"))
		if err != nil {
			t.Fatal(err)
		}
		r2, err := s.CreateRequest(ctx, newRecord(a.ID, "2026-0002"))
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := s.NextLetterNumber(ctx, a.ID, 2026); n != 1 {
			t.Errorf("next before any = %d; want 1", n)
		}
		for _, tc := range []struct {
			req  int64
			kind string
			want int
		}{{r1.ID, "receipt", 1}, {r1.ID, "receipt", 1}, {r1.ID, "reply", 2}, {r2.ID, "receipt", 3}} {
			got, err := s.LetterNumber(ctx, a.ID, tc.req, tc.kind, 2026, testNow)
			if err != nil || got != tc.want {
				t.Errorf("number of %d %s = %d, %v; want %d", tc.req, tc.kind, got, err, tc.want)
			}
		}
		if err := s.RaiseLetterNumber(ctx, a.ID, 2026, 2); err != nil { // lower: ignored
			t.Fatal(err)
		}
		if n, _ := s.NextLetterNumber(ctx, a.ID, 2026); n != 4 {
			t.Errorf("next after a lower raise = %d; want 4", n)
		}
		if err := s.RaiseLetterNumber(ctx, a.ID, 2027, 40); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.LetterNumber(ctx, a.ID, r2.ID, "fee", 2027, testNow); n != 40 {
			t.Errorf("first number after raising 2027 to 40 = %d; want 40", n)
		}

		t.Run("concurrent", func(t *testing.T) {
			var wg sync.WaitGroup
			var mu sync.Mutex
			seen := map[int]int{}
			kinds := []string{"correction", "extension", "third_party", "reply", "reply2", "x1", "x2", "x3"}
			for i := range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					n, err := s.LetterNumber(ctx, a.ID, r2.ID, kinds[i%len(kinds)], 2026, testNow)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					seen[n]++
					mu.Unlock()
				}()
			}
			wg.Wait()
			if len(seen) != len(kinds) {
				t.Errorf("%d distinct numbers for %d letters: %v", len(seen), len(kinds), seen)
			}
			for n := 4; n < 4+len(kinds); n++ {
				if seen[n] != 2 {
					t.Errorf("number %d issued to %d calls; want 2 (the same letter twice)", n, seen[n])
				}
			}
		})
	})
}

// BenchmarkLetterNumber issues a new document number per iteration on
// SQLite (one durable transaction each).
func BenchmarkLetterNumber(b *testing.B) {
	ctx := context.Background()
	s := sqlstoretest.Open(b, sqlstoretest.SQLite)
	a, err := s.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: testNow})
	if err != nil {
		b.Fatal(err)
	}
	r, err := s.CreateRequest(ctx, newRecord(a.ID, "2026-0001"))
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if _, err := s.LetterNumber(ctx, a.ID, r.ID, "k"+strconv.Itoa(i), 2026, testNow); err != nil {
			b.Fatal(err)
		}
	}
}
