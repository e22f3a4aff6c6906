package letter

import (
	"archive/zip"
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/request"
)

// specCites is what the brief and regulation.md §2 map each outcome's
// reply to, written out independently of Citations: every string must
// appear in the letter's text.
var specCites = map[string][]string{
	"reply-granted":                              {"第三十六条第（二）项"},
	"reply-granted-published":                    {"第三十六条第（一）项"},
	"reply-partially_granted":                    {"第三十七条", "第三十六条第（三）项"},
	"reply-withheld_state_secret":                {"第十四条", "第三十六条第（三）项"},
	"reply-withheld_prohibited_by_law":           {"第十四条", "第三十六条第（三）项"},
	"reply-withheld_security_stability":          {"第十四条", "第三十六条第（三）项"},
	"reply-withheld_third_party":                 {"第十五条", "第三十六条第（三）项"},
	"reply-withheld_internal_affairs":            {"第十六条", "第三十六条第（三）项"},
	"reply-withheld_process_info":                {"第十六条", "第三十六条第（三）项"},
	"reply-withheld_enforcement_file":            {"第十六条", "第三十六条第（三）项"},
	"reply-withheld_administrative_query":        {"第三十六条第（七）项"},
	"reply-unavailable_not_held":                 {"第三十六条第（四）项"},
	"reply-unavailable_not_held-not_responsible": {"第三十六条第（五）项"},
	"reply-unavailable_needs_creation":           {"第三十八条"},
	"reply-unavailable_unclear":                  {"第三十条"},
	"reply-rejected_petition":                    {"第三十九条第一款"},
	"reply-rejected_publication":                 {"第三十九条第二款"},
	"reply-rejected_duplicate":                   {"第三十六条第（六）项"},
	"reply-rejected_mass_repeated":               {"第三十五条", "2026年11月4日", "北司公开〔2026〕14号", "个人兴趣", "理由不合理"},
	"reply-rejected_mass_repeated-no_answer":     {"第三十五条", "2026年11月4日", "在期限内未说明理由"},
	"reply-rejected_reconfirm":                   {"第二条", "第三十八条"},
	"reply-other_no_correction":                  {"第三十条", "2026年11月4日", "北司公开〔2026〕13号", "不再处理"},
	"reply-other_fee_unpaid":                     {"国办函〔2020〕109号", "2026年11月3日", "北司公开〔2026〕16号", "2026年11月5日送达", "1700元", "不再处理"},
	"reply-other_other":                          {},
	"receipt":                                    {"第三十一条", "第三十三条第二款"},
	"correction":                                 {"第三十条", "一次性告知", "重新计算", "视为放弃申请"},
	"extension":                                  {"第三十三条第二款", "负责人同意", "最长不超过20个工作日"},
	"third_party":                                {"第三十二条", "15个工作日", "逾期未提出意见"},
	"disclosure":                                 {"第三十二条", "第十五条", "不同意公开", "公共利益造成重大影响", "决定予以公开", "六十日内", "六个月内"},
	"other_agency":                               {"第三十四条", "15个工作日", "视为同意公开"},
	"fee_per_request":                            {"国办函〔2020〕109号", "按件计收", "20个工作日", "视为放弃申请"},
	"fee_per_page":                               {"国办函〔2020〕109号", "按量计收", "20个工作日", "视为放弃申请"},
	"reasons":                                    {"第三十五条", "说明申请理由", "不予处理", "延迟答复"},
	"delay":                                      {"第三十五条", "第三十三条", "2026年11月4日", "北司公开〔2026〕14号", "2026年11月10日", "理由合理"},
	"withdrawal":                                 {"2026年11月20日", "撤回", "不再处理", "重新提出"},
}

// exemption articles: a withholding letter cites its own ground only.
var exemptions = []string{"第十四条", "第十五条", "第十六条"}

