package casework_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// letterText is a letter's text in reading order.
func letterText(l *letter.Letter) string { return strings.Join(l.Text(), "\n") }

// TestPartialReplyThroughSteps walks 部分公开 (条例第三十七条) the whole way
// through casework.Step: a draft without the withheld part or its ground
// is refused; the complete draft is reviewed, approved and sent; the
// applicant downloads the letter with the tracking number and query code,
// and it names the part withheld, its ground (第十五条), the reasons and
// 复议前置 (regulation.md §8).
func TestPartialReplyThroughSteps(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Stationery = &fakeStationery{issued: map[string]int{}}
		w.today = d("2024-03-04")
		rc := w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application("2023年法律援助案件统计表"),
			Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}}))
		id := rc.RequestID
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart}))
		w.today = d("2024-03-20")
		part := request.ReplyDetail{Withheld: "受援人姓名、住址栏", Ground: request.WithheldThirdParty}
		for _, tc := range []struct {
			name string
			st   casework.Step
			key  string
		}{
			{"no part", casework.Step{Action: request.ActDraft, Outcome: request.PartiallyGranted, Note: "涉及个人隐私",
				Reply: request.ReplyDetail{Ground: request.WithheldThirdParty}}, "request.partial_withheld"},
			{"no ground", casework.Step{Action: request.ActDraft, Outcome: request.PartiallyGranted, Note: "涉及个人隐私",
				Reply: request.ReplyDetail{Withheld: "住址栏"}}, "request.partial_ground"},
			{"no reasons", casework.Step{Action: request.ActDraft, Outcome: request.PartiallyGranted, Reply: part}, "request.partial_reason"},
		} {
			_, err := w.svc.Step(ctx, w.clerk, id, tc.st)
			var ae *apperr.Error
			if !errors.Is(err, apperr.Invalid) && !errors.Is(err, apperr.Conflict) || !errors.As(err, &ae) || ae.Key != tc.key {
				t.Errorf("%s: %v; want %s", tc.name, err, tc.key)
			}
		}
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, Outcome: request.PartiallyGranted,
			Note: "该部分内容涉及受援人个人隐私，公开会对其合法权益造成损害", Reply: part}))
		draft, err := w.svc.Letter(ctx, w.clerk, id, string(letter.KindReply))
		if err != nil {
			t.Fatalf("draft letter: %v", err)
		}
		if draft.Title != "政府信息部分公开告知书" {
			t.Errorf("title %q", draft.Title)
		}
		// A draft prints with the 草稿 watermark and is named for its
		// request: 2024-0001-政府信息部分公开告知书-草稿.docx.
		if !draft.Draft || draft.FileName(".docx") != rc.Tracking+"-政府信息部分公开告知书-草稿.docx" {
			t.Errorf("draft letter: Draft %v, file %q", draft.Draft, draft.FileName(".docx"))
		}
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit}))
		w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActApprove}))
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActReply}))
		rec := w.v(w.svc.Get(ctx, w.clerk, id)).Record
		if rec.Outcome != request.PartiallyGranted {
			t.Errorf("report row %s; want partially_granted", rec.Outcome)
		}
		l, err := w.svc.PublicLetter(ctx, rec.Tracking, rc.QueryCode, string(letter.KindReply))
		if err != nil {
			t.Fatalf("applicant's letter: %v", err)
		}
		sent, err := w.svc.Letter(ctx, w.clerk, id, string(letter.KindReply))
		if err != nil || l.Draft || sent.Draft || l.FileName(".docx") != rc.Tracking+"-政府信息部分公开告知书.docx" {
			t.Errorf("sent letter: %v, Draft %v (staff %v), file %q", err, l.Draft, sent.Draft, l.FileName(".docx"))
		}
		text := letterText(l)
		for _, want := range []string{"受援人姓名、住址栏", "第十五条", "第三十七条", "涉及受援人个人隐私", "应当先申请行政复议", "宁波市北仑区人民政府"} {
			if !strings.Contains(text, want) {
				t.Errorf("partial letter lacks %q:\n%s", want, text)
			}
		}
	})
}

