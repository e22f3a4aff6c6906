package annual_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestOverrideNeedsReason gives 北仑区司法局 主动公开 records (one 规范性文件
// formed in 2022, imported through package catalog) and checks the
// editor's override of table 二 (catalog.md §3): the compiled table comes
// from the records; a hand entry that differs without a reason is refused
// and nothing is stored; with a reason it is stored, reason and all,
// overrides the cell and is in the audit log; a hand entry equal to the
// records is dropped (the cell follows them); an agency without records
// enters table 二 by hand with no reason; and entries that became
// unexplained overrides when records arrived cannot be published. On
// SQLite and PostgreSQL.
func TestOverrideNeedsReason(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		cat, err := catalog.NewService(st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		w.svc.Records = cat
		tree := catalog.NewTree(catalog.DefaultColumns(w.a.ID, catalog.LevelCounty))
		lines, err := catalog.ReadItems(strings.NewReader(`{"index_no":"R/2022-1","title":"关于印发《人民调解员管理办法》的通知","category":"rules/normative","doc_type":"normative","formed_on":"2022-03-01","validity":"in_force","published_at":"2022-03-08T09:00:00+08:00"}`+"\n"),
			w.a.Name, tree, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cat.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, nil); err != nil {
			t.Fatal(err)
		}
		const year = 2022
		const issued report.CellID = "proactive.normative_documents.issued"

		b, err := w.svc.Build(ctx, w.clerk, w.a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		if b.FromRecords == nil || b.Report.Proactive.NormativeDocuments.Issued != report.N(1) || len(b.Cells[issued]) != 1 {
			t.Fatalf("built from records: %+v, cells %v; want 规范性文件 issued 1 from R/2022-1", b.FromRecords, b.Cells[issued])
		}

		e := zeros("2023-01-15")
		e.Proactive.NormativeDocuments = report.Triple{Issued: report.N(3), Repealed: report.N(0), InForce: report.N(1)}
		err = w.svc.Save(ctx, w.clerk, w.a.ID, year, e)
		if key, _ := apperr.MessageOf(err); apperr.KindOf(err) != apperr.Invalid || key != "annual.override_reason" {
			t.Fatalf("override without a reason: %v; want annual.override_reason", err)
		}
		if _, err := st.ReportRecord(ctx, w.a.ID, year); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("a refused save stored something: %v", err)
		}
		e.Reasons = map[report.CellID]string{issued: "  另有2件在区政府门户网站发布，尚未迁入  ", "proactive.penalty_decisions": "no override here"}
		if err := w.svc.Save(ctx, w.clerk, w.a.ID, year, e); err != nil {
			t.Fatal(err)
		}
		rec, err := st.ReportRecord(ctx, w.a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.Entries.Reasons; len(got) != 1 || got[issued] != "另有2件在区政府门户网站发布，尚未迁入" {
			t.Errorf("stored reasons %v; want the one override's, trimmed", got)
		}
		if rec.Entries.Proactive.NormativeDocuments.InForce.Valid || rec.Entries.Proactive.PenaltyDecisions.Valid {
			t.Errorf("hand entries equal to the records were kept: %+v", rec.Entries.Proactive)
		}
		b, err = w.svc.Build(ctx, w.clerk, w.a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		if b.Report.Proactive.NormativeDocuments.Issued != report.N(3) || len(b.Overrides) != 1 || b.Overrides[0].Compiled != "1" ||
			b.Overrides[0].Reason != "另有2件在区政府门户网站发布，尚未迁入" {
			t.Errorf("built: issued %v, overrides %+v; want 3 overriding 1 with the reason", b.Report.Proactive.NormativeDocuments.Issued, b.Overrides)
		}
		evs, err := (&audit.Log{Store: st}).Search(ctx, audit.CLI, audit.Filter{Action: annual.ActSave})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 || !strings.Contains(evs[0].Detail, "记录1→填报3（理由：另有2件在区政府门户网站发布，尚未迁入）") {
			t.Errorf("audit of the save: %+v", evs)
		}

		// An agency without records enters table 二 by hand: no reason asked.
		if err := w.svc.Save(ctx, w.headB, w.b.ID, year, zeros("2023-01-15")); err != nil {
			t.Errorf("hand entries of an agency without records: %v", err)
		}

		// Entries saved before records existed become overrides without a
		// reason: publication is refused until one is given.
		w.svc.Records = nil
		e = zeros("2023-01-15")
		e.Proactive.LicensingDecisions = report.N(4)
		if err := w.svc.Save(ctx, w.head, w.a.ID, year, e); err != nil {
			t.Fatal(err)
		}
		w.svc.Records = cat
		_, err = w.svc.Publish(ctx, w.head, w.a.ID, year)
		if key, _ := apperr.MessageOf(err); key != "annual.override_reason" {
			t.Errorf("publish with unexplained overrides: %v; want annual.override_reason", err)
		}
	})
}
