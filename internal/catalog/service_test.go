package catalog_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// fakeScanner finds an "ID number" wherever the text holds 身份证.
type fakeScanner struct {
	calls int
	names []string // the files it was given
}

func (f *fakeScanner) Scan(name string, r io.Reader) ([]catalog.Finding, error) {
	f.calls++
	f.names = append(f.names, name)
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if strings.Contains(string(b), "身份证") {
		return []catalog.Finding{{Kind: "id_card", Where: "第 1 行", Masked: "330206********12"}}, nil
	}
	return nil, nil
}

// world is a store with two agencies, staff in each role and a service
// whose clock the test moves.
type world struct {
	t     testing.TB
	st    *sqlstore.Store
	svc   *catalog.Service
	scan  *fakeScanner
	now   time.Time
	a, b  agency.Agency
	clerk catalog.Staff
	rev   catalog.Staff
	head  catalog.Staff
	other catalog.Staff // clerk of agency b
}

const creditCode = "11330206002882367P"

func newWorld(t testing.TB, st *sqlstore.Store) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{t: t, st: st, scan: &fakeScanner{}, now: time.Date(2022, 3, 10, 2, 0, 0, 0, time.UTC)}
	svc, err := catalog.NewService(st, &audit.Log{Store: st, Now: func() time.Time { return w.now }})
	if err != nil {
		t.Fatal(err)
	}
	w.svc = svc
	w.svc.Scanner = w.scan
	w.svc.Now = func() time.Time { return w.now }
	if w.a, err = st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: w.now}); err != nil {
		t.Fatal(err)
	}
	w.b, _ = st.CreateAgency(ctx, agency.Agency{Name: "北仑区教育局", CreatedAt: w.now})
	staff := func(id int64, agencyID int64, login string, r account.Role) catalog.Staff {
		return catalog.Staff{Subject: auth.Subject{UserID: id, Login: login, AgencyID: agencyID, Roles: []account.Role{r}}}
	}
	w.clerk, w.rev, w.head = staff(1, w.a.ID, "clerk", account.Clerk), staff(2, w.a.ID, "rev", account.Reviewer), staff(3, w.a.ID, "head", account.Head)
	w.other = staff(4, w.b.ID, "clerkb", account.Clerk)
	if err := w.svc.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: w.a.ID, CreditCode: creditCode, Level: catalog.LevelCounty}, w.a.Name); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) tick(d time.Duration) { w.now = w.now.Add(d) }

func (w *world) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func allTicked() catalog.Answers {
	a := catalog.Answers{}
	for _, c := range catalog.Checklist {
		a[c.ID] = true
	}
	return a
}

func normative(title string) catalog.Content {
	return catalog.Content{Title: title, DocNo: "仑司〔2022〕3号", Category: "rules/normative", DocType: catalog.Normative,
		FormedOn: calendar.D(2022, 3, 1), Validity: catalog.InForce, Summary: "规范行政执法。",
		Body: `<p onclick="x">第一条 为了规范……</p><script>alert(1)</script>`}
}

// publish drafts c and takes it through review to publication.
func (w *world) publish(c catalog.Content) int64 {
	w.t.Helper()
	ctx := context.Background()
	id, err := w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, c)
	w.must(err)
	w.tick(time.Hour)
	w.must(w.svc.Submit(ctx, w.clerk, id))
	w.tick(time.Hour)
	w.must(w.svc.Review(ctx, w.rev, id, allTicked()))
	w.tick(time.Hour)
	w.must(w.svc.Sign(ctx, w.head, id, time.Time{}))
	return id
}

