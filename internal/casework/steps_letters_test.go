package casework_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// numbered is fakeStationery with a 机关代字, so letters carry 文号.
type numbered struct{ fakeStationery }

func (n *numbered) Letterhead(ctx context.Context, id int64) (letter.Settings, error) {
	s, err := n.fakeStationery.Letterhead(ctx, id)
	s.NumberPrefix = "北司公开"
	return s, err
}

// registered registers an in-person application on day and returns its
// receipt (with the query code the applicant downloads letters with).
func (w *world) registered(content string, day calendar.Date) casework.Receipt {
	w.t.Helper()
	w.today = day
	return w.reg(w.svc.Register(context.Background(), w.clerk, casework.Registration{Application: w.application(content),
		Submission: request.Submission{Channel: request.InPerson, Submitted: day}}))
}

// step takes st on id as who on day; it fails the test on an error.
func (w *world) step(who casework.Staffer, id int64, day string, st casework.Step) casework.View {
	w.t.Helper()
	w.today = d(day)
	return w.v(w.svc.Step(context.Background(), who, id, st))
}

// refused checks that st on id as who on day is refused with key.
func (w *world) refused(who casework.Staffer, id int64, day string, st casework.Step, key string) {
	w.t.Helper()
	w.today = d(day)
	_, err := w.svc.Step(context.Background(), who, id, st)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Key != key {
		w.t.Errorf("%s on %s: %v; want %s", st.Action, day, err, key)
	}
}

// public is the applicant's letter kind of rc, as text.
func (w *world) public(rc casework.Receipt, kind letter.Kind) (*letter.Letter, string) {
	w.t.Helper()
	l, err := w.svc.PublicLetter(context.Background(), rc.Tracking, rc.QueryCode, string(kind))
	if err != nil {
		w.t.Fatalf("applicant's %s letter: %v", kind, err)
	}
	return l, letterText(l)
}

// wants fails for each of subs that text lacks.
func wants(t *testing.T, name, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(text, s) {
			t.Errorf("%s lacks %q:\n%s", name, s, text)
		}
	}
}

// TestArticle35ThroughSteps: 条例第三十五条 through casework.Step. The
// agency must ask for reasons (说明理由通知书, with its period) before a
// 延迟答复 or a 不予处理; the delay sends a 延迟答复告知书 and moves the due
// date to the day set; a 不予处理 after the period without an answer says
// so and names the notice.
func TestArticle35ThroughSteps(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Stationery = &numbered{fakeStationery{issued: map[string]int{}}}
		rc := w.registered("各街道2023年逐月信访件数", d("2024-03-04"))
		id := rc.RequestID
		w.step(w.clerk, id, "2024-03-04", casework.Step{Action: request.ActStart})
		w.refused(w.head, id, "2024-03-20", casework.Step{Action: request.ActDelay, Until: d("2024-05-31"), Note: "数量大"}, "request.delay_without_reasons")
		w.refused(w.clerk, id, "2024-03-20", casework.Step{Action: request.ActDraft, Outcome: request.RejectedMassRepeated, Note: "x"}, "request.mass_without_reasons")

		w.step(w.clerk, id, "2024-03-20", casework.Step{Action: request.ActAskReasons, Until: d("2024-03-27"),
			Note: "您本月已向本机关提出申请42件，内容均为各街道逐月的同类数据", Dispatch: request.DispatchElectronic})
		l, text := w.public(rc, letter.KindReasons)
		if l.Title != "政府信息公开申请说明理由通知书" || l.Number == "" {
			t.Errorf("reasons notice: %q %q", l.Title, l.Number)
		}
		wants(t, "说明理由通知书", text, "第三十五条", "申请42件", "说明理由的期限至2024年3月27日（含当日）")
		if strings.Contains(text, "不服") {
			t.Errorf("the 说明理由通知书 decides nothing but has a remedy sentence:\n%s", text)
		}

		w.step(w.clerk, id, "2024-03-25", casework.Step{Action: request.ActReasonsGiven, Note: "撰写信访工作研究论文需要"})
		v := w.step(w.head, id, "2024-03-26", casework.Step{Action: request.ActDelay, Until: d("2024-05-31"), Note: "所申请的信息需要从14个街道逐件调取"})
		if v.Deadline == nil || v.Deadline.Due != d("2024-05-31") || v.Record.Due != d("2024-05-31") {
			t.Errorf("due after the delay: %v / %s; want 2024-05-31", v.Deadline, v.Record.Due)
		}
		l, text = w.public(rc, letter.KindDelay)
		if l.Title != "政府信息公开申请延迟答复告知书" {
			t.Errorf("delay letter title %q", l.Title)
		}
		wants(t, "延迟答复告知书", text, "第三十五条", "2024年3月20日", "北司公开〔2024〕", "2024年3月25日", "理由合理",
			"答复期限延迟至2024年5月31日（含当日）", "原答复期限为2024年4月1日", "14个街道")
		if strings.Contains(text, "不服") {
			t.Errorf("the 延迟答复告知书 has a remedy sentence:\n%s", text)
		}
		pv := w.pv(w.svc.Lookup(ctx, rc.Tracking, rc.QueryCode))
		if !slices.Contains(pv.Letters, letter.KindReasons) || !slices.Contains(pv.Letters, letter.KindDelay) {
			t.Errorf("applicant's letters %v; want the reasons notice and the delay letter", pv.Letters)
		}

		// A second request: reasons asked, none came; 不予处理 only after
		// the period.
		rc2 := w.registered("各街道2023年逐月信访件数（续）", d("2024-03-04"))
		id2 := rc2.RequestID
		w.step(w.clerk, id2, "2024-03-04", casework.Step{Action: request.ActStart})
		w.step(w.clerk, id2, "2024-03-05", casework.Step{Action: request.ActAskReasons, Until: d("2024-03-12"), Note: "本月已申请43件"})
		w.refused(w.clerk, id2, "2024-03-12", casework.Step{Action: request.ActDraft, Outcome: request.RejectedMassRepeated, Note: "x"}, "request.reasons_running")
		w.step(w.clerk, id2, "2024-03-13", casework.Step{Action: request.ActDraft, Outcome: request.RejectedMassRepeated, Note: "所申请信息与本月其他43件申请内容相同"})
		w.step(w.clerk, id2, "2024-03-13", casework.Step{Action: request.ActSubmit})
		w.step(w.head, id2, "2024-03-13", casework.Step{Action: request.ActApprove})
		w.step(w.clerk, id2, "2024-03-14", casework.Step{Action: request.ActReply})
		_, text = w.public(rc2, letter.KindReply)
		wants(t, "不予处理告知书", text, "2024年3月5日", "《政府信息公开申请说明理由通知书》（北司公开〔2024〕", "至2024年3月12日（含当日）",
			"在期限内未说明理由", "不予处理", "向宁波市北仑区人民政府申请行政复议")
	})
}