func TestCitations(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range samples(t) {
		want, ok := specCites[s.name]
		if !ok {
			t.Errorf("%s: no entry in specCites", s.name)
			continue
		}
		seen[s.name] = true
		l, err := s.build()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		text := strings.Join(l.Text(), "\n")
		for _, c := range want {
			if !strings.Contains(text, c) {
				t.Errorf("%s: letter does not cite %s", s.name, c)
			}
		}
		for _, c := range l.Citations {
			if !strings.Contains(text, c) {
				t.Errorf("%s: Citations lists %s but the text does not cite it", s.name, c)
			}
		}
		if l.Kind == KindReply {
			if last := l.Body[len(l.Body)-1].Text; !strings.Contains(last, "向宁波市北仑区人民政府申请行政复议") {
				t.Errorf("%s: reply ends with %q; want the remedy sentence", s.name, last)
			}
			if strings.HasPrefix(string(l.Outcome), "withheld_") && l.Outcome != request.WithheldAdministrativeQuery {
				n := 0
				for _, e := range exemptions {
					if strings.Contains(text, e) {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%s: cites %d of 第十四/十五/十六条; want exactly its own ground", s.name, n)
				}
			}
		} else if decides := l.Kind == KindFee || l.Kind == KindDisclosure; decides != strings.Contains(text, "不服") {
			t.Errorf("%s: a remedy sentence is %v; want it only on letters that decide (regulation.md §8)", s.name, !decides)
		}
	}
	for name := range specCites {
		if !seen[name] {
			t.Errorf("specCites has %s, which no sample produces", name)
		}
	}
}

// article matches an article number without its paragraph or item.
var article = regexp.MustCompile(`第[一二三四五六七八九十]+条`)

// TestCitationsAgreeWithRequest checks the letters cite the articles of
// request's OutcomeInfo.Basis, except the deliberate differences noted here.
func TestCitationsAgreeWithRequest(t *testing.T) {
	differs := map[request.Outcome][]string{
		// Basis: 第三十六条 (no specific article); the letter cites 第二条
		// and 第三十八条 (regulation.md §8).
		request.RejectedReconfirm: {"第二条", "第三十八条"},
	}
	for _, o := range request.Outcomes() {
		in := replyInput(o.ID)
		// The ground of a partial reply's withheld part is an addition of
		// the letter (its article, 第十四/十五/十六条); compare without it.
		in.Ground = ""
		for _, variant := range []bool{false, true} {
			in.Published, in.NotResponsible = variant, variant
			for _, c := range Citations(in) {
				a := article.FindString(c)
				if a == "" || strings.Contains(o.Basis, a) || slices.Contains(differs[o.ID], a) {
					continue
				}
				t.Errorf("%s: letter cites %s, request's basis %q does not", o.ID, a, o.Basis)
			}
		}
		if o.ID != request.OtherOther && len(Citations(in)) == 0 {
			t.Errorf("%s: no citations", o.ID)
		}
	}
}

// TestReplyEveryOutcome checks each of the 21 outcomes has a reply letter
// titled as request names it.
func TestReplyEveryOutcome(t *testing.T) {
	if len(request.Outcomes()) != 21 || len(replies) != 21 {
		t.Fatalf("%d outcomes, %d reply writers; want 21 each", len(request.Outcomes()), len(replies))
	}
	for _, o := range request.Outcomes() {
		l, err := Reply(testSettings(), meta(1), replyInput(o.ID))
		if err != nil {
			t.Errorf("%s: %v", o.ID, err)
			continue
		}
		if l.Title != ReplyTitle(o.ID, false) || l.Outcome != o.ID {
			t.Errorf("%s: title %q outcome %q; want %q", o.ID, l.Title, l.Outcome, ReplyTitle(o.ID, false))
		}
	}
}

// TestDOCXRoundTrip opens every DOCX with the zip guard and the body
// reader of internal/ooxml and reads back the letter's text.
func TestDOCXRoundTrip(t *testing.T) {
	for _, s := range samples(t) {
		l, err := s.build()
		if err != nil {
			t.Fatal(err)
		}
		_, docx := render(t, l)
		if _, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx))); err != nil {
			t.Fatalf("%s: not a valid zip: %v", s.name, err)
		}
		a, err := ooxml.Open(docx, ooxml.DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		for _, name := range a.Names() {
			data, err := a.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(data); err != nil {
				t.Errorf("%s: %s is not well-formed: %v", s.name, name, err)
			}
		}
		main, err := ooxml.MainPart(a, "")
		if err != nil {
			t.Fatal(err)
		}
		rc, err := a.Open(main)
		if err != nil {
			t.Fatal(err)
		}
		blocks, err := ooxml.ReadBody(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		var got []string
		for _, b := range blocks {
			if b.Table == nil {
				got = append(got, b.Text)
				continue
			}
			for _, row := range b.Table.Rows {
				var cells []string
				for _, c := range row {
					cells = append(cells, c.Text)
				}
				got = append(got, strings.Join(cells, "|"))
			}
		}
		if g, w := strings.Join(got, "\n"), strings.Join(l.Text(), "\n"); g != w {
			t.Errorf("%s: DOCX reads back as\n%s\nwant\n%s", s.name, g, w)
		}
	}
}