func TestServiceWorkflow(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		id := w.publish(normative("北仑区司法局行政执法公示办法"))
		it, err := w.svc.Get(ctx, w.clerk, id)
		w.must(err)
		if it.State != catalog.Published || it.IndexNo != creditCode+"/2022-00001" || it.Live != 1 || len(it.Versions) != 1 {
			t.Fatalf("published item: state %s index %s live %d versions %d", it.State, it.IndexNo, it.Live, len(it.Versions))
		}
		if body := it.Versions[0].Content.Body; body != "<p>第一条 为了规范……</p>" {
			t.Errorf("stored body %q; want it sanitized", body)
		}
		if ch := it.Content.Channels; len(ch) != 1 || ch[0].Channel != catalog.PortalChannel || ch[0].On != calendar.D(2022, 3, 10) {
			t.Errorf("channels %v; want the portal on the day of publication", ch)
		}
		second := w.publish(normative("第二件"))
		if it, _ := w.svc.Get(ctx, w.clerk, second); it.IndexNo != creditCode+"/2022-00002" {
			t.Errorf("second index number %s", it.IndexNo)
		}

		// 勘误: a new version; the first stays.
		w.must(w.svc.Correct(ctx, w.clerk, id, "文号有误"))
		c := normative("北仑区司法局行政执法公示办法")
		c.DocNo = "仑司〔2022〕4号"
		w.must(w.svc.Edit(ctx, w.clerk, id, c))
		pub, _ := st.ListItems(ctx, catalog.Filter{AgencyID: w.a.ID, Public: true})
		if len(pub) != 2 || pub[0].Shown.DocNo != "仑司〔2022〕3号" {
			t.Errorf("during the correction the public list shows %+v; want version 1", pub)
		}
		w.must(w.svc.Submit(ctx, w.clerk, id))
		w.must(w.svc.Review(ctx, w.rev, id, allTicked()))
		w.must(w.svc.Sign(ctx, w.head, id, time.Time{}))
		it, _ = w.svc.Get(ctx, w.clerk, id)
		if len(it.Versions) != 2 || it.Versions[1].Kind != catalog.Correction || it.Versions[1].Note != "文号有误" ||
			it.Content.DocNo != "仑司〔2022〕4号" || it.Versions[0].Content.DocNo != "仑司〔2022〕3号" || it.IndexNo != creditCode+"/2022-00001" {
			t.Errorf("after the correction: %+v", it.Versions)
		}

		// Repeal, then withdraw: the record stays, with its reason.
		w.must(w.svc.SetValidity(ctx, w.head, id, catalog.Repealed, calendar.D(2022, 6, 1), creditCode+"/2022-00002", "被新办法取代"))
		w.must(w.svc.Withdraw(ctx, w.head, id, "已废止，不再展示"))
		it, _ = w.svc.Get(ctx, w.clerk, id)
		if it.State != catalog.Withdrawn || it.Withdrawal.Reason != "已废止，不再展示" || len(it.Versions) != 3 || it.Content.Validity != catalog.Repealed {
			t.Errorf("withdrawn: state %s versions %d validity %s", it.State, len(it.Versions), it.Content.Validity)
		}
		pub, _ = st.ListItems(ctx, catalog.Filter{AgencyID: w.a.ID, Public: true})
		if len(pub) != 1 {
			t.Errorf("public items after the withdrawal: %d; want 1", len(pub))
		}

		// Every step is in the audit log.
		evs, err := st.SearchAudit(ctx, audit.Filter{Action: "catalog.", ObjectID: "1", Limit: 100})
		w.must(err)
		var acts []string
		for _, e := range evs {
			acts = append(acts, e.Action)
		}
		got := strings.Join(acts, " ")
		for _, want := range []string{"catalog.create", "catalog.scan", "catalog.submit", "catalog.review", "catalog.sign", "catalog.correct", "catalog.edit", "catalog.set_validity", "catalog.withdraw"} {
			if !strings.Contains(got, want) {
				t.Errorf("audit log lacks %s: %s", want, got)
			}
		}
	})
}

func TestServiceFindingBlocks(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		c := normative("低保名单公示")
		c.Body = "<p>张三 身份证 330206...</p>"
		id, err := w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, c)
		w.must(err)
		w.must(w.svc.Submit(ctx, w.clerk, id))
		w.must(w.svc.Review(ctx, w.rev, id, allTicked()))
		err = w.svc.Sign(ctx, w.head, id, time.Time{})
		if key, args := apperr.MessageOf(err); apperr.KindOf(err) != apperr.Invalid || key != "catalog.flow.blocked" || len(args) != 1 || args[0] != 1 {
			t.Fatalf("sign with a finding: %v; want refused", err)
		}
		if err := w.svc.Override(ctx, w.rev, id, "理由"); apperr.KindOf(err) != apperr.Forbidden {
			t.Errorf("override by the reviewer: %v; want Forbidden", err)
		}
		w.must(w.svc.Override(ctx, w.head, id, "公示依法须列明"))
		w.must(w.svc.Sign(ctx, w.head, id, time.Time{}))
		it, _ := w.svc.Get(ctx, w.head, id)
		if it.State != catalog.Published || it.Overridden == nil || it.Overridden.Reason != "公示依法须列明" {
			t.Errorf("after the override: %s %+v", it.State, it.Overridden)
		}
	})
}

