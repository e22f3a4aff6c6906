package casework_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// TestReleasedFiles walks a 部分公开 reply by 网上获取 (#9: the reply gave
// the applicant nothing): the reply is refused until a released file is
// attached; only a clerk of the handling agency attaches or removes one,
// and only before the reply; the applicant sees and downloads it only
// after the reply, with the tracking number and query code, and every
// download is audited; another request's code never opens it (IDOR); the
// letter says where to download.
func TestReleasedFiles(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Stationery = &fakeStationery{issued: map[string]int{}}
		register := func(content string) casework.Receipt {
			a := w.application(content)
			a.Delivery = casework.DeliveryOnline
			return w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{Application: a,
				Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}}))
		}
		rc, other := register("2023年法律援助案件统计表"), register("2023年法律援助经费")
		id := rc.RequestID
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart}))
		stage := func(name, body string) casework.File {
			f, err := w.svc.Stage(ctx, name, "application/pdf", strings.NewReader(body))
			w.check(err)
			return f
		}
		if _, err := w.svc.AddRelease(ctx, w.clerkB, id, stage("x.pdf", "%PDF-1.4 x")); err == nil {
			t.Error("a clerk of another agency released a file")
		}
		if _, err := w.svc.AddRelease(ctx, w.head, id, stage("x.pdf", "%PDF-1.4 x")); err == nil {
			t.Error("the head (no request.handle) released a file")
		}
		bad, err := w.svc.AddRelease(ctx, w.clerk, id, stage("未遮盖.pdf", "%PDF-1.4 unredacted"))
		w.check(err)
		w.check(w.svc.RemoveRelease(ctx, w.clerk, id, bad.ID))
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, Outcome: request.PartiallyGranted,
			Note: "涉及受援人个人隐私", Reply: request.ReplyDetail{Withheld: "受援人姓名、住址栏", Ground: request.WithheldThirdParty}}))
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit}))
		w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActApprove}))
		_, err = w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActReply})
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Key != "release.missing" {
			t.Fatalf("reply by 网上获取 without a released file: %v; want release.missing", err)
		}
		f, err := w.svc.AddRelease(ctx, w.clerk, id, stage("统计表（遮盖后）.pdf", "%PDF-1.4 redacted"))
		w.check(err)
		if v := w.pv(w.svc.Lookup(ctx, rc.Tracking, rc.QueryCode)); len(v.Released) != 0 {
			t.Errorf("released files listed before the reply: %+v", v.Released)
		}
		if _, _, err := w.svc.PublicRelease(ctx, rc.Tracking, rc.QueryCode, f.ID, "203.0.113.9"); !errors.Is(err, apperr.NotFound) {
			t.Errorf("download before the reply: %v; want NotFound", err)
		}
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActReply}))
		if err := w.svc.RemoveRelease(ctx, w.clerk, id, f.ID); !errors.Is(err, apperr.Conflict) {
			t.Errorf("removal after the reply: %v; want Conflict", err)
		}

		v := w.pv(w.svc.Lookup(ctx, rc.Tracking, rc.QueryCode))
		if len(v.Released) != 1 || v.Released[0].ID != f.ID || v.Released[0].Name != "统计表（遮盖后）.pdf" {
			t.Fatalf("status page files %+v; want the one released file", v.Released)
		}
		a, body, err := w.svc.PublicRelease(ctx, rc.Tracking, rc.QueryCode, f.ID, "203.0.113.9")
		w.check(err)
		got, _ := io.ReadAll(body)
		body.Close()
		if string(got) != "%PDF-1.4 redacted" || a.Name != "统计表（遮盖后）.pdf" {
			t.Errorf("downloaded %q as %q", got, a.Name)
		}
		for _, tc := range []struct{ name, tracking, code string }{
			{"wrong code", rc.Tracking, "AAAAAAAAAA"},
			{"another request's code", other.Tracking, other.QueryCode},
		} {
			if _, _, err := w.svc.PublicRelease(ctx, tc.tracking, tc.code, f.ID, "203.0.113.9"); !errors.Is(err, apperr.NotFound) {
				t.Errorf("%s: %v; want NotFound", tc.name, err)
			}
		}
		evs, err := w.log.Store.SearchAudit(ctx, audit.Filter{Action: "request.release_download", Limit: 10})
		w.check(err)
		if len(evs) != 1 || !strings.Contains(evs[0].Detail, rc.Tracking) || evs[0].IP != "203.0.113.9" {
			t.Errorf("download audit events %+v; want the one download", evs)
		}
		for _, action := range []string{"request.release_add", "request.release_remove"} {
			if evs, _ := w.log.Store.SearchAudit(ctx, audit.Filter{Action: action, Limit: 10}); len(evs) == 0 {
				t.Errorf("no %s audit event", action)
			}
		}
		l, err := w.svc.PublicLetter(ctx, rc.Tracking, rc.QueryCode, string(letter.KindReply))
		w.check(err)
		if text := letterText(l); !strings.Contains(text, "请凭登记号和查询码") || !strings.Contains(text, "下载") {
			t.Errorf("the letter does not say where to download:\n%s", text)
		}
	})
}
