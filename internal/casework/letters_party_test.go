package casework_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// TestDisclosureOverObjection walks 条例第三十二条 to its end: the third
// party objects, the draft grants with the public-interest reasons, and the
// reply sends the third party a 决定公开告知书 with its remedies, which staff
// download and the applicant never sees.
func TestDisclosureOverObjection(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Stationery = &fakeStationery{issued: map[string]int{}}
		id := w.started("某安置房项目施工合同")
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActConsult, Pause: request.PauseThirdParty,
			Party: "宁波某某建设有限公司", On: d("2024-03-05")}))
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActConsultAnswered, Opinion: request.OpinionObjected,
			Note: "合同价款属于商业秘密", On: d("2024-03-12")}))
		// Granting over the objection needs the reasons the third party
		// will be told.
		_, err := w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, Outcome: request.Granted})
		if func() bool { k, _ := apperr.MessageOf(err); return k != "request.override_reason" }() {
			t.Fatalf("grant over an objection without reasons: %v", err)
		}
		v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, Outcome: request.Granted,
			Reply: request.ReplyDetail{Override: "项目使用财政资金，合同价款关系安置户切身利益"}}))
		if !slices.Contains(casework.LettersFor(v.Events), letter.KindDisclosure) {
			t.Errorf("the draft offers no 决定公开告知书: %v", casework.LettersFor(v.Events))
		}
		l, err := w.svc.Letter(ctx, w.clerk, id, string(letter.KindDisclosure))
		if err != nil {
			t.Fatal(err)
		}
		if l.Number != "" {
			t.Errorf("a draft 决定公开告知书 has a number: %s", l.Number)
		}
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit}))
		w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActApprove}))
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActReply}))
		l, err = w.svc.Letter(ctx, w.clerk, id, string(letter.KindDisclosure))
		if err != nil {
			t.Fatal(err)
		}
		text := letterText(l)
		for _, want := range []string{"宁波某某建设有限公司：", "2024年3月5日", "2024年3月12日提出不同意公开", "项目使用财政资金",
			"第三十二条", "决定予以公开", "某安置房项目施工合同", "六个月内向宁波市北仑区人民法院提起行政诉讼"} {
			if !strings.Contains(text, want) {
				t.Errorf("决定公开告知书 lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "张三") {
			t.Errorf("the letter to the third party names the applicant")
		}
		if l.Date != d("2024-03-20") {
			t.Errorf("dated %s; want the reply date", l.Date)
		}
		rec := w.v(w.svc.Get(ctx, w.clerk, id)).Record
		if pv := w.pv(w.svc.PublicViewOf(ctx, mustRecord(t, w, id))); slices.Contains(pv.Letters, letter.KindDisclosure) {
			t.Errorf("the applicant is offered the third party's letter: %v", pv.Letters)
		}
		if _, err := w.svc.PublicLetter(ctx, rec.Tracking, "none", string(letter.KindDisclosure)); !errors.Is(err, apperr.NotFound) {
			t.Errorf("public download of the third party's letter: %v", err)
		}
	})
}

func mustRecord(t *testing.T, w *world, id int64) casework.Record {
	t.Helper()
	rec, err := w.st.Request(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestThirdPartyRefusalLetter: a 第十五条 refusal says the third party was
// consulted when it was (条例第三十二条), and the step's result warns when it
// was not.
func TestThirdPartyRefusalLetter(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		w.svc.Stationery = &fakeStationery{issued: map[string]int{}}
		refuse := casework.Step{Action: request.ActDraft, Outcome: request.WithheldThirdParty, Note: "涉及投标人的商业秘密"}
		warned := func(v casework.View) bool {
			return slices.ContainsFunc(v.Findings, func(f request.Finding) bool { return f.ID == "third-party-not-consulted" })
		}

		plain := w.started("某项目投标文件")
		v := w.v(w.svc.Step(ctx, w.clerk, plain, refuse))
		if !warned(v) {
			t.Errorf("no warning for a third-party refusal without a consultation: %+v", v.Findings)
		}
		l, err := w.svc.Letter(ctx, w.clerk, plain, string(letter.KindReply))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(letterText(l), "征求第三方意见") || slices.Contains(l.Citations, "第三十二条") {
			t.Errorf("an unconsulted refusal claims a consultation:\n%s", letterText(l))
		}

		asked := w.started("另一项目投标文件")
		w.v(w.svc.Step(ctx, w.clerk, asked, casework.Step{Action: request.ActConsult, Pause: request.PauseThirdParty,
			Party: "宁波某某科技有限公司", On: d("2024-03-06")}))
		w.v(w.svc.Step(ctx, w.clerk, asked, casework.Step{Action: request.ActConsultAnswered, Opinion: request.OpinionObjected}))
		v = w.v(w.svc.Step(ctx, w.clerk, asked, refuse))
		if warned(v) {
			t.Errorf("warning although the third party was consulted")
		}
		l, err = w.svc.Letter(ctx, w.clerk, asked, string(letter.KindReply))
		if err != nil {
			t.Fatal(err)
		}
		if s := letterText(l); !strings.Contains(s, "本机关已于2024年3月6日依照《条例》第三十二条的规定书面征求第三方意见，第三方不同意公开且理由合理") {
			t.Errorf("the refusal does not say the third party was consulted:\n%s", s)
		}
		if slices.Contains(casework.LettersFor(v.Events), letter.KindDisclosure) {
			t.Errorf("a refusal offers a 决定公开告知书")
		}
	})
}

// TestOtherAgencyLetter: a 第三十四条 consultation of another agency sends
// its 征求意见函, for staff only.
func TestOtherAgencyLetter(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		st := &fakeStationery{issued: map[string]int{}}
		w.svc.Stationery = st
		id := w.started("联合发文的会议纪要")
		v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActConsult, Pause: request.PauseOtherAgency, Party: "北仑区住建局"}))
		if got := casework.LettersFor(v.Events); !slices.Equal(got, []letter.Kind{letter.KindReceipt, letter.KindOtherAgency}) {
			t.Errorf("letters after consulting an agency: %v", got)
		}
		l, err := w.svc.Letter(ctx, w.clerk, id, string(letter.KindOtherAgency))
		if err != nil {
			t.Fatal(err)
		}
		if s := letterText(l); !strings.Contains(s, "北仑区住建局：") || !strings.Contains(s, "第三十四条") || !strings.Contains(s, "视为同意公开") {
			t.Errorf("征求意见函:\n%s", s)
		}
		if _, ok := st.issued[fmt.Sprintf("%s/%d", letter.KindOtherAgency, id)]; !ok {
			t.Errorf("the sent 征求意见函 was not numbered: %v", st.issued)
		}
		if pv := w.pv(w.svc.PublicViewOf(ctx, mustRecord(t, w, id))); slices.Contains(pv.Letters, letter.KindOtherAgency) {
			t.Errorf("the applicant is offered the agency's letter: %v", pv.Letters)
		}
	})
}
