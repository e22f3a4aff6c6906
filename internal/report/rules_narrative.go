package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// R9 compares the numbers the free text states about the tables with the
// tables. It must not raise false alarms, so it reads only a few sentence
// shapes whose meaning is unambiguous, and accepts every reading a careful
// writer could have meant:
//   - requests received (共收到/受理…申请 N 件): N may count new requests,
//     new plus carried-over, or the requests handled (（七）总计, with or
//     without those carried forward);
//   - no requests received (未收到政府信息公开申请);
//   - requests carried over from last year or forward to next year;
//   - review and litigation cases (被申请行政复议 N 件, 被提起行政诉讼 N 件)
//     and their absence (未发生…行政复议、行政诉讼).
//
// Clauses that break a count down (其中, by channel, by applicant), compare
// it (同比, 较上年, 增长), approximate it (近, 约, 余, 多), are about another
// year or about proactive disclosure (主动公开, not in the tables) are skipped.

var (
	sentenceSplit = regexp.MustCompile(`[。！？!?；;]+`)
	clauseSplit   = regexp.MustCompile(`[,:()]+`)
	thousands     = regexp.MustCompile(`(\d),(\d{3})`)
	spaces        = regexp.MustCompile(`\s+`)
	yearRE        = regexp.MustCompile(`(\d{4})年`)
	// countRE is a number with its counter: 35件, 一次, 二十一件.
	countRE = regexp.MustCompile(`(近|约|超过|超|逾|不足|大约|第|数|几|上)?([0-9]+|[零〇一二两三四五六七八九十百千万]+)(余|多)?(件|次|份|个|宗|起|项)(性|以上|以下|左右|上下)?`)
	// receiveRE is a verb of receiving.
	receiveRE = regexp.MustCompile(`收到|受理|接收|接到|新收|收悉`)
	// noneReceivedRE is a plain statement that no request came in.
	noneReceivedRE = regexp.MustCompile(`(?:未|没有)(?:收到|受理|接到|接收)(?:任何)?(?:政府信息公开|信息公开|依申请公开|公开)?(?:的)?申请(?:$|[^人书表])`)
	// noneCaseRE is a plain statement that no review or lawsuit happened.
	noneCaseRE = regexp.MustCompile(`(?:未|没有|无)[^，,]{0,25}?(?:行政复议|行政诉讼)`)
	// skipRE marks clauses that break down, compare or approximate.
	skipRE = regexp.MustCompile(`其中|同比|较|增长|下降|减少|增加|上升|累计|以来|历年|平均|日均|月均|占|%|％|通过|网上|网络|在线|信函|邮寄|当面|现场|传真|邮件|窗口|来信|自然人|法人|企业|组织|机构|主动公开|分别|咨询|电话|留言|热线|本级|部门|乡镇|街道|区直|市直|县直|单位|所属|下属|申请的`)
	// caseOutcomeRE marks clauses about the outcome of cases, not their count.
	caseOutcomeRE = regexp.MustCompile(`维持|纠正|纠错|撤销|驳回|确认|审结|败诉|胜诉|终止|调解|追究|责任|未经|判决|裁定|结果|结案|审理|办结`)
	// caseContextRE marks a clause about cases brought against the agency
	// over information disclosure (a 司法局 also handles others' reviews).
	caseContextRE = regexp.MustCompile(`信息公开|被申请|被提起|被起诉|被诉`)
)

// A count is a number read from the text.
type count struct {
	n   int64
	pos int // byte offset of the number in the clause
}

// counts finds the exact counts in a clause; ambiguous is true when one is
// approximate or ordinal (近30件, 20余件, 第一次).
func counts(clause string) (out []count, ambiguous bool) {
	for _, m := range countRE.FindAllStringSubmatchIndex(clause, -1) {
		if m[2] >= 0 || m[6] >= 0 || m[10] >= 0 {
			if m[10] >= 0 && clause[m[10]:m[11]] == "性" { // 一次性: not a count
				continue
			}
			ambiguous = true // 近30件, 数十件, 20余件, 10件以上, 第一次
			continue
		}
		if next, _ := utf8.DecodeRuneInString(clause[m[1]:]); next == '事' || next == '办' {
			continue // 一件事, 一次办: slogans, not counts
		}
		n, ok := ParseCount(clause[m[4]:m[5]])
		if !ok {
			continue
		}
		out = append(out, count{n, m[4]})
	}
	return out, ambiguous
}

