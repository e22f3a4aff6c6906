package demo_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// seedCatalog seeds the demo agencies, accounts and catalogue as serve
// --demo does, and returns the catalogue service and 北仑区司法局.
func seedCatalog(t *testing.T, st *sqlstore.Store) (*catalog.Service, agency.Agency, demo.CatalogResult) {
	t.Helper()
	ctx := context.Background()
	log := &audit.Log{Store: st}
	settings, _ := auth.NewSettings("dengbao", 5, 15*time.Minute, false)
	settings.Hash = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
	ags, err := agency.NewService(st, log)
	if err != nil {
		t.Fatal(err)
	}
	auths, err := auth.NewService(st, log, settings)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, ags, auths); err != nil {
		t.Fatal(err)
	}
	svc, err := catalog.NewService(st, log)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	svc.Blobs, svc.Scanner = bs, catalog.DocScanner{}
	res, err := demo.SeedCatalog(ctx, st, svc)
	if err != nil {
		t.Fatal(err)
	}
	justice, err := st.AgencyByName(ctx, demo.Justice)
	if err != nil {
		t.Fatal(err)
	}
	return svc, justice, res
}

// TestSeedCatalog checks the demo catalogue of 北仑区司法局 against what its
// report on 2022 says: table 二 compiled from the records equals the
// published table 二 cell for cell (testdata/reports), 63 items on the
// portal in 2022, a WeChat account silent since September 2022, late
// items under 第二十六条, 解读 linked both ways, and one item waiting in
// review whose attachment holds an unmasked 身份证号. Seeding again adds
// nothing. On SQLite and PostgreSQL.
func TestSeedCatalog(t *testing.T) {
	f, err := os.Open(beilun)
	if err != nil {
		t.Fatal(err)
	}
	want, err := report.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		svc, justice, res := seedCatalog(t, st)
		if res.Imported != 66 || res.Late != 3 || res.Findings != 0 || res.DraftID == 0 {
			t.Errorf("seed: %+v; want 66 items imported, 3 late, no scanner finding, a draft", res)
		}

		t2, err := svc.Table2(ctx, justice.ID, demo.JusticeReportYear)
		if err != nil {
			t.Fatal(err)
		}
		if t2.Proactive != want.Proactive {
			t.Errorf("table 二 from records:\n got %+v\nwant %+v (the published report)", t2.Proactive, want.Proactive)
		}
		if got := t2.Cells["proactive.normative_documents.in_force"]; len(got) != 1 || got[0] != demo.JusticeCreditCode+"/2021-00006" {
			t.Errorf("records behind 现行有效: %v", got)
		}

		facts, err := svc.Facts(ctx, justice.ID, demo.JusticeReportYear)
		if err != nil {
			t.Fatal(err)
		}
		if facts.Published != 63 || facts.Channels[catalog.PortalChannel] != 63 || facts.Channels["wechat"] != 30 || facts.Late != 3 {
			t.Errorf("2022 facts: %+v; want 63 published, 63 on the portal, 30 on WeChat, 3 late", facts)
		}
		if len(facts.Columns) < 10 {
			t.Errorf("2022 items fill %d top columns; want the items spread across columns", len(facts.Columns))
		}

		chs, err := svc.Channels(ctx, justice.ID, calendar.D(2022, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(chs, func(c catalog.ChannelStatus) bool { return c.Channel == "wechat" })
		if i < 0 || !chs[i].Stale || chs[i].Last != calendar.D(2022, 9, 2) {
			t.Errorf("channels at the end of 2022: %+v; want WeChat stale, last post 2022-09-02", chs)
		}

		doc, err := svc.PublicItem(ctx, demo.JusticeCreditCode+"/2021-00006")
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.InterpretedBy) != 1 || !doc.InterpretedBy[0].Public || !strings.Contains(doc.InterpretedBy[0].Title, "政策解读") {
			t.Errorf("the 规范性文件 in force is interpreted by %+v; want its 政策解读", doc.InterpretedBy)
		}
		old, err := svc.PublicItem(ctx, demo.JusticeCreditCode+"/2018-00004")
		if err != nil {
			t.Fatal(err)
		}
		if old.Version.Content.Validity != catalog.Repealed || old.ReplacedBy == nil || old.ReplacedBy.IndexNo != doc.Record.IndexNo {
			t.Errorf("the 2018 trial rules: validity %s, replaced by %+v; want repealed by the 2021 rules", old.Version.Content.Validity, old.ReplacedBy)
		}
		interps, err := svc.PublicCount(ctx, catalog.PublicQuery{AgencyIDs: []int64{justice.ID}, DocType: catalog.Interpretation})
		if err != nil || interps < 3 {
			t.Errorf("政策解读 on the portal: %d, %v; want some", interps, err)
		}

		u, err := st.UserByLogin(ctx, "demo-reviewer")
		if err != nil {
			t.Fatal(err)
		}
		reviewer := catalog.Staff{Subject: auth.Subject{UserID: u.ID, Login: u.Login, AgencyID: justice.ID, Roles: []account.Role{account.Reviewer}}}
		it, err := svc.Get(ctx, reviewer, res.DraftID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]bool{}
		for _, f := range it.Findings {
			kinds[f.Kind] = true
		}
		if it.State != catalog.InReview || !kinds["id_card"] || !it.Blocked() || len(it.Content.Attachments) != 1 {
			t.Errorf("the draft: state %s, findings %+v, blocked %v; want in review, blocked by an id_card finding in its attachment",
				it.State, it.Findings, it.Blocked())
		}

		again, err := demo.SeedCatalog(ctx, st, svc)
		if err != nil || again.Imported != 0 || again.DraftID != 0 {
			t.Errorf("second seeding: %+v, %v; want nothing", again, err)
		}
	})
}
