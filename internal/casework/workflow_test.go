package casework_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

var d = calendar.MustParse

// TestFullPath drives one request through the whole workflow: online
// submission → confirmation → 补正 → correction → handling → extension →
// draft → review → approval → reply → filing, checking the due date, the
// applicant's notices, the audit trail and the public lookup at each turn.
func TestFullPath(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.today = d("2024-03-01") // a Friday
		rc := w.rc(w.svc.Submit(ctx, w.application("2023年度部门预算执行情况"), "203.0.113.9"))
		if rc.Tracking != "2024-0001" || len(rc.QueryCode) != 10 {
			t.Fatalf("receipt %+v", rc)
		}
		pv := w.pv(w.svc.Lookup(ctx, rc.Tracking, rc.QueryCode))
		if pv.StateLabel != "待确认" || !pv.Due.IsZero() || len(pv.Notices) != 1 {
			t.Errorf("before confirmation: %+v", pv)
		}
		if _, err := w.svc.Lookup(ctx, rc.Tracking, "WRONGCODE2"); !errors.Is(err, apperr.NotFound) {
			t.Errorf("wrong code: %v", err)
		}
		if _, err := w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActStart}); !errors.Is(err, apperr.Conflict) {
			t.Errorf("start before confirmation: %v; want Conflict", err)
		}

		// Confirmed on Monday 4 March: the receipt date (第三十一条第（三）项).
		w.today = d("2024-03-04")
		w.h(w.svc.Confirm(ctx, w.clerk, rc.RequestID, calendar.Date{}))
		v := w.v(w.svc.Get(ctx, w.clerk, rc.RequestID))
		if v.Record.Received != d("2024-03-04") || v.Deadline == nil || v.Deadline.Due != d("2024-04-01") {
			t.Fatalf("after confirmation: received %s due %v", v.Record.Received, v.Deadline)
		}
		if v.Record.IDNumber != "1101**********002X" || v.Record.Phone != "138****5678" {
			t.Errorf("masked personal data: %q %q", v.Record.IDNumber, v.Record.Phone)
		}

		w.today = d("2024-03-06")
		v = w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActRequestCorrection, Until: d("2024-03-20"), Note: "请写明预算执行情况的具体项目"}))
		if v.Record.State != string(request.CorrectionRequested) || v.Deadline == nil {
			t.Fatalf("state %s", v.Record.State)
		}
		w.today = d("2024-03-11")
		v = w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActReceiveCorrection}))
		// 20 working days from 11 March, over 清明 (4–6 April off, Sunday 7 April worked).
		if v.Deadline.Due != d("2024-04-09") {
			t.Errorf("after correction due %s; want 2024-04-09", v.Deadline.Due)
		}
		w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActStart}))
		if _, err := w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActExtend, On: d("2024-04-01"), Days: 20, Note: "涉及多个科室"}); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("clerk extends: %v; want Forbidden", err)
		}
		w.today = d("2024-04-01")
		v = w.v(w.svc.Step(ctx, w.head, rc.RequestID, casework.Step{Action: request.ActExtend, Days: 20, Note: "涉及多个科室，需要汇总"}))
		if v.Deadline.Due != d("2024-05-09") || !v.Record.Extended {
			t.Errorf("after extension due %s; want 2024-05-09", v.Deadline.Due)
		}
		if _, err := w.svc.Step(ctx, w.head, rc.RequestID, casework.Step{Action: request.ActExtend, Days: 5, Note: "再延"}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("second extension: %v; want Invalid", err)
		}
		w.today = d("2024-04-15")
		w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActDraft, Outcome: request.Granted, Note: "已主动公开，告知获取方式"}))
		w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActSubmit}))
		if _, err := w.svc.Step(ctx, w.rev, rc.RequestID, casework.Step{Action: request.ActApprove}); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("reviewer approves: %v; want Forbidden", err)
		}
		w.v(w.svc.Step(ctx, w.rev, rc.RequestID, casework.Step{Action: request.ActReview, Note: "同意"}))
		w.today = d("2024-04-16")
		w.v(w.svc.Step(ctx, w.head, rc.RequestID, casework.Step{Action: request.ActApprove, Note: "同意答复"}))
		w.today = d("2024-04-17")
		v = w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActReply}))
		if v.Record.Outcome != request.Granted || v.Record.Ended != d("2024-04-17") || v.Record.State != string(request.Replied) {
			t.Errorf("after reply %+v", v.Record)
		}
		v = w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActClose}))
		if v.Record.State != string(request.Closed) || len(v.Events) != 11 {
			t.Errorf("closed: state %s, %d events", v.Record.State, len(v.Events))
		}

		pv = w.pv(w.svc.Lookup(ctx, rc.Tracking, strings.ToLower(rc.QueryCode)))
		if pv.Outcome != "予以公开" || pv.Ended != d("2024-04-17") || len(pv.Notices) != 11 {
			t.Errorf("public view %+v (%d notices)", pv, len(pv.Notices))
		}
		var all []string
		for _, n := range pv.Notices {
			all = append(all, n.Body)
		}
		text := strings.Join(all, "\n")
		for _, want := range []string{"补正", "延长 20 个工作日", "答复期限：2024-04-09", "答复：予以公开"} {
			if !strings.Contains(text, want) {
				t.Errorf("notices lack %q:\n%s", want, text)
			}
		}
		for _, never := range []string{"11010519491231002X", "13812345678", "明州路", "张三"} {
			if strings.Contains(text, never) || strings.Contains(pv.Tracking, never) {
				t.Errorf("public view shows personal data %q", never)
			}
		}
		evs, err := w.log.Store.SearchAudit(ctx, audit.Filter{ObjectType: "request", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		acts := map[string]int{}
		for _, e := range evs {
			acts[e.Action+"/"+string(e.Result)]++
		}
		for _, want := range []string{"request.submit/ok", "request.register/ok", "request.request_correction/ok",
			"request.receive_correction/ok", "request.extend/ok", "request.extend/denied", "request.review/ok",
			"request.approve/ok", "request.approve/denied", "request.reply/ok", "request.close/ok"} {
			if acts[want] == 0 {
				t.Errorf("no audit event %s (have %v)", want, acts)
			}
		}
	})
}