// cnDigits and cnUnits are the Chinese numerals ParseCount reads.
var (
	cnDigits = map[rune]int64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	cnUnits  = map[rune]int64{'十': 10, '百': 100, '千': 1000}
)

// ParseCount reads a whole number written in Arabic digits or in Chinese
// numerals (一, 十二, 二十一, 一百零五, 两千).
func ParseCount(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		n, err := strconv.ParseInt(s, 10, 64)
		return n, err == nil
	}
	var total, section, num int64
	lastDigit := false
	for _, c := range s {
		if d, ok := cnDigits[c]; ok {
			if lastDigit && d != 0 && num != 0 {
				return 0, false // 一二: not a number
			}
			num, lastDigit = d, true
			continue
		}
		lastDigit = false
		if c == '万' {
			total = (total + section + num) * 10000
			section, num = 0, 0
			continue
		}
		u, ok := cnUnits[c]
		if !ok {
			return 0, false
		}
		if num == 0 {
			num = 1 // 十二 = 12
		}
		section += num * u
		num = 0
	}
	return total + section + num, true
}

// narrativeSections are the free-text sections with their headings.
func (r *Report) narrativeSections() [3][2]string {
	return [3][2]string{
		{sectionNames[1], r.Sections.Overview},
		{sectionNames[5], r.Sections.Problems},
		{sectionNames[6], r.Sections.Other},
	}
}

// checkNarrative applies R9.
func checkNarrative(v *validator) {
	for _, sec := range v.r.narrativeSections() {
		text := strings.ReplaceAll(sec[1], "\r", "")
		text = spaces.ReplaceAllString(text, "")
		for _, sent := range sentenceSplit.Split(text, -1) {
			if !strings.Contains(sent, "公开") || !aboutRequests(sent) {
				continue
			}
			folded := thousands.ReplaceAllString(width.Fold.String(sent), "$1$2")
			for _, cl := range clauseSplit.Split(folded, -1) {
				if cl == "" || !aboutRequests(cl) || v.otherYear(cl) {
					continue
				}
				v.clause(sec[0], sent, folded, cl)
			}
		}
	}
}

// aboutRequests reports whether s speaks of requests (申请, 结转) or of
// reviews and lawsuits (复议, 诉讼): only such text can match a check of
// clause, and most of a report's free text speaks of neither, so it is
// skipped before any regular expression runs.
func aboutRequests(s string) bool {
	return strings.Contains(s, "申请") || strings.Contains(s, "结转") ||
		strings.Contains(s, "复议") || strings.Contains(s, "诉讼")
}

// otherYear reports whether the clause names a year other than the one
// reported on.
func (v *validator) otherYear(cl string) bool {
	for _, m := range yearRE.FindAllStringSubmatch(cl, -1) {
		if y, _ := strconv.Atoi(m[1]); y != v.r.Year {
			return true
		}
	}
	return false
}

// clause checks one clause of a sentence of section sec.
func (v *validator) clause(sec, sent, folded, cl string) {
	q := &v.r.Requests
	quote := shorten(sent)
	nums, ambiguous := counts(cl)
	hasDigit := strings.ContainsAny(cl, "0123456789") || len(nums) > 0
	skip := skipRE.MatchString(cl)

	// Requests carried over or forward.
	if strings.Contains(cl, "结转") && strings.Contains(folded, "申请") && !skip && !ambiguous && len(nums) == 1 {
		next := strings.ContainsAny(cl, "下次明") && !strings.Contains(cl, "上年")
		last := (strings.Contains(cl, "上年") || strings.Contains(cl, "上一年") || strings.Contains(cl, "去年")) && !next
		row := RowID(-1)
		switch {
		case next:
			row = CarriedForward
		case last:
			row = CarriedOver
		}
		if row >= 0 {
			if t := q.cell(row, ColTotal); t.Valid && t.V != nums[0].n {
				v.add([]CellID{ReqCell(row, ColTotal)}, "“%s” 部分写明 “%s”，但表三 “%s” 行 “总计” 列为 %d",
					sec, quote, Rows[row].Label, t.V)
			}
			return
		}
	}

	// Requests received.
	if loc := receiveRE.FindStringIndex(cl); loc != nil && strings.Contains(cl, "申请") &&
		!strings.Contains(cl, "复议") && !strings.Contains(cl, "诉讼") && !strings.Contains(cl, "结转") && !skip && !ambiguous {
		for _, c := range nums {
			if c.pos < loc[0] {
				continue
			}
			v.received(sec, quote, c.n)
			break
		}
	}
	if !hasDigit && noneReceivedRE.MatchString(cl) {
		if t := q.cell(New, ColTotal); t.Valid && t.V > 0 {
			v.add([]CellID{ReqCell(New, ColTotal)}, "“%s” 部分写明 “%s”，但表三 “%s” 行 “总计” 列为 %d",
				sec, quote, Rows[New].Label, t.V)
		}
	}

	// Review and litigation.
	rev, lit := strings.Contains(cl, "复议"), strings.Contains(cl, "诉讼")
	if (!rev && !lit) || caseOutcomeRE.MatchString(cl) {
		return
	}
	if !hasDigit && noneCaseRE.MatchString(cl) {
		v.noCases(sec, quote, rev, lit)
		return
	}
	if rev != lit && len(nums) == 1 && !ambiguous && !skip && caseContextRE.MatchString(cl) {
		v.cases(sec, quote, rev, nums[0].n)
	}
}