// TestNoIdentityNumbers checks the applicant's ID number and phone, which
// the request holds, reach no letter in any format.
func TestNoIdentityNumbers(t *testing.T) {
	r := testRequest()
	for _, s := range samples(t) {
		l, err := s.build()
		if err != nil {
			t.Fatal(err)
		}
		h, d := render(t, l)
		doc := documentXML(t, d)
		for _, secret := range []string{r.Applicant.ID, r.Applicant.Contact} {
			if bytes.Contains(h, []byte(secret)) || bytes.Contains(doc, []byte(secret)) {
				t.Errorf("%s: letter contains %q", s.name, secret)
			}
		}
		toParty := s.name == "third_party" || s.name == "disclosure" || s.name == "other_agency"
		if !toParty && !strings.Contains(string(h), r.Applicant.Name) {
			t.Errorf("%s: letter does not name the applicant", s.name)
		}
		if toParty && strings.Contains(string(h), r.Applicant.Name) {
			t.Errorf("%s: the letter to the consulted party names the applicant", s.name)
		}
	}
}

func TestOrganisationAddressed(t *testing.T) {
	c := CaseOf(testRequest())
	c.Organisation, c.Applicant = true, "宁波某某科技有限公司"
	l, err := Reply(testSettings(), meta(1), ReplyInput{Case: c, Outcome: request.UnavailableNeedsCreation})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(l.Text(), "\n")
	if !strings.Contains(text, "贵单位于2026年11月2日") || strings.Contains(text, "您") {
		t.Errorf("an organisation is addressed as 贵单位, never 您:\n%s", text)
	}
}

func TestDocNumber(t *testing.T) {
	if got := DocNumber("北司公开", 2026, 12); got != "北司公开〔2026〕12号" {
		t.Errorf("DocNumber = %q", got)
	}
	l, err := Reply(Settings{Letterhead: Letterhead{Agency: "某局"}, Remedies: testSettings().Remedies}, meta(5), replyInput(request.Granted))
	if err != nil || l.Number != "" {
		t.Errorf("without a prefix, no number: got %q, %v", l.Number, err)
	}
	l, err = Reply(testSettings(), Meta{Date: today}, replyInput(request.Granted))
	if err != nil || l.Number != "" {
		t.Errorf("sequence 0 means no number: got %q, %v", l.Number, err)
	}
}

func TestYuanZh(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "零元整"}, {100, "壹佰元整"}, {200, "贰佰元整"}, {1050, "壹仟零伍拾元整"}, {1700, "壹仟柒佰元整"},
		{3000, "叁仟元整"}, {10000, "壹万元整"}, {10001, "壹万零壹元整"}, {100200, "壹拾万零贰佰元整"},
		{1001010, "壹佰万壹仟零壹拾元整"}, {100000000, "壹亿元整"}, {100000005, "壹亿零伍元整"}, {-5, "负伍元整"},
	} {
		if got := YuanZh(tc.n); got != tc.want {
			t.Errorf("YuanZh(%d) = %s; want %s", tc.n, got, tc.want)
		}
	}
}

func TestPerRequestBand(t *testing.T) {
	for _, tc := range []struct{ n, lo, hi int }{{1, 1, 10}, {10, 1, 10}, {11, 11, 30}, {30, 11, 30}, {31, 31, 40}, {35, 31, 40}, {40, 31, 40}, {41, 41, 50}} {
		if lo, hi := perRequestBand(tc.n); lo != tc.lo || hi != tc.hi {
			t.Errorf("perRequestBand(%d) = %d–%d; want %d–%d", tc.n, lo, hi, tc.lo, tc.hi)
		}
		// The band's rate is the rate of each of its ordinals.
		lo, hi := perRequestBand(tc.n)
		if request.PerRequestRate(lo) != request.PerRequestRate(hi) || request.PerRequestRate(tc.n) != request.PerRequestRate(lo) {
			t.Errorf("band %d–%d has more than one rate", lo, hi)
		}
	}
}

