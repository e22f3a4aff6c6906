package report

import (
	"fmt"
	"sort"
)

// The stable ids of the validation rules of spec/report-model.md.
const (
	RuleBalance   = "R1-balance"
	RuleRowSum    = "R2-row-sum"
	RuleResults   = "R3-results-sum"
	RuleReview    = "R4-review-sum"
	RuleCells     = "R5-cells"
	RuleCarry     = "R6-carry-chain"
	RuleInForce   = "R7-in-force-chain"
	RuleDeadline  = "R8-deadline"
	RuleNarrative = "R9-narrative"
	RuleSections  = "R10-sections"
)

// A Rule is one validation rule: its stable id, its severity and what must
// hold, in Chinese and in English.
type Rule struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Desc     string   `json:"desc"`
	DescEN   string   `json:"desc_en"`
}

// Rules lists every validation rule in order (spec/report-model.md,
// "Validation rules"). The checks that implement them are in checks.
var Rules = []Rule{
	{RuleBalance, Error, "表三每一列：第一项加第二项之和，等于第三项加第四项之和（本年新收 + 上年结转 = 办理结果总计 + 结转下年度）",
		"table 三, each column: new + carried_over = total + carried_forward"},
	{RuleRowSum, Error, "表三每一行：“总计”列等于六类申请人之和",
		"table 三, each row: the total column is the sum of the six applicant columns"},
	{RuleResults, Error, "表三每一列：“（七）总计”行等于各办理结果（（一）至（六））之和",
		"table 三, each column: the total row is the sum of the 21 result rows"},
	{RuleReview, Error, "表四每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
		"table 四, each group: total = upheld + corrected + other + pending"},
	{RuleCells, Error, "每个单元格都应填写：非负整数（收费金额：非负小数）；空白或“—”不等于 0",
		"every cell present, a whole number ≥ 0 (fees: a decimal ≥ 0)"},
	{RuleCarry, Error, "本年“上年结转”等于上一年度报告的“结转下年度继续办理”，逐列比对",
		"carried_over(Y) = carried_forward(Y−1), column by column"},
	{RuleInForce, Warning, "本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（规章、行政规范性文件）",
		"in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y)"},
	{RuleDeadline, Warning, "年度报告应在次年 1 月 31 日前公布（条例第四十九条；本级人民政府的报告为 3 月 31 日前）",
		"the report is dated on or before 31 January of Y+1 (条例第四十九条; 31 March for a government's own report)"},
	{RuleNarrative, Warning, "正文所述数字（如“共收到……申请……件”）与表格一致",
		"numbers the free text states about the tables agree with the tables"},
	{RuleSections, Error, "六个部分和表二、表三、表四齐全",
		"all six sections and all tables present"},
}

// RuleByID returns the rule with the given id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// checks maps each rule id to the function that applies it. A check adds
// findings through v.add; the rule id and default severity are set by
// Validate, so the checks stay free of the table above.
var checks = map[string]func(v *validator){
	RuleBalance:   checkBalance,
	RuleRowSum:    checkRowSum,
	RuleResults:   checkResults,
	RuleReview:    checkReview,
	RuleCells:     checkCells,
	RuleCarry:     checkCarry,
	RuleInForce:   checkInForce,
	RuleDeadline:  checkDeadline,
	RuleNarrative: checkNarrative,
	RuleSections:  checkSections,
}

// Validate applies every rule of spec/report-model.md to r and returns all
// findings in rule order (not only the first). prev is the previous year's
// report of the same agency, or nil; the cross-year rules R6 and R7 run only
// when it is given. Arithmetic rules skip absent cells, which R5 reports:
// an absent cell is never taken as 0.
func Validate(r *Report, prev *Report) []Finding {
	return ValidateWith(r, prev, Options{})
}

// Options tell Validate what the report alone cannot: facts about its
// agency that gongkai stores.
type Options struct {
	// Government, when not nil, says whether the agency is a 县级以上
	// 人民政府 (its kind), which sets the R8 deadline (条例第四十九条).
	// When nil, R8 guesses from the name (GuessGovernment): the fallback
	// for a report checked from a bare file.
	Government *bool
}

// ValidateWith is Validate with what is known of the agency.
func ValidateWith(r *Report, prev *Report, opt Options) []Finding {
	if r == nil {
		return nil
	}
	v := newValidator(r, prev)
	v.opt = opt
	for _, rule := range Rules {
		v.rule = rule
		checks[rule.ID](v)
	}
	return v.out
}

// validator carries one run of Validate.
type validator struct {
	r, prev *Report
	opt     Options
	rule    Rule
	cells   map[CellID]Cell
	// missing[t] is true when table t (2–4) is missing altogether (R10);
	// R5 then does not list its cells one by one.
	missing [5]bool
	out     []Finding
}

func newValidator(r, prev *Report) *validator {
	return &validator{r: r, prev: prev, missing: missingTables(r)}
}

// add records a finding of the current rule with its default severity.
func (v *validator) add(ids []CellID, format string, args ...any) {
	v.addSev(v.rule.Severity, ids, format, args...)
}

// addSev records a finding of the current rule with the given severity.
func (v *validator) addSev(sev Severity, ids []CellID, format string, args ...any) {
	v.out = append(v.out, Finding{
		Rule: v.rule.ID, Severity: sev, Cells: ids,
		Message: fmt.Sprintf(format, args...), Where: v.where(ids),
	})
}

// where returns the distinct source positions of the cells, in the
// order of the cells.
func (v *validator) where(ids []CellID) []string {
	if v.r.Source == nil || len(v.r.Source.Cells) == 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		p, ok := v.r.Source.Cells[id]
		if !ok {
			continue
		}
		s := p.String()
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// label names a cell in the template's words: 表三 “（七）总计” 行 “自然人” 列.
func (v *validator) label(id CellID) string {
	if v.cells == nil { // built on first use: most reports need no label
		v.cells = make(map[CellID]Cell, 200)
		for _, c := range v.r.Cells() {
			v.cells[c.ID] = c
		}
	}
	c, ok := v.cells[id]
	if !ok {
		if l := label2019(id); l != "" {
			return "表二 " + l
		}
		return string(id)
	}
	return c.Table + " " + c.Label
}

// Count returns how many findings of each severity fs holds.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// RulesBroken returns the distinct rule ids of fs, sorted in rule order.
func RulesBroken(fs []Finding) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fs {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			out = append(out, f.Rule)
		}
	}
	order := map[string]int{}
	for i, r := range Rules {
		order[r.ID] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
	return out
}
