package letter

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/request"
)

// TestRemedies checks the remedy sentence of regulation.md §8 per outcome
// and setting: 复议前置 outcomes name the 复议机关 and say 复议 comes first
// (《行政复议法》第二十条第三款、第二十三条) with the 15 days after the 复议决定;
// others offer 复议 or suit in the named court within six months; a
// missing setting the sentence needs stops the letter.
func TestRemedies(t *testing.T) {
	const body, court = "宁波市北仑区人民政府", "宁波市北仑区人民法院"
	first := []string{"第二十三条", "应当先申请行政复议", "自收到本告知书之日起六十日内向" + body + "申请行政复议", "十五日内"}
	either := []string{"自收到本告知书之日起六十日内向" + body + "申请行政复议", "自收到本告知书之日起六个月内向" + court + "提起行政诉讼"}
	tests := []struct {
		name    string
		rem     Remedies
		outcome request.Outcome
		want    []string
		notWant []string
		err     string // the missing field's key
	}{
		{"withheld: review first", Remedies{ReviewBody: body, Court: court}, request.WithheldStateSecret, first, []string{"六个月"}, ""},
		{"partial: review first", Remedies{ReviewBody: body, Court: court}, request.PartiallyGranted, first, []string{court}, ""},
		{"query referral is withheld_*", Remedies{ReviewBody: body, Court: court}, request.WithheldAdministrativeQuery, first, nil, ""},
		{"granted: either", Remedies{ReviewBody: body, Court: court}, request.Granted, either, []string{"应当先"}, ""},
		{"not held: either", Remedies{ReviewBody: body, Court: court}, request.UnavailableNotHeld, either, []string{"应当先"}, ""},
		{"review first needs no court", Remedies{ReviewBody: body}, request.WithheldThirdParty, first, nil, ""},
		{"custom set: not held is review first", Remedies{ReviewBody: body, Court: court, Custom: true,
			ReviewFirst: []request.Outcome{request.UnavailableNotHeld}}, request.UnavailableNotHeld, first, nil, ""},
		{"custom set: withheld no longer", Remedies{ReviewBody: body, Court: court, Custom: true}, request.WithheldStateSecret, either, []string{"应当先"}, ""},
		{"no review body", Remedies{Court: court}, request.Granted, nil, nil, "letter.field.review_body"},
		{"no review body, review first", Remedies{Court: court}, request.WithheldStateSecret, nil, nil, "letter.field.review_body"},
		{"no court", Remedies{ReviewBody: body}, request.Granted, nil, nil, "letter.field.court"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := testSettings()
			s.Remedies = tc.rem
			l, err := Reply(s, meta(30), replyInput(tc.outcome))
			if tc.err != "" {
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.Key != "letter.remedy_missing" || len(ae.Args) != 1 || ae.Args[0] != apperr.Key(tc.err) {
					t.Fatalf("err = %v; want letter.remedy_missing of %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			last := l.Body[len(l.Body)-1].Text
			for _, w := range tc.want {
				if !strings.Contains(last, w) {
					t.Errorf("remedy %q lacks %q", last, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(last, w) {
					t.Errorf("remedy %q has %q", last, w)
				}
			}
		})
	}
}

// TestRemedyOnlyWhereDecided: the fee notice decides and carries the
// remedies (§8: "fee notices"), saying 本通知; the receipt, 补正 and
// extension notices and the 征求意见书 decide nothing and carry none, and
// need no remedy settings.
func TestRemedyOnlyWhereDecided(t *testing.T) {
	bare := testSettings()
	bare.Remedies = Remedies{}
	for _, s := range samples(t) {
		l, err := s.build()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(l.Text(), "\n")
		switch l.Kind {
		case KindFee:
			if !strings.Contains(text, "如对本通知不服，可以自收到本通知之日起六十日内向宁波市北仑区人民政府申请行政复议") {
				t.Errorf("%s: no remedy sentence naming the body:\n%s", s.name, text)
			}
		case KindDisclosure:
			// §8: the 决定公开告知书 decides for the third party, which is
			// not refused anything: 复议 or suit, never 复议前置.
			if !strings.Contains(text, "如对本告知书不服，可以自收到本告知书之日起六十日内向宁波市北仑区人民政府申请行政复议，或者自收到本告知书之日起六个月内向宁波市北仑区人民法院提起行政诉讼") {
				t.Errorf("%s: no remedy sentence for the third party:\n%s", s.name, text)
			}
		case KindReply:
		default:
			if strings.Contains(text, "不服") || strings.Contains(text, "提起行政诉讼") {
				t.Errorf("%s decides nothing but states remedies", s.name)
			}
		}
	}
	c := CaseOf(testRequest())
	if _, err := Fee(bare, meta(16), FeeInput{Case: c, Quote: request.QuotePerRequest(35)}); !errors.Is(err, apperr.Invalid) {
		t.Errorf("fee notice without remedy settings: %v; want Invalid", err)
	}
	if _, err := Correction(bare, meta(13), CorrectionInput{Case: c, Items: []string{"年度"}, Until: today.AddDays(10)}); err != nil {
		t.Errorf("a 补正 notice needs no remedy settings: %v", err)
	}
}

// TestDefaultReviewFirst: partially_granted and the eight withheld_*
// outcomes (regulation.md §8), nothing else.
func TestDefaultReviewFirst(t *testing.T) {
	got := DefaultReviewFirst()
	if len(got) != 9 || got[0] != request.PartiallyGranted {
		t.Fatalf("default 复议前置 set: %v", got)
	}
	for _, o := range got[1:] {
		if !strings.HasPrefix(string(o), "withheld_") {
			t.Errorf("%s in the default set", o)
		}
	}
}

// TestReasonsRequired: every withheld_* letter gives reasons (条例第三十六条
// 第（三）项 "说明理由"); "another law forbids" and 行政查询 name the law and
// article relied on, and so does a 部分公开 withheld on that ground
// (regulation.md §8).
func TestReasonsRequired(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(in *ReplyInput)
		field string
	}{
		{"state secret without reasons", func(in *ReplyInput) { *in = replyInput(request.WithheldStateSecret); in.Reason = "" }, "letter.field.withheld_reason"},
		{"third party without reasons", func(in *ReplyInput) { *in = replyInput(request.WithheldThirdParty); in.Reason = " " }, "letter.field.withheld_reason"},
		{"other law without the law", func(in *ReplyInput) { *in = replyInput(request.WithheldProhibitedByLaw); in.Law = "" }, "letter.field.law"},
		{"query without the law", func(in *ReplyInput) { *in = replyInput(request.WithheldAdministrativeQuery); in.Law = "" }, "letter.field.law"},
		{"partial on another law without it", func(in *ReplyInput) {
			*in = replyInput(request.PartiallyGranted)
			in.Ground = request.WithheldProhibitedByLaw
		}, "letter.field.law"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in ReplyInput
			tc.edit(&in)
			_, err := Reply(testSettings(), meta(3), in)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Key != "letter.reply_missing" || len(ae.Args) != 1 || ae.Args[0] != apperr.Key(tc.field) {
				t.Errorf("err = %v; want letter.reply_missing of %s", err, tc.field)
			}
		})
	}
	in := replyInput(request.PartiallyGranted)
	in.Ground, in.Law = request.WithheldProhibitedByLaw, "《中华人民共和国统计法》第三十九条"
	l, err := Reply(testSettings(), meta(3), in)
	if err != nil || !strings.Contains(strings.Join(l.Text(), ""), "根据《中华人民共和国统计法》第三十九条和《条例》第十四条") {
		t.Errorf("partial on another law: %v\n%v", err, l)
	}
}