// TestRefuses checks bad input gives an Invalid error with a Chinese
// message, never a letter.
func TestRefuses(t *testing.T) {
	s, c := testSettings(), CaseOf(testRequest())
	dl := request.Deadline{Due: calendar.D(2026, 11, 30)}
	noAgency := s
	noAgency.Agency = ""
	noName := c
	noName.Applicant = " "
	for _, tc := range []struct {
		name  string
		build func() (*Letter, error)
	}{
		{"no agency", func() (*Letter, error) { return Receipt(noAgency, meta(1), ReceiptInput{Case: c, Deadline: dl}) }},
		{"no date", func() (*Letter, error) { return Receipt(s, Meta{}, ReceiptInput{Case: c, Deadline: dl}) }},
		{"negative number", func() (*Letter, error) {
			return Receipt(s, Meta{Seq: -1, Date: today}, ReceiptInput{Case: c, Deadline: dl})
		}},
		{"no applicant", func() (*Letter, error) { return Receipt(s, meta(1), ReceiptInput{Case: noName, Deadline: dl}) }},
		{"no due date", func() (*Letter, error) { return Receipt(s, meta(1), ReceiptInput{Case: c}) }},
		{"dated before receipt", func() (*Letter, error) {
			return Receipt(s, Meta{Date: received.AddDays(-1)}, ReceiptInput{Case: c, Deadline: dl})
		}},
		{"correction without items", func() (*Letter, error) {
			return Correction(s, meta(1), CorrectionInput{Case: c, Items: []string{" "}, Until: today.AddDays(10)})
		}},
		{"correction period over", func() (*Letter, error) {
			return Correction(s, meta(1), CorrectionInput{Case: c, Items: []string{"x"}, Until: today})
		}},
		{"extension of 21 days", func() (*Letter, error) {
			return Extension(s, meta(1), ExtensionInput{Case: c, Days: 21, OriginalDue: dl.Due, NewDue: dl.Due.AddDays(30)})
		}},
		{"extension after the due date", func() (*Letter, error) {
			return Extension(s, Meta{Date: dl.Due.AddDays(1)}, ExtensionInput{Case: c, Days: 5, OriginalDue: dl.Due, NewDue: dl.Due.AddDays(7)})
		}},
		{"third party unnamed", func() (*Letter, error) { return ThirdParty(s, meta(1), ThirdPartyInput{Case: c}) }},
		{"free fee", func() (*Letter, error) { return Fee(s, meta(1), FeeInput{Case: c, Quote: request.QuotePerPage(30)}) }},
		{"unknown fee method", func() (*Letter, error) { return Fee(s, meta(1), FeeInput{Case: c, Quote: request.FeeQuote{Yuan: 5}}) }},
		{"unknown outcome", func() (*Letter, error) { return Reply(s, meta(1), ReplyInput{Case: c, Outcome: "granted_maybe"}) }},
		{"published without where", func() (*Letter, error) {
			return Reply(s, meta(1), ReplyInput{Case: c, Outcome: request.Granted, Published: true})
		}},
		{"partial without reason", func() (*Letter, error) {
			return Reply(s, meta(1), ReplyInput{Case: c, Outcome: request.PartiallyGranted, Withheld: "x"})
		}},
		{"partial on a non-withholding ground", func() (*Letter, error) {
			in := replyInput(request.PartiallyGranted)
			in.Ground = request.Granted
			return Reply(s, meta(1), in)
		}},
		{"other without reason", func() (*Letter, error) { return Reply(s, meta(1), ReplyInput{Case: c, Outcome: request.OtherOther}) }},
		{"mass repeated without reasons asked", func() (*Letter, error) {
			return Reply(s, meta(1), ReplyInput{Case: c, Outcome: request.RejectedMassRepeated, Reason: "x"})
		}},
		{"reasons without why", func() (*Letter, error) {
			return Reasons(s, meta(1), ReasonsInput{Case: c, Why: " ", Until: today.AddDays(10)})
		}},
		{"reasons period over", func() (*Letter, error) { return Reasons(s, meta(1), ReasonsInput{Case: c, Why: "x", Until: today}) }},
		{"delay without reasons", func() (*Letter, error) {
			return Delay(s, meta(1), DelayInput{Case: c, ReasonsAsked: received, OriginalDue: dl.Due, NewDue: dl.Due.AddDays(30)})
		}},
		{"delay not later", func() (*Letter, error) {
			return Delay(s, meta(1), DelayInput{Case: c, ReasonsAsked: received, ReasonsGiven: received, OriginalDue: dl.Due, NewDue: dl.Due})
		}},
		{"withdrawal undated", func() (*Letter, error) { return Withdrawal(s, meta(1), WithdrawalInput{Case: c}) }},
		{"withdrawal after the letter", func() (*Letter, error) {
			return Withdrawal(s, meta(1), WithdrawalInput{Case: c, Withdrawn: today.AddDays(1)})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := tc.build()
			if err == nil || l != nil {
				t.Fatalf("got a letter, err %v; want an error", err)
			}
			if apperr.KindOf(err) != apperr.Invalid || !errors.Is(err, apperr.Invalid) {
				t.Errorf("error kind %v; want invalid (%v)", apperr.KindOf(err), err)
			}
			if key, _ := apperr.MessageOf(err); key == "" || key == apperr.Invalid.DefaultKey() {
				t.Errorf("no specific message: %q", key)
			}
		})
	}
}