func TestServiceScheduledAndLate(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		c := normative("定时发布")
		c.FormedOn = calendar.D(2022, 1, 4) // 20 working days end 2022-02-08 (春节 01-31…02-06)
		id, _ := w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, c)
		w.must(w.svc.Submit(ctx, w.clerk, id))
		w.must(w.svc.Review(ctx, w.rev, id, allTicked()))
		at := w.now.Add(48 * time.Hour)
		w.must(w.svc.Sign(ctx, w.head, id, at))
		if n, err := w.svc.PublishDue(ctx); n != 0 || err != nil {
			t.Fatalf("PublishDue before the time: %d %v", n, err)
		}
		w.now = at
		if n, err := w.svc.PublishDue(ctx); n != 1 || err != nil {
			t.Fatalf("PublishDue at the time: %d %v", n, err)
		}
		rec, _ := st.Item(ctx, id)
		if rec.State != catalog.Published || !rec.Late || !rec.FirstPublished.Equal(at) || rec.IndexNo == "" {
			t.Errorf("scheduled item: %+v; want published late at %v", rec, at)
		}
	})
}

func TestServiceAccess(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		id := w.publish(normative("本机关文件"))
		if _, err := w.svc.Get(ctx, w.other, id); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("another agency's clerk reads: %v; want NotFound", err)
		}
		if err := w.svc.Correct(ctx, w.other, id, "x"); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("another agency's clerk corrects: %v; want NotFound", err)
		}
		if err := w.svc.Withdraw(ctx, w.clerk, id, "x"); apperr.KindOf(err) != apperr.Forbidden {
			t.Errorf("the clerk withdraws: %v; want Forbidden", err)
		}
		if _, err := w.svc.Create(ctx, w.rev, w.a.ID, w.a.Name, normative("x")); apperr.KindOf(err) != apperr.Forbidden && apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("the reviewer drafts: %v; want refused", err)
		}
		if err := st.InTx(ctx, func(ctx context.Context) error { return nil }); err != nil {
			t.Fatal(err)
		}
		evs, _ := st.SearchAudit(ctx, audit.Filter{Result: audit.ResultDenied, Limit: 10})
		if len(evs) < 3 {
			t.Errorf("denied attempts audited: %d; want 3 or more", len(evs))
		}
	})
}

func TestServiceAttachmentsAreScanned(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		w.svc.Blobs = memBlobs(t)
		ctx := context.Background()
		id, err := w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, normative("低保公示"))
		w.must(err)
		if err := w.svc.Attach(ctx, w.clerk, id, "名单.exe", strings.NewReader("x")); apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("an .exe: %v; want refused", err)
		}
		if err := w.svc.Attach(ctx, w.other, id, "名单.txt", strings.NewReader("x")); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("another agency's clerk uploads: %v; want NotFound", err)
		}
		// A file of the same name replaces the first (the clerk corrects a
		// file): one attachment, the second's bytes.
		w.must(w.svc.Attach(ctx, w.clerk, id, "名单.txt", strings.NewReader("y")))
		w.must(w.svc.Attach(ctx, w.clerk, id, `C:\\文件\\名单.txt`, strings.NewReader("张三 身份证 330206…")))
		w.must(w.svc.Submit(ctx, w.clerk, id))
		it, _ := w.svc.Get(ctx, w.rev, id)
		if len(it.Content.Attachments) != 1 || it.Content.Attachments[0].Name != "名单.txt" || len(it.Findings) != 1 || it.Findings[0].File != "名单.txt" {
			t.Fatalf("attachments %+v findings %+v", it.Content.Attachments, it.Findings)
		}
		a, rc, err := w.svc.OpenAttachment(ctx, w.rev, id, 1)
		w.must(err)
		b, _ := io.ReadAll(rc)
		rc.Close()
		if string(b) != "张三 身份证 330206…" || a.Size != int64(len(b)) {
			t.Errorf("opened %q (%d bytes)", b, a.Size)
		}
		if _, _, err := w.svc.OpenAttachment(ctx, w.other, id, 1); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("another agency opens: %v", err)
		}
	})
}