// TestEndings checks each way a request can end besides a reply.
func TestEndings(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		register := func(content string) int64 {
			w.today = d("2024-03-04")
			rc := w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application(content),
				Submission: request.Submission{Channel: request.InPerson, Submitted: d("2024-03-04")}}))
			w.today = d("2024-06-28") // later steps give their dates
			return rc.RequestID
		}
		t.Run("no correction", func(t *testing.T) {
			w.t = t
			id := register("某小区房屋征收补偿方案")
			if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActRequestCorrection, On: d("2024-07-01"), Until: d("2024-07-19"), Note: "请写明小区名称"}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("a step dated after today: %v; want Invalid", err)
			}
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActRequestCorrection, On: d("2024-03-05"), Until: d("2024-03-19"), Note: "请写明小区名称"}))
			if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActCorrectionExpired, On: d("2024-03-19")}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("expiry on the last day: %v; want Invalid", err)
			}
			v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActCorrectionExpired, On: d("2024-03-20")}))
			if v.Record.Outcome != request.OtherNoCorrection || v.Record.State != string(request.EndedNoCorrection) {
				t.Errorf("got %s %s", v.Record.State, v.Record.Outcome)
			}
		})
		t.Run("fee unpaid", func(t *testing.T) {
			w.t = t
			id := register("某河道整治工程招标文件")
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart, On: d("2024-03-05")}))
			v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActFeeNotice, On: d("2024-03-06"), FeeMethod: request.PerPage, Pages: 150}))
			if v.Record.Fee != "" || v.Record.State != string(request.AwaitingFee) {
				t.Errorf("fee notice: fee %q state %s", v.Record.Fee, v.Record.State)
			}
			if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActFeeExpired, On: d("2024-03-20")}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("early expiry: %v", err)
			}
			v = w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActFeeExpired, On: d("2024-04-08")}))
			if v.Record.Outcome != request.OtherFeeUnpaid || v.Record.Fee != "" {
				t.Errorf("got %s, fee %q", v.Record.Outcome, v.Record.Fee)
			}
		})
		t.Run("fee paid", func(t *testing.T) {
			w.t = t
			id := register("某河道整治工程招标文件（二）")
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart, On: d("2024-03-05")}))
			before := w.v(w.svc.Get(ctx, w.clerk, id)).Record.Due
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActFeeNotice, On: d("2024-03-06"), FeeMethod: request.PerPage, Pages: 150}))
			v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActFeePaid, On: d("2024-03-11")}))
			cal := calendar.National()
			if v.Record.Fee != "1700" || v.Record.Due != cal.AddWorkdays(before, 3) {
				t.Errorf("after payment: fee %q, due %s (was %s; want 3 working days later)", v.Record.Fee, v.Record.Due, before)
			}
			if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActFeeNotice, On: d("2024-03-12"), FeeMethod: request.PerRequest}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("a first request of the month is free: %v", err)
			}
		})
		t.Run("consultation pauses", func(t *testing.T) {
			w.t = t
			id := register("某企业行政处罚决定书")
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart, On: d("2024-03-05")}))
			before := w.v(w.svc.Get(ctx, w.clerk, id)).Record.Due
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActConsult, On: d("2024-03-06"), Pause: request.PauseThirdParty, Party: "宁波某某建设有限公司", Note: "征求企业意见"}))
			v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActConsultAnswered, On: d("2024-03-13"), Note: "不同意公开"}))
			cal := calendar.National()
			if want := cal.AddWorkdays(before, cal.WorkdaysBetween(d("2024-03-06"), d("2024-03-13"))); v.Record.Due != want {
				t.Errorf("due after a 5-day pause %s; want %s (was %s)", v.Record.Due, want, before)
			}
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, On: d("2024-03-14"), Outcome: request.WithheldThirdParty, Note: "第三方不同意公开"}))
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit, On: d("2024-03-14")}))
			w.v(w.svc.Step(ctx, w.rev, id, casework.Step{Action: request.ActReturn, On: d("2024-03-15"), Note: "理由不充分"}))
			v = w.v(w.svc.Get(ctx, w.clerk, id))
			if v.Record.State != string(request.DraftReply) {
				t.Errorf("returned draft in state %s", v.Record.State)
			}
		})
		t.Run("withdrawn", func(t *testing.T) {
			w.t = t
			id := register("城市总体规划修编过程稿")
			v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActWithdraw, On: d("2024-03-05"), Note: "申请人书面撤回"}))
			if v.Record.Outcome != request.OtherOther || v.Record.Ended != d("2024-03-05") {
				t.Errorf("got %s %s", v.Record.Outcome, v.Record.Ended)
			}
			if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart, On: d("2024-03-06")}); !errors.Is(err, apperr.Conflict) {
				t.Errorf("start after withdrawal: %v", err)
			}
		})
		t.Run("one outcome only", func(t *testing.T) {
			w.t = t
			id := register("本人社会保险缴费记录")
			w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart, On: d("2024-03-05")}))
			if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, On: d("2024-03-05"), Outcome: "granted_and_withheld"}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("unknown outcome: %v", err)
			}
			if _, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, On: d("2024-03-05"), Outcome: request.OtherFeeUnpaid}); !errors.Is(err, apperr.Invalid) {
				t.Errorf("ending outcome as a reply: %v", err)
			}
		})
	})
}

