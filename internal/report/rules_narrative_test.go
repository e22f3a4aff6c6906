package report

import (
	"strings"
	"testing"
)

// In validReport: 33 new, 2 carried over, 32 handled (（七）总计), 3
// carried forward; 行政复议 2 cases, no lawsuits.

func TestNarrativeNoFalseAlarms(t *testing.T) {
	quiet := []string{
		"本年度共收到政府信息公开申请33件。",
		"本年度共收到政府信息公开申请35件，均已按时答复。",      // new + carried over
		"全年共收到依申请公开35件（含上年结转2件）。",        // new + carried over, with the note
		"2022年，共受理政府信息公开申请32件，办结32件。",    // handled
		"共收到申请 33 件，其中自然人30件，商业企业3件。",    // breakdown after 其中
		"依申请公开方面，通过网上平台收到申请20件，信函收到13件。", // by channel
		"共收到政府信息公开申请三十三件。",               // Chinese numerals
		"本年度共计收到三十五次公开申请，已按照相关规定处理。",
		"2021年收到政府信息公开申请50件，较上年增长10件。", // another year, comparison
		"全年收到政府信息公开申请同比增长20%。",         // comparison
		"共收到政府信息公开申请近40件。",             // approximate
		"收到政府信息公开申请30余件。",              // approximate
		"主动公开政府信息459条，其中政府信息公开平台63条。",  // proactive: not in the tables
		"2022年，我局通过政府信息公开平台等公开信息共计459条。",
		"本机关全年没有收到超出一定数量或者频次范围的政府信息公开申请，也未对申请人收取信息处理费。",
		"收到法律援助申请200件。",                 // not about disclosure: no 公开
		"全年办理行政复议案件120件，推进政务公开。",        // a 司法局's own review work
		"全年因政府信息公开工作被申请行政复议2件。",         // matches table 四
		"全年未发生因政府信息公开被提起行政诉讼的情况。",       // no lawsuits: true
		"行政复议结果维持1件，纠正1件，政府信息公开工作持续改进。", // outcomes
		"推行“一件事一次办”，受理政府信息公开申请33件。",     // slogan before the count
		"第一次收到政府信息公开申请。",                // ordinal
		"结转下年度继续办理3件政府信息公开申请。",          // carried forward: true
		"上年结转政府信息公开申请2件。",               // carried over: true
		"我局一次性告知申请人补正，政府信息公开申请办理规范。",
		"2022年共收到政府信息公开申请33件，其中当面申请12件，网上申请20件，信函申请1件。",
		"本年度新收政府信息公开申请33件，上年结转2件，共计35件。",
		"全年共办理依申请公开事项35件，均按时答复。",
		"本年度受理政府信息公开申请33件，上年结转2件，本年度办结32件，结转下一年度3件。",
		"全年受理政府信息公开申请35件（含上年度结转2件）。",
		"共收到政府信息公开申请33件，较2021年的18件增长83%。",
		"区政府本级受理申请10件，各部门受理政府信息公开申请23件。", // by unit
		"收到政府信息公开申请咨询电话50个。",
		"收到政府信息公开申请数十件。",
		"收到政府信息公开申请10件以上。",
		"受理政府信息公开申请一百余件。",
		"结转至2023年办理的政府信息公开申请5件。",    // another year
		"因政府信息公开被申请行政复议和提起行政诉讼各1件。", // both kinds in one number
		"政府信息公开方面，目前尚无行政诉讼判决。",      // no judgment is not no case
		"未发生因政府信息公开工作被申请行政复议、提起行政诉讼败诉的情况。",
		"二〇二二年共收到政府信息公开申请三十三件。",
		"收到三件政府信息公开申请的答复意见反馈。",
	}
	for _, s := range quiet {
		t.Run(s, func(t *testing.T) {
			r := validReport()
			r.Sections.Overview = s
			for _, f := range Validate(r, nil) {
				t.Errorf("got %s: %s; want none", f.Rule, f.Message)
			}
		})
	}
}