// TestForm checks the form regulation.md §8 sets for every letter: 文号
// without 第 (GB/T 9704); last days as 至…（含当日）; 告知书 call themselves
// 本告知书, never 本答复; the titles §8 names; the 确认/重新出具 letter never
// says the 条例 is silent.
func TestForm(t *testing.T) {
	titles := map[string]string{
		"reply-unavailable_not_held":                 "政府信息不存在告知书",
		"reply-unavailable_not_held-not_responsible": "非本机关政府信息告知书",
		"reply-withheld_administrative_query":        "政府信息公开申请告知书",
		"reply-partially_granted":                    "政府信息部分公开告知书",
		"reply-other_no_correction":                  "政府信息公开申请终止处理告知书",
		"reply-other_fee_unpaid":                     "政府信息公开申请终止处理告知书",
		"reply-rejected_mass_repeated":               "政府信息公开申请不予处理告知书",
		"reasons":                                    "政府信息公开申请说明理由通知书",
		"delay":                                      "政府信息公开申请延迟答复告知书",
		"withdrawal":                                 "政府信息公开申请撤回确认书",
	}
	lastDays := map[string]string{
		"correction":                   "补正期限至2026年11月18日（含当日）",
		"receipt":                      "（含当日）",
		"extension":                    "延长后的答复期限至",
		"third_party":                  "（含当日）",
		"fee_per_page":                 "（含当日）",
		"reply-other_no_correction":    "补正期限至2026年11月18日（含当日）",
		"reply-other_fee_unpaid":       "20个工作日，至2026年12月3日（含当日）",
		"reply-rejected_mass_repeated": "说明理由的期限至2026年11月13日（含当日）",
		"reasons":                      "说明理由的期限至2026年11月13日（含当日）",
		"delay":                        "答复期限延迟至2026年12月31日（含当日）",
	}
	for _, s := range samples(t) {
		l, err := s.build()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(l.Text(), "\n")
		if strings.Contains(text, "〕第") {
			t.Errorf("%s: a 文号 with 第", s.name)
		}
		if strings.Contains(text, "本答复") || strings.Contains(text, "未作专门规定") {
			t.Errorf("%s: says 本答复 or 未作专门规定", s.name)
		}
		if want, ok := titles[s.name]; ok && l.Title != want {
			t.Errorf("%s: title %q; want %q", s.name, l.Title, want)
		}
		if want, ok := lastDays[s.name]; ok && !strings.Contains(text, want) {
			t.Errorf("%s: lacks %q", s.name, want)
		}
		if strings.Contains(text, "日前") {
			t.Errorf("%s: a last day written as …前", s.name)
		}
	}
}
