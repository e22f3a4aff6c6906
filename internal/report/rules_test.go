package report

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// validReport returns a 2021-template report that breaks no rule: every
// cell 0 except a few requests that balance.
func validReport() *Report {
	r := Empty(Template2021)
	r.Agency, r.Year, r.Date = "测试市测试局", 2022, "2023-01-15"
	p := &r.Proactive
	for _, n := range []*Num{&p.Regulations.Issued, &p.Regulations.Repealed, &p.Regulations.InForce,
		&p.NormativeDocuments.Issued, &p.NormativeDocuments.Repealed, &p.NormativeDocuments.InForce,
		&p.LicensingDecisions, &p.PenaltyDecisions, &p.CoercionDecisions} {
		*n = N(0)
	}
	p.NormativeDocuments = Triple{N(2), N(1), N(5)}
	p.FeesWanYuan = D("0")
	for _, row := range r.Requests {
		for c := range row {
			row[c] = N(0)
		}
	}
	set := func(id RowID, np, com int64) {
		r.Requests[id][NaturalPerson], r.Requests[id][Commercial], r.Requests[id][ColTotal] = N(np), N(com), N(np+com)
	}
	set(New, 30, 3)        // 33 new
	set(CarriedOver, 2, 0) // 2 carried over
	set(Granted, 20, 2)    // results: 22 + 10 = 32
	set(UnavailableNotHeld, 10, 0)
	set(RowTotal, 30, 2)      // 32
	set(CarriedForward, 2, 1) // 35 = 32 + 3
	for _, g := range r.ReviewLitigation.Groups() {
		for _, n := range g.Cells() {
			*n = N(0)
		}
	}
	r.ReviewLitigation.Review = Group{N(1), N(1), N(0), N(0), N(2)}
	return r
}

// rules returns the rule ids of the findings, one per finding.
func rules(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule
	}
	return out
}

func loadFixture(t testing.TB, name string) *Report {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func TestValidReportHasNoFindings(t *testing.T) {
	if fs := Validate(validReport(), nil); len(fs) != 0 {
		t.Fatalf("got %d findings; want none: %+v", len(fs), fs)
	}
}

func TestFixtureBeilunPasses(t *testing.T) {
	r := loadFixture(t, "2022-ningbo-beilun-sifaju.json")
	if fs := Validate(r, nil); len(fs) != 0 {
		t.Fatalf("got findings %+v; want none (R1–R5 pass, dated 2023-01-15)", fs)
	}
}

func TestFixtureHongze(t *testing.T) {
	r := loadFixture(t, "2023-huaian-hongze.json")
	fs := Validate(r, nil)
	got := rules(fs)
	want := []string{RuleReview, RuleReview, RuleCells, RuleCells, RuleDeadline}
	if !slices.Equal(got, want) {
		t.Fatalf("got rules %v; want %v\n%+v", got, want, fs)
	}
	msgs := []string{
		"表四 “行政复议” 的 “总计” 为 0，但 “结果维持”“结果纠正”“其他结果”“尚未审结” 之和为 11",
		"表四 “行政诉讼（复议后起诉）” 的 “总计” 为 0，但 “结果维持”“结果纠正”“其他结果”“尚未审结” 之和为 5",
		"表三缺少 “（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请” 行",
		"表三缺少 “（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请” 行",
		"报告未写明日期",
	}
	for i, m := range msgs {
		if !strings.Contains(fs[i].Message, m) {
			t.Errorf("finding %d: got %q; want it to contain %q", i, fs[i].Message, m)
		}
	}
	if fs[4].Severity != Warning || fs[0].Severity != Error || fs[2].Severity != Error {
		t.Errorf("severities: got %s %s %s; want error error warning", fs[0].Severity, fs[2].Severity, fs[4].Severity)
	}
	if len(fs[2].Cells) != NumCols || fs[2].Cells[0] != "requests.other_no_correction.natural_person" {
		t.Errorf("R5 cells: got %v; want the 7 cells of other_no_correction", fs[2].Cells)
	}
	// A government's own report is due on 31 March (条例第四十九条).
	r.Date = "2024-03-20"
	if got := rules(Validate(r, nil)); slices.Contains(got, RuleDeadline) {
		t.Errorf("dated 2024-03-20: got %v; want no R8 for a 人民政府 report", got)
	}
}

func TestRuleTable(t *testing.T) {
	if len(Rules) != 10 {
		t.Fatalf("got %d rules; want 10", len(Rules))
	}
	for _, r := range Rules {
		if checks[r.ID] == nil {
			t.Errorf("rule %s has no check", r.ID)
		}
		if r.Desc == "" || r.DescEN == "" || (r.Severity != Error && r.Severity != Warning) {
			t.Errorf("rule %s: incomplete %+v", r.ID, r)
		}
		if got, ok := RuleByID(r.ID); !ok || got != r {
			t.Errorf("RuleByID(%s) = %v, %v", r.ID, got, ok)
		}
	}
	if len(checks) != len(Rules) {
		t.Errorf("got %d checks; want %d", len(checks), len(Rules))
	}
}

// ruleCase mutates a valid report and states the findings it must yield.
type ruleCase struct {
	name   string
	mutate func(r *Report)
	prev   func(p *Report) // when set, a previous-year report is given
	rules  []string        // rule ids of the findings, in order
	msg    string          // a substring of the first finding's message
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := validReport()
			if tc.mutate != nil {
				tc.mutate(r)
			}
			var prev *Report
			if tc.prev != nil {
				prev = validReport()
				prev.Year = r.Year - 1
				prev.Date = "2022-01-20"
				prev.Requests[CarriedForward] = &Row{N(2), N(0), N(0), N(0), N(0), N(0), N(2)}
				prev.Proactive.NormativeDocuments.InForce = N(4)
				tc.prev(prev)
			}
			fs := Validate(r, prev)
			if got := rules(fs); !slices.Equal(got, tc.rules) {
				t.Fatalf("got %v; want %v\n%+v", got, tc.rules, fs)
			}
			if tc.msg != "" && !strings.Contains(fs[0].Message, tc.msg) {
				t.Errorf("message %q lacks %q", fs[0].Message, tc.msg)
			}
		})
	}
}

func TestArithmeticRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "R1 holds", rules: []string{}},
		{name: "R1 column breaks", mutate: func(r *Report) {
			// 本年新收 自然人 31 (and total 34 so R2 holds): 31+2 ≠ 30+2.
			r.Requests[New][NaturalPerson] = N(31)
			r.Requests[New][ColTotal] = N(34)
		}, rules: []string{RuleBalance, RuleBalance},
			msg: "表三 “自然人” 列第一项加第二项之和为 33（“一、本年新收政府信息公开申请数量” 31 + “二、上年结转政府信息公开申请数量” 2），但第三项加第四项之和为 32"},
		{name: "R1 skips absent carried-forward", mutate: func(r *Report) {
			r.Requests[New][NaturalPerson] = N(31)
			r.Requests[New][ColTotal] = N(34)
			r.Requests[CarriedForward][NaturalPerson] = Num{}
			r.Requests[CarriedForward][ColTotal] = Num{}
		}, rules: []string{RuleCells}},
		{name: "R2 row total wrong", mutate: func(r *Report) {
			r.Requests[Granted][ColTotal] = N(23)
			r.Requests[RowTotal][ColTotal] = N(33)
			r.Requests[CarriedForward][ColTotal] = N(2)
		}, rules: []string{RuleRowSum, RuleRowSum, RuleRowSum},
			msg: "表三 “三、本年度办理结果 （一）予以公开” 行 “总计” 列为 23，但六类申请人之和为 22"},
		{name: "R2 skips absent applicant cell", mutate: func(r *Report) {
			r.Requests[Granted][Research] = Num{}
		}, rules: []string{RuleCells}},
		{name: "R3 results do not add up", mutate: func(r *Report) {
			r.Requests[RowTotal][NaturalPerson] = N(20)
			r.Requests[RowTotal][ColTotal] = N(22)
			r.Requests[CarriedForward][NaturalPerson] = N(12)
			r.Requests[CarriedForward][ColTotal] = N(13)
		}, rules: []string{RuleResults, RuleResults},
			msg: "表三 “（七）总计” 行 “自然人” 列为 20，但各办理结果之和为 30"},
		{name: "R3 skips absent result cell", mutate: func(r *Report) {
			r.Requests[WithheldThirdParty][NaturalPerson] = Num{}
		}, rules: []string{RuleCells}},
		{name: "R3 old single row still adds up", mutate: func(r *Report) {
			r.Requests[OtherNoCorrection], r.Requests[OtherFeeUnpaid] = nil, nil
		}, rules: []string{RuleCells, RuleCells}},
		{name: "R3 skips a missing result row", mutate: func(r *Report) {
			r.Requests[UnavailableNotHeld] = nil // its 10 requests are unknown, not 0
		}, rules: []string{RuleCells}},
		{name: "R4 group total wrong", mutate: func(r *Report) {
			r.ReviewLitigation.LitigationDirect = Group{N(1), N(0), N(0), N(2), N(4)}
		}, rules: []string{RuleReview},
			msg: "表四 “行政诉讼（未经复议直接起诉）” 的 “总计” 为 4，但 “结果维持”“结果纠正”“其他结果”“尚未审结” 之和为 3"},
		{name: "R4 skips absent part", mutate: func(r *Report) {
			r.ReviewLitigation.Review.Pending = Num{}
		}, rules: []string{RuleCells}},
	})
}

func TestCellRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "blank cells of one row are one finding", mutate: func(r *Report) {
			r.Requests[WithheldStateSecret][Commercial] = Num{}
			r.Requests[WithheldStateSecret][Research] = Num{}
		}, rules: []string{RuleCells},
			msg: "表三 “（三）不予公开 1.属于国家秘密” 行 “商业企业”、“科研机构” 列为空"},
		{name: "whole blank row", mutate: func(r *Report) {
			r.Requests[RejectedDuplicate] = &Row{}
		}, rules: []string{RuleCells}, msg: "“（五）不予处理 2.重复申请” 行整行为空"},
		{name: "negative count", mutate: func(r *Report) {
			r.Proactive.PenaltyDecisions = N(-1)
		}, rules: []string{RuleCells}, msg: "表二 “行政处罚” 行 “本年处理决定数量” 列为 -1，不能为负数"},
		{name: "negative fee", mutate: func(r *Report) {
			r.Proactive.FeesWanYuan = D("-0.5")
		}, rules: []string{RuleCells}, msg: "不能为负数"},
		{name: "fee not a number", mutate: func(r *Report) {
			r.Proactive.FeesWanYuan = D("约5")
		}, rules: []string{RuleCells}, msg: "不是数字"},
		{name: "fee decimal is fine", mutate: func(r *Report) {
			r.Proactive.FeesWanYuan = D("7730.28")
		}, rules: []string{}},
		{name: "blank fee and licensing", mutate: func(r *Report) {
			r.Proactive.FeesWanYuan = Dec{}
			r.Proactive.LicensingDecisions = Num{}
		}, rules: []string{RuleCells}, msg: "表二 “行政许可” 行 “本年处理决定数量” 列、“行政事业性收费” 行 “本年收费金额（单位：万元）” 列为空"},
		{name: "blank review group cell", mutate: func(r *Report) {
			r.ReviewLitigation.LitigationAfterReview.Total = Num{}
		}, rules: []string{RuleCells}, msg: "表四 “行政诉讼（复议后起诉）” 的 “总计” 为空"},
		{name: "missing row in 2021 template", mutate: func(r *Report) {
			r.Requests[RejectedPublication] = nil
		}, rules: []string{RuleCells}, msg: "表三缺少 “（五）不予处理 3.要求提供公开出版物” 行"},
		{name: "2019 template lacks the (六) sub-rows legitimately", mutate: func(r *Report) {
			r.Template = Template2019
			r.Requests[OtherNoCorrection], r.Requests[OtherFeeUnpaid] = nil, nil
			r.Proactive = Proactive{}
			r.Proactive2019 = full2019()
		}, rules: []string{}},
		{name: "2019 template blank cell and negative change", mutate: func(r *Report) {
			r.Template = Template2019
			r.Requests[OtherNoCorrection], r.Requests[OtherFeeUnpaid] = nil, nil
			r.Proactive = Proactive{}
			r.Proactive2019 = full2019()
			r.Proactive2019.Penalty.Change = N(-4) // 减4 is allowed
			r.Proactive2019.Regulations.Made = Num{}
		}, rules: []string{RuleCells}, msg: "表二 “规章” 行 “本年新制作数量” 列为空"},
	})
}