// received checks a stated number of requests received against every
// reading of it the tables allow.
func (v *validator) received(sec, quote string, n int64) {
	q := &v.r.Requests
	nw, co, tot, cf := q.cell(New, ColTotal), q.cell(CarriedOver, ColTotal), q.cell(RowTotal, ColTotal), q.cell(CarriedForward, ColTotal)
	var readings []int64
	for _, ns := range [][]Num{{nw}, {nw, co}, {tot}, {tot, cf}} {
		if s, ok := sum(ns...); ok {
			readings = append(readings, s)
		}
	}
	if len(readings) == 0 || !nw.Valid {
		return
	}
	for _, s := range readings {
		if s == n {
			return
		}
	}
	msg := "“%s” 部分写明 “%s”（%d 件），但表三 “%s” 行 “总计” 列为 %d"
	args := []any{sec, quote, n, Rows[New].Label, nw.V}
	if co.Valid {
		msg += "，加上年结转为 %d"
		args = append(args, nw.V+co.V)
	}
	if tot.Valid {
		msg += "，“%s” 为 %d"
		args = append(args, Rows[RowTotal].Label, tot.V)
	}
	v.add([]CellID{ReqCell(New, ColTotal), ReqCell(CarriedOver, ColTotal), ReqCell(RowTotal, ColTotal)}, msg, args...)
}

// caseGroups returns the groups of table 四 a clause speaks of.
func caseGroups(review bool) []int {
	if review {
		return []int{0}
	}
	return []int{1, 2}
}

// cases checks a stated number of review or litigation cases.
func (v *validator) cases(sec, quote string, review bool, n int64) {
	var tot, alt int64
	var ids []CellID
	for _, g := range caseGroups(review) {
		t, a, ok := groupCount(v.r.ReviewLitigation.Groups()[g])
		if !ok {
			return
		}
		tot, alt = tot+t, alt+a
		ids = append(ids, RLCell(g, 4))
	}
	if n == tot || n == alt {
		return
	}
	if !review { // one of the two litigation groups alone
		for _, g := range []int{1, 2} {
			t, a, _ := groupCount(v.r.ReviewLitigation.Groups()[g])
			if n == t || n == a {
				return
			}
		}
	}
	name := "行政复议"
	if !review {
		name = "行政诉讼"
	}
	v.add(ids, "“%s” 部分写明 “%s”（%d 件），但表四 “%s” 的 “总计” 为 %d", sec, quote, n, name, tot)
}

// noCases checks a statement that no review or lawsuit happened.
func (v *validator) noCases(sec, quote string, review, litigation bool) {
	var groups []int
	if review {
		groups = append(groups, 0)
	}
	if litigation {
		groups = append(groups, 1, 2)
	}
	for _, g := range groups {
		t, a, ok := groupCount(v.r.ReviewLitigation.Groups()[g])
		if !ok || (t == 0 && a == 0) {
			continue
		}
		n := max(t, a)
		v.add([]CellID{RLCell(g, 4)}, "“%s” 部分写明 “%s”，但表四 “%s” 记有 %s", sec, quote, GroupLabels[g], fmtCount(n))
	}
}

// shorten returns the sentence trimmed to at most 60 characters.
func shorten(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	r := []rune(s)
	return string(r[:60]) + "…"
}
