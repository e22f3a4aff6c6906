package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/report"
)

// maxLabelRunes bounds the labels the matchers consider: prose is longer.
const maxLabelRunes = 64

// A reqMatch is what a label of table 三 names: a row, or a group label
// (（三）不予公开 …) that sets the context of the rows after it.
type reqMatch struct {
	row   report.RowID
	group int // 0 for a row; 3–6 for （三）–（六）; 1 for 三、本年度办理结果
}

// matchReq matches a normalised, numbering-stripped label of table 三.
// group6 tells whether （六）其他处理 came before (the bare 其他 is then
// other_other); results whether a result row came before (the bare 总计 is
// then the total row, not the column header).
func matchReq(k string, group6, results bool) (reqMatch, bool) {
	if k == "" || utf8.RuneCountInString(k) > maxLabelRunes {
		return reqMatch{}, false
	}
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(k, s) {
				return true
			}
		}
		return false
	}
	row := func(r report.RowID) (reqMatch, bool) { return reqMatch{row: r}, true }
	// A group label and a row label in one cell: "（五）不予处理 2.重复申请".
	for _, g := range groupLabels {
		if len(k) > len(g) && strings.HasPrefix(k, g) {
			if rest := stripNum(k[len(g):]); rest != "" {
				if m, ok := matchReq(rest, group6 || g == "其他处理", results); ok && m.group == 0 {
					return m, true
				}
			}
		}
	}
	switch {
	case has("本年新收"):
		return row(report.New)
	case has("上年结转", "上年转结", "上年度结转", "上年度转结", "上一年度结转"):
		return row(report.CarriedOver)
	case has("结转下年", "转结下年", "结转下一年", "结转至下年", "结转到下年"):
		return row(report.CarriedForward)
	case strings.HasPrefix(k, "本年度办理结果"):
		return reqMatch{group: 1}, true
	case strings.HasPrefix(k, "予以公开"):
		return row(report.Granted)
	case strings.HasPrefix(k, "部分公开"):
		return row(report.PartiallyGranted)
	case k == "不予公开":
		return reqMatch{group: 3}, true
	case has("国家秘密"):
		return row(report.WithheldStateSecret)
	case strings.HasPrefix(k, "其他法律"):
		return row(report.WithheldProhibitedByLaw)
	case has("三安全一稳定"):
		return row(report.WithheldSecurityStability)
	case has("第三方合法权益"):
		return row(report.WithheldThirdParty)
	case has("内部事务"):
		return row(report.WithheldInternalAffairs)
	case has("过程性信息"):
		return row(report.WithheldProcessInfo)
	case has("行政执法案卷"):
		return row(report.WithheldEnforcementFile)
	case has("行政查询"):
		return row(report.WithheldAdministrativeQuery)
	case k == "无法提供":
		return reqMatch{group: 4}, true
	case has("不掌握"):
		return row(report.UnavailableNotHeld)
	case has("另行制作", "没有现成"):
		return row(report.UnavailableNeedsCreation)
	case has("补正后"):
		return row(report.UnavailableUnclear)
	case k == "不予处理":
		return reqMatch{group: 5}, true
	case has("信访"):
		return row(report.RejectedPetition)
	case strings.HasPrefix(k, "重复申请"):
		return row(report.RejectedDuplicate)
	case has("出版物"):
		return row(report.RejectedPublication)
	case has("大量反复"):
		return row(report.RejectedMassRepeated)
	case has("重新出具", "确认或"):
		return row(report.RejectedReconfirm)
	case strings.HasPrefix(k, "其他处理"):
		return reqMatch{group: 6}, true
	case has("逾期不补正"):
		return row(report.OtherNoCorrection)
	case has("收费通知", "缴纳费用"):
		return row(report.OtherFeeUnpaid)
	case k == "其他" && group6:
		return row(report.OtherOther)
	case k == "总计" && results:
		return row(report.RowTotal)
	}
	return reqMatch{}, false
}

// groupLabels are the labels of table 三 that head a group of rows.
var groupLabels = []string{"本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理"}

// Rows of table 二 that the extractor knows, in both templates.
const (
	p2Regulations = iota + 1
	p2Normative
	p2Licensing
	p2OtherServices // 2019: 其他对外管理服务事项
	p2Penalty
	p2Coercion
	p2Fees
	p2Procurement // 2019: 政府集中采购
)

// matchProactive matches a normalised, numbering-stripped row label of
// table 二.
func matchProactive(k string) int {
	if k == "" || utf8.RuneCountInString(k) > 24 {
		return 0
	}
	switch {
	case k == "规章":
		return p2Regulations
	case k == "行政规范性文件" || k == "规范性文件":
		return p2Normative
	case k == "行政许可":
		return p2Licensing
	case strings.HasPrefix(k, "其他对外管理服务"):
		return p2OtherServices
	case k == "行政处罚":
		return p2Penalty
	case k == "行政强制":
		return p2Coercion
	case strings.HasPrefix(k, "行政事业性收费"):
		return p2Fees
	case strings.HasPrefix(k, "政府集中采购"):
		return p2Procurement
	}
	return 0
}

// matchGroup matches a row label of table 四 laid out as three rows of
// five (行政复议 / 未经复议直接起诉 / 复议后起诉): the group index or -1.
func matchGroup(k string) int {
	switch {
	case k == "行政复议":
		return 0
	case strings.Contains(k, "直接起诉"):
		return 1
	case strings.Contains(k, "复议后起诉"):
		return 2
	}
	return -1
}

// headerWords are table headers: never row labels, never values.
var headerWords = []string{
	"第二十条第", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
	"本年处理决定数量", "本年收费金额", "本年新制作数量", "本年新公开数量",
	"对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量", "采购项目数量",
	"采购总金额", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构",
	"社会公益组织", "法律服务机构", "总计", "其他", "行政复议", "行政诉讼",
	"未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结",
}

// isHeader reports whether a key is a table header.
func isHeader(k string) bool {
	if strings.Contains(k, "勾稽关系") {
		return true
	}
	for _, h := range headerWords {
		if strings.HasPrefix(k, h) && len(k) <= len(h)+24 {
			return true
		}
	}
	return false
}

// heading returns the section (1–6) a heading line names, or 0. It
// accepts the variants of regulation.md §1.1 ("五、存在问题及改进情况",
// "存在的主要问题和改进措施", "政府信息公开行政复议及行政诉讼情况", …) and
// any numbering ("二、", "2、", "（二）") or none.
func heading(k string) int {
	n := utf8.RuneCountInString(k)
	if n < 4 || n > 40 {
		return 0
	}
	switch {
	case strings.HasPrefix(k, "总体情况") && n <= 8:
		return 1
	case strings.HasPrefix(k, "主动公开政府信息") && n <= 14:
		return 2
	case strings.HasPrefix(k, "收到和处理政府信息公开申请") && n <= 18:
		return 3
	case strings.Contains(k, "行政复议") && strings.Contains(k, "行政诉讼") && strings.HasSuffix(k, "情况"):
		return 4
	case strings.Contains(k, "存在") && strings.Contains(k, "问题") && (strings.Contains(k, "改进") || strings.Contains(k, "整改")) && n <= 24:
		return 5
	case strings.HasPrefix(k, "其他需要报告的事项") && n <= 12:
		return 6
	}
	return 0
}

// template markers of regulation.md §1.2 ("Recogniser hints").
var (
	markers2019 = []string{"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量", "第二十条第(九)项", "政府集中采购"}
	markers2021 = []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"}
)