// TestTerminationLetters: a request ended for 逾期不补正 (条例第三十条), for
// 逾期未缴费 (the fee rules) or by withdrawal ends in a letter the applicant
// downloads. The fee period counts from the day the posted notice arrived.
func TestTerminationLetters(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		w.svc.Stationery = &numbered{fakeStationery{issued: map[string]int{}}}

		t.Run("no correction", func(t *testing.T) {
			rc := w.registered("有关文件", d("2024-03-04"))
			w.step(w.clerk, rc.RequestID, "2024-03-06", casework.Step{Action: request.ActRequestCorrection, Until: d("2024-03-15"),
				Note: "请写明文件名称或文号", Dispatch: request.DispatchPost})
			w.step(w.clerk, rc.RequestID, "2024-03-11", casework.Step{Action: request.ActDeliver, Delivered: d("2024-03-08")})
			w.step(w.clerk, rc.RequestID, "2024-03-18", casework.Step{Action: request.ActCorrectionExpired})
			l, text := w.public(rc, letter.KindReply)
			if l.Title != "政府信息公开申请终止处理告知书" || l.Number == "" {
				t.Errorf("title %q number %q", l.Title, l.Number)
			}
			wants(t, "逾期不补正", text, "第三十条", "2024年3月6日", "《政府信息公开申请补正告知书》（北司公开〔2024〕",
				"补正期限至2024年3月15日（含当日）", "不再处理", "向宁波市北仑区人民政府申请行政复议")
		})

		t.Run("fee unpaid", func(t *testing.T) {
			rc := w.registered("2023年度全部行政处罚决定书", d("2024-03-04"))
			id := rc.RequestID
			w.step(w.clerk, id, "2024-03-04", casework.Step{Action: request.ActStart})
			w.step(w.clerk, id, "2024-03-06", casework.Step{Action: request.ActFeeNotice, FeeMethod: request.PerPage, Pages: 150,
				Dispatch: request.DispatchPost})
			w.refused(w.clerk, id, "2024-04-08", casework.Step{Action: request.ActFeeExpired}, "request.fee_delivery_unknown")
			w.refused(w.clerk, id, "2024-03-12", casework.Step{Action: request.ActDeliver, Delivered: d("2024-03-13")}, "step.delivered_future")
			w.step(w.clerk, id, "2024-03-12", casework.Step{Action: request.ActDeliver, Delivered: d("2024-03-11")})
			// 20 working days from the day after 11 March end on 9 April
			// (清明 4–6 April off, Sunday 7 April worked); from the day
			// sent they would have ended on 3 April.
			w.refused(w.clerk, id, "2024-04-09", casework.Step{Action: request.ActFeeExpired}, "request.fee_running")
			w.step(w.clerk, id, "2024-04-10", casework.Step{Action: request.ActFeeExpired})
			l, text := w.public(rc, letter.KindReply)
			if l.Title != "政府信息公开申请终止处理告知书" {
				t.Errorf("title %q", l.Title)
			}
			wants(t, "逾期未缴费", text, "国办函〔2020〕109号", "2024年3月6日", "《政府信息公开信息处理费收费通知书》（北司公开〔2024〕",
				"1700元", "2024年3月11日送达", "至2024年4月9日（含当日）", "不再处理", "向宁波市北仑区人民政府申请行政复议")
		})

		t.Run("withdrawn", func(t *testing.T) {
			rc := w.registered("有关统计数据", d("2024-03-04"))
			w.step(w.clerk, rc.RequestID, "2024-03-07", casework.Step{Action: request.ActWithdraw, Note: "申请人当面书面撤回"})
			l, text := w.public(rc, letter.KindWithdrawal)
			if l.Title != "政府信息公开申请撤回确认书" || l.Number == "" {
				t.Errorf("title %q number %q", l.Title, l.Number)
			}
			wants(t, "撤回确认书", text, "2024年3月7日", "撤回", "不再处理")
			if strings.Contains(text, "不服") {
				t.Errorf("the withdrawal confirmation has a remedy sentence:\n%s", text)
			}
			if _, err := w.svc.PublicLetter(context.Background(), rc.Tracking, rc.QueryCode, string(letter.KindReply)); !errors.Is(err, apperr.NotFound) {
				t.Errorf("a withdrawn request has a reply letter: %v", err)
			}
		})
	})
}