func TestNarrativeOneRequestInChineseNumerals(t *testing.T) {
	// The seed report (宁波市北仑区司法局 2022) says 一次 for its single request.
	r := loadFixture(t, "2022-ningbo-beilun-sifaju.json")
	r.Sections.Overview = "我局高度重视依申请公开工作。2022年，本年度共计收到一次公开申请，已按照相关规定处理。"
	r.Sections.Other = "本机关全年没有收到超出一定数量或者频次范围的政府信息公开申请，也未对申请人收取信息处理费。特此说明。"
	if fs := Validate(r, nil); len(fs) != 0 {
		t.Fatalf("got %+v; want none", fs)
	}
	r.Sections.Overview = "2022年，本年度共计收到两次公开申请。"
	if fs := Validate(r, nil); len(fs) != 1 || fs[0].Rule != RuleNarrative {
		t.Fatalf("两次 against 1: got %+v; want one R9", fs)
	}
}

func TestNarrativeFires(t *testing.T) {
	tests := []struct {
		text string
		sec  func(r *Report) *string
		msg  string
	}{
		{"本年度共收到政府信息公开申请40件。", nil,
			"“一、总体情况” 部分写明 “本年度共收到政府信息公开申请40件”（40 件），但表三 “一、本年新收政府信息公开申请数量” 行 “总计” 列为 33，加上年结转为 35，“（七）总计” 为 32"},
		{"2022年，全区受理政府信息公开申请 21 件，均在法定期限答复。", nil, "（21 件）"},
		{"本年度共计收到十二次公开申请。", nil, "（12 件）"},
		{"全年未收到政府信息公开申请。", nil, "“全年未收到政府信息公开申请”，但表三 “一、本年新收政府信息公开申请数量” 行 “总计” 列为 33"},
		{"全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。", nil, "但表四 “行政复议” 记有 2 件"},
		{"全年因政府信息公开工作被申请行政复议5件。", nil, "（5 件），但表四 “行政复议” 的 “总计” 为 2"},
		{"结转下年度继续办理政府信息公开申请7件。", nil, "但表三 “四、结转下年度继续办理” 行 “总计” 列为 3"},
		{"收到政府信息公开申请1,136件。", nil, "（1136 件）"},
		{"共收到政府信息公开申请26件，较2021年的18件增长44%。", nil, "（26 件）"},
		{"本年度新收政府信息公开申请33件，上年结转5件，共计38件。", nil, "但表三 “二、上年结转政府信息公开申请数量” 行 “总计” 列为 2"},
		{"全年被提起政府信息公开行政诉讼3件。", nil, "（3 件），但表四 “行政诉讼” 的 “总计” 为 0"},
		{"本年度共收到政府信息公开申请40件。", func(r *Report) *string { return &r.Sections.Problems }, "“五、存在的主要问题及改进情况” 部分"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := validReport()
			sec := &r.Sections.Overview
			if tt.sec != nil {
				sec = tt.sec(r)
			}
			*sec = tt.text
			fs := Validate(r, nil)
			if len(fs) != 1 || fs[0].Rule != RuleNarrative || fs[0].Severity != Warning {
				t.Fatalf("got %+v; want one R9 warning", fs)
			}
			if !strings.Contains(fs[0].Message, tt.msg) {
				t.Errorf("got %q; want it to contain %q", fs[0].Message, tt.msg)
			}
		})
	}
}

func TestNarrativeAcceptsPartsSumOfReview(t *testing.T) {
	// 洪泽 2023 prints 行政复议 total 0 though its parts add up to 11: a text
	// saying 11 agrees with the parts, and R9 does not pile onto R4.
	r := loadFixture(t, "2023-huaian-hongze.json")
	r.Sections.Overview = "2023年全区受理政府信息公开申请 21 件，均在法定期限答复。因政府信息公开被申请行政复议11件。"
	for _, f := range Validate(r, nil) {
		if f.Rule == RuleNarrative {
			t.Errorf("got %s; want no R9", f.Message)
		}
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"35", 35, true}, {"一", 1, true}, {"两", 2, true}, {"十", 10, true},
		{"十二", 12, true}, {"二十", 20, true}, {"二十一", 21, true}, {"一百零五", 105, true},
		{"三千二百", 3200, true}, {"一万二千", 12000, true}, {"零", 0, true},
		{"一二", 0, false}, {"", 0, false}, {"x", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseCount(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseCount(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
