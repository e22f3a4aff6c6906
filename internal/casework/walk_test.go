package casework_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/request"
)

// replyOutcomes are the outcomes a draft may choose (not the endings).
var replyOutcomes = func() []request.Outcome {
	var out []request.Outcome
	for _, o := range request.Outcomes() {
		if o.Reply && o.ID != request.UnavailableUnclear {
			out = append(out, o.ID)
		}
	}
	return out
}()

// dispatches are the ways a walk sends its notices, unstated included.
var dispatches = []request.Dispatch{"", request.DispatchInPerson, request.DispatchElectronic, request.DispatchPost}

// TestRandomWalk takes requests through random allowed steps on random
// days and checks after every step that the stored columns are what a
// replay of the stored history gives — state, receipt, correction, outcome,
// ending, and the due date as of the step — and at the end that the year's
// report compiled from the database balances.
func TestRandomWalk(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		rng := rand.New(rand.NewPCG(7, 11))
		cal := calendar.National()
		steps := 0
		for i := range 20 {
			w.today = d("2024-01-02").AddDays(i * 9)
			rc := w.reg(w.svc.Register(ctx, w.combo, casework.Registration{Application: w.application(fmt.Sprintf("随机申请 %d", i)),
				Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}}))
			day := w.today
			for range 16 {
				v := w.v(w.svc.Get(ctx, w.combo, rc.RequestID))
				if len(v.Allowed) == 0 {
					break
				}
				a := v.Allowed[rng.IntN(len(v.Allowed))]
				day = day.AddDays(rng.IntN(4))
				var err error
				switch a {
				case request.ActRequestCorrection:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActRequestCorrection, On: day, Until: day.AddDays(10), Note: "请补充说明", Dispatch: dispatches[rng.IntN(len(dispatches))]})
				case request.ActReceiveCorrection:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActReceiveCorrection, On: day})
				case request.ActCorrectionExpired:
					day = day.AddDays(14)
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActCorrectionExpired, On: day})
				case request.ActStart:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActStart, On: day})
				case request.ActSplit:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActSplit, On: day, Items: []string{"随机申请甲项", "随机申请乙项"}})
				case request.ActConsult:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActConsult, On: day, Pause: request.PauseOtherAgency, Party: "北仑区住建局", Note: "征求意见", Dispatch: dispatches[rng.IntN(len(dispatches))]})
				case request.ActConsultAnswered:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActConsultAnswered, On: day, Note: "已答复"})
				case request.ActFeeNotice:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActFeeNotice, On: day, FeeMethod: request.PerPage, Pages: 31 + rng.IntN(300), Dispatch: dispatches[rng.IntN(len(dispatches))]})
				case request.ActFeePaid:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActFeePaid, On: day})
				case request.ActFeeExpired:
					day = day.AddDays(40)
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActFeeExpired, On: day})
				case request.ActExtend:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActExtend, On: day, Days: 1 + rng.IntN(20), Note: "情况复杂"})
				case request.ActRequestExtension:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActRequestExtension, On: day, Days: 1 + rng.IntN(20), Note: "材料多"})
				case request.ActRefuseExtension:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActRefuseExtension, On: day, Note: "可以按期答复"})
				case request.ActReview:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActReview, On: day, Note: "同意"})
				case request.ActAskReasons:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActAskReasons, On: day, Until: day.AddDays(7), Note: "本月申请42件"})
				case request.ActReasonsGiven:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActReasonsGiven, On: day, Note: "研究需要"})
				case request.ActDeliver:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActDeliver, On: day, Delivered: day.AddDays(-rng.IntN(2))})
				case request.ActDelay:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActDelay, On: day, Until: v.Record.Due.AddDays(30), Note: "数量明显超过合理范围"})
				case request.ActDraft:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActDraft, On: day, Outcome: replyOutcomes[rng.IntN(len(replyOutcomes))], Note: "依据",
						Reply: request.ReplyDetail{Withheld: "部分", Ground: request.WithheldThirdParty, Law: "某法第一条", Where: "网站", PriorDate: day, PriorNumber: "北司公开〔2024〕1号"}})
				case request.ActSubmit:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActSubmit, On: day})
				case request.ActReturn:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActReturn, On: day, Note: "请修改"})
				case request.ActApprove:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActApprove, On: day, Note: "同意"})
				case request.ActReply:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActReply, On: day})
				case request.ActClose:
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActClose, On: day})
				case request.ActWithdraw:
					if rng.IntN(4) != 0 {
						continue
					}
					_, err = w.at(day).svc.Step(ctx, w.combo, rc.RequestID, casework.Step{Action: request.ActWithdraw, On: day, Note: "撤回"})
				default:
					t.Fatalf("unexpected action %s", a)
				}
				if err != nil {
					if errors.Is(err, apperr.Invalid) { // a rule of the 条例 refused the step (e.g. extension after the due date)
						continue
					}
					t.Fatalf("request %d: %s on %s: %v", i, a, day, err)
				}
				steps++
				w.checkReplay(t, rc.RequestID, cal)
			}
		}
		if steps < 100 {
			t.Errorf("only %d steps taken", steps)
		}
		res, _, err := w.svc.Compile(ctx, w.a.ID, "北仑区司法局", 2024)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range report.Validate(res.Report, nil) {
			switch f.Rule[:3] {
			case "R1-", "R2-", "R3-", "R4-":
				t.Errorf("Validate: %s %s", f.Rule, f.Message)
			}
		}
	})
}

// at moves the world's clock forward to day if it is behind.
func (w *world) at(day calendar.Date) *world {
	if day.After(w.today) {
		w.today = day
	}
	return w
}

// checkReplay compares the stored columns of request id with a replay of
// its stored history.
func (w *world) checkReplay(t *testing.T, id int64, cal *calendar.Calendar) {
	t.Helper()
	rec, err := w.st.Request(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := w.st.RequestEvents(context.Background(), id)
	evs := make([]request.Event, len(stored))
	for i, e := range stored {
		evs[i] = e.Event
		if e.Seq != i+1 {
			t.Fatalf("event %d has seq %d", i+1, e.Seq)
		}
	}
	r, err := request.Load(rec.Tracking, evs)
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	if string(r.State) != rec.State || r.Received != rec.Received || r.Corrected != rec.Corrected {
		t.Errorf("%s: stored %s/%s/%s, replay %s/%s/%s", rec.Tracking, rec.State, rec.Received, rec.Corrected, r.State, r.Received, r.Corrected)
	}
	if r.State.Ended() != !rec.Ended.IsZero() || (r.State.Ended() && (r.Outcome != rec.Outcome || r.Ended != rec.Ended)) {
		t.Errorf("%s: stored outcome %s %s, replay %s %s", rec.Tracking, rec.Outcome, rec.Ended, r.Outcome, r.Ended)
	}
	if !r.State.Ended() {
		dl, err := r.Deadline(cal, evs[len(evs)-1].On)
		if err != nil || dl.Due != rec.Due {
			t.Errorf("%s (%s): stored due %s, replay %s (%v)", rec.Tracking, rec.State, rec.Due, dl.Due, err)
		}
	}
}