// TestRegisterReceiptDates applies 第三十一条 to staff registrations.
func TestRegisterReceiptDates(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.today = d("2024-03-08")
		tests := []struct {
			name string
			sub  request.Submission
			want calendar.Date
			ok   bool
		}{
			{"visit", request.Submission{Channel: request.InPerson, Submitted: d("2024-03-04")}, d("2024-03-04"), true},
			{"signed post", request.Submission{Channel: request.PostSigned, Submitted: d("2024-03-01"), Signed: d("2024-03-05")}, d("2024-03-05"), true},
			{"plain post", request.Submission{Channel: request.PostPlain, Submitted: d("2024-03-01"), Confirmed: d("2024-03-06")}, d("2024-03-06"), true},
			{"fax unconfirmed", request.Submission{Channel: request.Fax, Submitted: d("2024-03-01")}, calendar.Date{}, false},
			{"e-mail", request.Submission{Channel: request.Email, Submitted: d("2024-03-02"), Confirmed: d("2024-03-04")}, d("2024-03-04"), true},
		}
		for _, tt := range tests {
			rc, _, err := w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application("规划许可 " + tt.name), Submission: tt.sub})
			if (err == nil) != tt.ok {
				t.Errorf("%s: err = %v; want ok=%v", tt.name, err, tt.ok)
				continue
			}
			if tt.ok && rc.Received != tt.want {
				t.Errorf("%s: received %s; want %s", tt.name, rc.Received, tt.want)
			}
		}
		bad := w.application("x")
		bad.IDNumber = "110105194912310021"
		if _, _, err := w.svc.Register(ctx, w.clerk, casework.Registration{Application: bad,
			Submission: request.Submission{Channel: request.InPerson, Submitted: d("2024-03-04")}}); !errors.Is(err, apperr.Invalid) {
			t.Errorf("bad check digit: %v", err)
		}
	})
}

// TestHints: the volume flag and likely repeats are shown, never enforced.
// A repeat is only pointed out against a request that was answered
// (条例第三十六条第（六）项): 2024-0001 was withdrawn, 2024-0003 ended
// without its correction, so only the answered 2024-0002 is named.
func TestHints(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Volume = request.VolumeThreshold{PerMonth: 3}
		var hints casework.Hints
		for i := range 4 {
			w.today = d("2024-05-06").AddDays(i)
			rc, h, err := w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application("某路段拓宽工程的环境影响评价文件"),
				Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}})
			if err != nil {
				t.Fatalf("request %d refused: %v", i+1, err)
			}
			hints = h
			switch i {
			case 0:
				w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActWithdraw, On: w.today, Note: "测试"}))
			case 1:
				w.answer(rc.RequestID, request.Granted)
			case 2:
				w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActRequestCorrection, Until: w.today.AddDays(1), Note: "请写明路段"}))
				w.today = w.today.AddDays(2)
				w.v(w.svc.Step(ctx, w.clerk, rc.RequestID, casework.Step{Action: request.ActCorrectionExpired}))
			}
		}
		if hints.Volume == nil || hints.Volume.Month != 4 {
			t.Errorf("volume flag %+v; want the 4th request of the month flagged", hints.Volume)
		}
		if len(hints.Repeats) != 1 || hints.Repeats[0].Prior.ID != "2024-0002" {
			t.Errorf("repeats %+v; want only the answered 2024-0002 (not the withdrawn 0001 nor the abandoned 0003)", hints.Repeats)
		}
	})
}