// TestNotHeldChoice: the draft chooses 第三十六条第（四）项 (经检索不存在) or
// （五） (不属于本机关负责公开, with the responsible agency); the letter
// follows the choice and both count as unavailable_not_held.
func TestNotHeldChoice(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Stationery = &fakeStationery{issued: map[string]int{}}
		for _, tc := range []struct {
			name    string
			st      casework.Step
			want    []string
			notWant []string
			key     string
		}{
			{"(四)", casework.Step{Note: "经检索本机关档案系统"}, []string{"第三十六条第（四）项", "不存在"}, []string{"第（五）项"}, ""},
			{"(五) with the agency", casework.Step{Note: "相关统计由区人民政府制作和保存",
				Reply: request.ReplyDetail{NotResponsible: true, OtherAgency: "宁波市北仑区人民政府办公室", OtherContact: "0574-86780001"}},
				[]string{"第三十六条第（五）项", "不属于本机关负责公开", "宁波市北仑区人民政府办公室", "0574-86780001", "相关统计由区人民政府制作和保存"},
				[]string{"不存在"}, ""},
			{"(五) name without contact", casework.Step{Note: "x", Reply: request.ReplyDetail{NotResponsible: true, OtherAgency: "区政府办"}},
				nil, nil, "request.other_agency_pair"},
			{"(五) without reasons", casework.Step{Reply: request.ReplyDetail{NotResponsible: true}}, nil, nil, "request.not_ours_reason"},
		} {
			id := w.started("2023年全区行政复议案件统计")
			st := tc.st
			st.Action, st.Outcome = request.ActDraft, request.UnavailableNotHeld
			_, err := w.svc.Step(ctx, w.clerk, id, st)
			if tc.key != "" {
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.Key != tc.key {
					t.Errorf("%s: %v; want %s", tc.name, err, tc.key)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			l, err := w.svc.Letter(ctx, w.clerk, id, string(letter.KindReply))
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			text := letterText(l)
			for _, s := range tc.want {
				if !strings.Contains(text, s) {
					t.Errorf("%s: letter lacks %q:\n%s", tc.name, s, text)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(text, s) {
					t.Errorf("%s: letter has %q", tc.name, s)
				}
			}
			// One report row for both (the template has one): the draft's outcome.
			if e := lastEvent(w.v(w.svc.Get(ctx, w.clerk, id))).Event; e.Outcome != request.UnavailableNotHeld {
				t.Errorf("%s: drafted outcome %s", tc.name, e.Outcome)
			}
		}
	})
}

// TestDraftDetailsReachTheLetter: what the draft form promises appears in
// the letter (regulation.md §8) — the route of 第三十六条第（一）项 and the
// clerk's note for 予以公开, the law and article of 第十四条 "other law",
// the earlier reply's date and 文号 for 重复申请, the route to a publication;
// and a 不予公开 without reasons is refused.
func TestDraftDetailsReachTheLetter(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Stationery = &fakeStationery{issued: map[string]int{}}
		for _, tc := range []struct {
			name string
			st   casework.Step
			want []string
			key  string
		}{
			{"published", casework.Step{Outcome: request.Granted, Note: "该统计表已于年初公布",
				Reply: request.ReplyDetail{Published: true, Where: "北仑区人民政府门户网站统计信息栏目"}},
				[]string{"第三十六条第（一）项", "北仑区人民政府门户网站统计信息栏目", "该统计表已于年初公布"}, ""},
			{"granted with a note", casework.Step{Outcome: request.Granted, Note: "共3页，另附说明"}, []string{"第三十六条第（二）项", "共3页，另附说明"}, ""},
			{"other law", casework.Step{Outcome: request.WithheldProhibitedByLaw, Note: "能够识别单个调查对象",
				Reply: request.ReplyDetail{Law: "《中华人民共和国统计法》第三十九条"}}, []string{"《中华人民共和国统计法》第三十九条", "理由如下：能够识别单个调查对象"}, ""},
			{"duplicate", casework.Step{Outcome: request.RejectedDuplicate,
				Reply: request.ReplyDetail{PriorDate: d("2024-03-01"), PriorNumber: "北司公开〔2024〕3号"}}, []string{"2024年3月1日以北司公开〔2024〕3号告知书"}, ""},
			{"publication", casework.Step{Outcome: request.RejectedPublication, Reply: request.ReplyDetail{Where: "区图书馆二楼阅览室"}},
				[]string{"获取途径：区图书馆二楼阅览室"}, ""},
			{"withheld without reasons", casework.Step{Outcome: request.WithheldEnforcementFile}, nil, "request.withheld_reason"},
		} {
			id := w.started("2023年法律援助统计表")
			st := tc.st
			st.Action = request.ActDraft
			_, err := w.svc.Step(ctx, w.clerk, id, st)
			if tc.key != "" {
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.Key != tc.key {
					t.Errorf("%s: %v; want %s", tc.name, err, tc.key)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			l, err := w.svc.Letter(ctx, w.clerk, id, string(letter.KindReply))
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			text := letterText(l)
			for _, s := range tc.want {
				if !strings.Contains(text, s) {
					t.Errorf("%s: letter lacks %q:\n%s", tc.name, s, text)
				}
			}
		}
	})
}
