package casework_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
)

// TestPublicationAppeals: a 复议 or 诉讼 about 主动公开 is recorded against
// the agency (条例第五十一条), by its own staff only, and table 四 of the
// compiled report counts it (regulation.md §7) while table 三 does not.
func TestPublicationAppeals(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.today = d("2024-06-30")
		a := casework.PublicationAppeal{Kind: casework.Review, Subject: casework.SubjectNotPublished,
			Matter: "2023年部门决算未在规定期限内主动公开", Filed: d("2024-02-01")}
		for name, bad := range map[string]casework.PublicationAppeal{
			"no subject":     {Kind: casework.Review, Matter: "x", Filed: d("2024-02-01")},
			"no matter":      {Kind: casework.Review, Subject: casework.SubjectPublished, Filed: d("2024-02-01")},
			"no filing date": {Kind: casework.Review, Subject: casework.SubjectPublished, Matter: "x"},
			"filed tomorrow": {Kind: casework.Review, Subject: casework.SubjectPublished, Matter: "x", Filed: d("2024-07-01")},
			"no kind":        {Subject: casework.SubjectPublished, Matter: "x", Filed: d("2024-02-01")},
		} {
			if _, err := w.svc.AddPublicationAppeal(ctx, w.clerk, bad); !errors.Is(err, apperr.Invalid) {
				t.Errorf("%s: %v; want Invalid", name, err)
			}
		}
		if _, err := w.svc.AddPublicationAppeal(ctx, w.super, a); err == nil {
			t.Errorf("a supervisor recorded an appeal against an agency")
		}
		a, err := w.svc.AddPublicationAppeal(ctx, w.clerk, a)
		if err != nil {
			t.Fatal(err)
		}
		if a.AgencyID != w.a.ID {
			t.Errorf("recorded against agency %d; want the clerk's %d", a.AgencyID, w.a.ID)
		}
		lit, err := w.svc.AddPublicationAppeal(ctx, w.head, casework.PublicationAppeal{Kind: casework.LitigationDirect,
			Subject: casework.SubjectPublished, Matter: "处罚决定书公开了原告身份证号码", Filed: d("2024-03-01")})
		if err != nil {
			t.Fatal(err)
		}
		conclude := casework.PublicationAppeal{ID: a.ID, Concluded: d("2024-05-01"), Result: casework.Corrected}
		if err := w.svc.ConcludePublicationAppeal(ctx, w.clerkB, conclude); !errors.Is(err, apperr.NotFound) {
			t.Errorf("another agency's clerk concludes: %v; want NotFound", err)
		}
		if err := w.svc.ConcludePublicationAppeal(ctx, w.clerk, casework.PublicationAppeal{ID: a.ID, Concluded: d("2024-01-01"),
			Result: casework.Corrected}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("concluded before filed: %v; want Invalid", err)
		}
		if err := w.svc.ConcludePublicationAppeal(ctx, w.clerk, conclude); err != nil {
			t.Fatal(err)
		}
		list, err := w.svc.PublicationAppeals(ctx, w.super, w.a.ID)
		if err != nil || len(list) != 2 || list[0].Result != casework.Corrected {
			t.Fatalf("the supervisor's list: %+v, %v", list, err)
		}
		if _, err := w.svc.PublicationAppeals(ctx, w.clerkB, w.a.ID); !errors.Is(err, apperr.NotFound) {
			t.Errorf("another agency's clerk lists: %v; want NotFound", err)
		}

		res, n, err := w.svc.Compile(ctx, w.a.ID, w.a.Name, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d requests counted; want 0", n)
		}
		rl := res.Report.ReviewLitigation
		if rl.Review.Corrected.V != 1 || rl.Review.Total.V != 1 || rl.LitigationDirect.Pending.V != 1 || rl.LitigationDirect.Total.V != 1 {
			t.Errorf("table 四: review %+v, direct suits %+v", rl.Review, rl.LitigationDirect)
		}
		if got := res.Cells[report.RLCell(1, 3)]; !slices.Equal(got, []string{lit.ReportID()}) {
			t.Errorf("behind 尚未审结: %v", got)
		}
		if nw := res.Report.Requests[report.New][report.ColTotal]; nw.V != 0 {
			t.Errorf("table 三 counts an appeal as a request: %s", nw)
		}
		if last, _, err := w.svc.Compile(ctx, w.a.ID, w.a.Name, 2023); err != nil || last.Report.ReviewLitigation.Review.Total.V != 0 {
			t.Errorf("the report on 2023 counts an appeal filed in 2024: %v", err)
		}
		// The stored facts a supervisor's overview sums carry them too.
		if err := w.st.SaveReportFacts(ctx, annual.FactsOf(w.a.ID, 2024, res.Report, nil)); err != nil {
			t.Fatal(err)
		}
		facts, err := w.st.ReportFacts(ctx, w.a.ID, 2024)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range facts.Cells {
			if want := map[report.CellID]int64{report.RLCell(0, 1): 1, report.RLCell(0, 4): 1, report.RLCell(1, 3): 1,
				report.RLCell(1, 4): 1}[c.ID]; strings.HasPrefix(string(c.ID), "review_litigation.") && c.Value.V != want {
				t.Errorf("stored %s = %s; want %d", c.ID, c.Value, want)
			}
		}
	})
}

// TestPublicationAppealItem: an appeal about 主动公开 may name the catalogue
// item it concerns by its 索引号; it must be an item of the agency, and the
// list returns it so the page can link to it.
func TestPublicationAppealItem(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.today = d("2024-06-30")
		at := time.Date(2024, 1, 5, 2, 0, 0, 0, time.UTC)
		item := func(agencyID int64, index string) int64 {
			c := catalog.Content{Title: "行政处罚决定书", DocType: catalog.Notice, Category: "other", Disclosure: catalog.Proactive}
			id, err := w.st.CreateItem(ctx, catalog.Record{AgencyID: agencyID, IndexNo: index, State: catalog.Published, Live: 1,
				Shown: c, FirstPublished: at}, at)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		own, other := item(w.a.ID, "A-2024-0001"), item(w.b.ID, "B-2024-0001")
		base := casework.PublicationAppeal{Kind: casework.Review, Subject: casework.SubjectPublished, Matter: "处罚决定书公开了住址", Filed: d("2024-02-01")}
		tests := []struct {
			index  string
			wantID int64
			ok     bool
		}{
			{"", 0, true},
			{" A-2024-0001 ", own, true},
			{"B-2024-0001", other, false}, // another agency's item
			{"X-9999", 0, false},
		}
		for _, tt := range tests {
			a := base
			a.ItemIndex = tt.index
			got, err := w.svc.AddPublicationAppeal(ctx, w.clerk, a)
			switch {
			case tt.ok && (err != nil || got.ItemID != tt.wantID):
				t.Errorf("%q: item %d, %v; want %d", tt.index, got.ItemID, err, tt.wantID)
			case !tt.ok && !errors.Is(err, apperr.Invalid):
				t.Errorf("%q: %v; want Invalid", tt.index, err)
			}
		}
		list, err := w.svc.PublicationAppeals(ctx, w.clerk, w.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ItemID != 0 || list[1].ItemID != own || list[1].ItemIndex != "A-2024-0001" {
			t.Errorf("listed %+v; want one without an item and one naming A-2024-0001", list)
		}
	})
}