// full2019 returns a 2019-template table 二 with every cell 0.
func full2019() *Proactive2019 {
	z := N(0)
	it := Items2019{z, z, z}
	return &Proactive2019{Triple2019{z, z, z}, Triple2019{z, z, z}, it, it, it, it, Items2019{z, z, Num{}}, z, "0"}
}

func TestProblemsBecomeR5(t *testing.T) {
	r := validReport()
	r.Requests[Granted][Research] = Num{}
	r.Source = &Source{
		Format: "text",
		Cells:  map[CellID]Pos{ReqCell(Granted, Research): {Line: 88}, ReqCell(RowTotal, ColTotal): {Line: 140}},
		Problems: []Problem{
			{Cell: ReqCell(Granted, Research), Pos: Pos{Line: 88}, Text: "l", Reason: "不是整数"},
			{Pos: Pos{Table: 2, Row: 3, Col: 4}, Text: "??", Reason: "无法对应到表格中的单元格"},
		},
		Headings: [7]bool{false, true, true, true, true, true, true},
		Tables:   [5]bool{false, false, true, true, true},
	}
	fs := Validate(r, nil)
	if got := rules(fs); !slices.Equal(got, []string{RuleCells, RuleCells}) {
		t.Fatalf("got %v; want two R5 (the blank with a problem is not reported twice)\n%+v", got, fs)
	}
	if want := "表三 “三、本年度办理结果 （一）予以公开” 行 “科研机构” 列的值 “l” 无法读取：不是整数"; fs[0].Message != want {
		t.Errorf("got %q; want %q", fs[0].Message, want)
	}
	if !slices.Equal(fs[0].Where, []string{"第 88 行"}) || !slices.Equal(fs[1].Where, []string{"表格 2 第 3 行第 4 列"}) {
		t.Errorf("where: got %v and %v", fs[0].Where, fs[1].Where)
	}
	// Arithmetic findings carry the positions of their cells.
	r.Requests[Granted][Research] = N(0)
	r.Source.Problems = nil
	r.Requests[RowTotal][ColTotal] = N(31)
	r.Requests[CarriedForward][ColTotal] = N(4)
	fs = Validate(r, nil)
	if len(fs) == 0 || !slices.Contains(fs[0].Where, "第 140 行") {
		t.Errorf("got %+v; want a finding at 第 140 行", fs)
	}
}

// TestProblems2019Labels checks that an unreadable cell of the 2019
// template's table 二 is named by its row and column, as every other cell.
func TestProblems2019Labels(t *testing.T) {
	tests := []struct {
		id   CellID
		want string
	}{
		{"proactive_2019.licensing.change", "表二 “行政许可” 行 “本年增/减” 列的值 “88-720” 无法读取"},
		{"proactive_2019.regulations.made", "表二 “规章” 行 “本年新制作数量” 列的值 “88-720” 无法读取"},
		{"proactive_2019.procurement_count", "表二 “政府集中采购” 行 “采购项目数量” 列的值 “88-720” 无法读取"},
		{"proactive_2019.procurement_amount", "表二 “政府集中采购” 行 “采购总金额” 列的值 “88-720” 无法读取"},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			r := validReport()
			r.Template = Template2019
			r.Proactive2019 = full2019()
			r.Source = &Source{Problems: []Problem{{Cell: tt.id, Pos: Pos{Line: 8}, Text: "88-720", Reason: "数字连写"}}}
			for _, f := range Validate(r, nil) {
				if slices.Equal(f.Cells, []CellID{tt.id}) {
					if !strings.HasPrefix(f.Message, tt.want) {
						t.Errorf("got %q; want it to start %q", f.Message, tt.want)
					}
					return
				}
			}
			t.Errorf("no finding for %s", tt.id)
		})
	}
}

func TestSectionRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "JSON report with all tables", rules: []string{}},
		{name: "JSON report without table 四", mutate: func(r *Report) {
			r.ReviewLitigation = ReviewLitigation{}
		}, rules: []string{RuleSections}, msg: "报告缺少表四 “政府信息公开行政复议、行政诉讼情况”"},
		{name: "JSON report without table 二", mutate: func(r *Report) {
			r.Proactive = Proactive{}
		}, rules: []string{RuleSections}, msg: "报告缺少表二"},
		{name: "parsed report missing heading 五 and table 三", mutate: func(r *Report) {
			r.Source = &Source{Headings: [7]bool{false, true, true, true, true, false, true}, Tables: [5]bool{false, false, true, false, true}}
		}, rules: []string{RuleSections, RuleSections}, msg: "报告缺少第五部分 “五、存在的主要问题及改进情况”"},
		{name: "parsed report complete", mutate: func(r *Report) {
			r.Source = &Source{Headings: [7]bool{false, true, true, true, true, true, true}, Tables: [5]bool{false, false, true, true, true}}
		}, rules: []string{}},
	})
}

func TestChainAndDeadlineRules(t *testing.T) {
	keep := func(p *Report) {}
	runRuleCases(t, []ruleCase{
		{name: "chain holds", prev: keep, rules: []string{}},
		{name: "R6 carried over differs", prev: func(p *Report) {
			p.Requests[CarriedForward] = &Row{N(3), N(0), N(0), N(0), N(0), N(0), N(3)}
		}, rules: []string{RuleCarry, RuleCarry},
			msg: "表三 “二、上年结转政府信息公开申请数量” 行 “自然人” 列为 2，但 2021 年度报告 “四、结转下年度继续办理” 行同列为 3"},
		{name: "R6 skips absent cells", prev: func(p *Report) {
			p.Requests[CarriedForward] = &Row{Num{}, N(0), N(0), N(0), N(0), N(0), Num{}}
		}, rules: []string{}},
		{name: "R7 in force does not follow", prev: func(p *Report) {
			p.Proactive.NormativeDocuments.InForce = N(10)
		}, rules: []string{RuleInForce},
			msg: "表二 “行政规范性文件” 行 “现行有效件数” 列为 5，但 2021 年度报告的现行有效件数 10 + 本年制发件数 2 − 本年废止件数 1 = 11"},
		{name: "R6 another agency", prev: func(p *Report) {
			p.Agency = "别的局"
			p.Proactive.NormativeDocuments.InForce = N(10)
		}, rules: []string{RuleCarry}, msg: "不是同一机关"},
		{name: "R6 wrong year", prev: func(p *Report) {
			p.Year = 2019
		}, rules: []string{RuleCarry}, msg: "应为 2021 年度"},
		{name: "R8 late", mutate: func(r *Report) { r.Date = "2023-02-01" }, rules: []string{RuleDeadline},
			msg: "报告日期为 2023 年 2 月 1 日，晚于条例第四十九条规定的 2023 年 1 月 31 日"},
		{name: "R8 on the day", mutate: func(r *Report) { r.Date = "2023-01-31" }, rules: []string{}},
		{name: "R8 no date", mutate: func(r *Report) { r.Date = "" }, rules: []string{RuleDeadline}, msg: "报告未写明日期"},
		{name: "R8 bad date", mutate: func(r *Report) { r.Date = "2023-13-01" }, rules: []string{RuleDeadline}, msg: "不是有效日期"},
		{name: "R8 government report by 31 March", mutate: func(r *Report) {
			r.Agency, r.Date = "测试县人民政府", "2023-03-31"
		}, rules: []string{}},
		{name: "R8 government office is a department", mutate: func(r *Report) {
			r.Agency, r.Date = "测试县人民政府办公室", "2023-03-01"
		}, rules: []string{RuleDeadline}},
	})
	for _, f := range Validate(validReport(), func() *Report { p := validReport(); p.Agency = "x"; return p }()) {
		if f.Severity != Warning {
			t.Errorf("mismatched prev: got severity %s; want warning", f.Severity)
		}
	}
}

func TestOldSingleRowPointsAtTheRowPrinted(t *testing.T) {
	r := validReport()
	r.Requests[OtherNoCorrection], r.Requests[OtherFeeUnpaid] = nil, nil
	r.Source = &Source{
		Cells:    map[CellID]Pos{ReqCell(OtherOther, NaturalPerson): {Line: 130}, ReqCell(OtherOther, ColTotal): {Line: 130}},
		Headings: [7]bool{false, true, true, true, true, true, true},
		Tables:   [5]bool{false, false, true, true, true},
	}
	fs := Validate(r, nil)
	if len(fs) != 2 || !slices.Equal(fs[0].Where, []string{"第 130 行"}) || !slices.Equal(fs[1].Where, []string{"第 130 行"}) {
		t.Fatalf("got %+v; want two R5 at 第 130 行", fs)
	}
}

// TestDeadlineByKind checks R8 with the agency's kind given by the caller
// (条例第四十九条): the kind wins over the name, and the name guess is only
// the fallback for a bare file.
func TestDeadlineByKind(t *testing.T) {
	yes, no := true, false
	for _, c := range []struct {
		name, agency, date string
		gov                *bool
		late               bool
	}{
		{"department by name, March", "测试县司法局", "2023-03-01", nil, true},
		{"government by name, March", "测试县人民政府", "2023-03-01", nil, false},
		{"town by name is not 县级以上", "测试镇人民政府", "2023-03-01", nil, true},
		{"kind government beats the name", "测试县政务公开办", "2023-03-01", &yes, false},
		{"kind department beats the name", "测试县人民政府", "2023-03-01", &no, true},
		{"department on 31 January", "测试县司法局", "2023-01-31", &no, false},
		{"government on 1 April", "测试县人民政府", "2023-04-01", &yes, true},
	} {
		r := validReport()
		r.Agency, r.Date = c.agency, c.date
		got := slices.Contains(rules(ValidateWith(r, nil, Options{Government: c.gov})), RuleDeadline)
		if got != c.late {
			t.Errorf("%s: R8 %v; want %v", c.name, got, c.late)
		}
	}
	if d := DeadlineOf(true, 2023); d.Format(time.DateOnly) != "2024-03-31" {
		t.Errorf("DeadlineOf(government, 2023) = %s", d)
	}
}

// TestTable2019FindingsAreWarnings: findings on the 2019 template's table 二
// (blank, negative, unreadable) are warnings, since spec/report-model.md has
// no cells for that table; the same findings on table 三 stay errors.
func TestTable2019FindingsAreWarnings(t *testing.T) {
	r := validReport()
	r.Template = Template2019
	r.Requests[OtherNoCorrection], r.Requests[OtherFeeUnpaid] = nil, nil
	r.Proactive = Proactive{}
	r.Proactive2019 = full2019()
	r.Proactive2019.Regulations.Made = Num{}
	r.Proactive2019.Coercion.Decisions = N(-1)
	r.Proactive2019.Licensing.Change = Num{}
	r.Requests[Granted][Research] = Num{}
	r.Source = &Source{
		Format: "text",
		Problems: []Problem{
			{Cell: "proactive_2019.licensing.change", Text: "88-720", Reason: "有 2 种拆分"},
			{Cell: ReqCell(Granted, Research), Text: "l", Reason: "不是整数"},
		},
		Headings: [7]bool{false, true, true, true, true, true, true},
		Tables:   [5]bool{false, false, true, true, true},
	}
	var warned, erred []CellID
	for _, f := range Validate(r, nil) {
		if f.Rule != RuleCells {
			continue
		}
		if f.Severity == Warning {
			warned = append(warned, f.Cells...)
		} else {
			erred = append(erred, f.Cells...)
		}
	}
	slices.Sort(warned)
	want := []CellID{"proactive_2019.coercion.decisions", "proactive_2019.licensing.change", "proactive_2019.regulations.made"}
	if !slices.Equal(warned, want) {
		t.Errorf("warnings on %v; want %v", warned, want)
	}
	if !slices.Equal(erred, []CellID{ReqCell(Granted, Research)}) {
		t.Errorf("errors on %v; want only the table 三 cell", erred)
	}
}
