package catalog

import (
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
)

// A Check is one question of the 保密审查 checklist the 审核人 answers
// before an item goes to the 负责人 (条例第十七条 and the 保密 law;
// catalog.md §4).
type Check struct {
	ID    string
	Label string // Chinese, with the article it comes from
}

// Checklist is the 保密审查 checklist, in the order the review page asks.
var Checklist = []Check{
	{"no_secret", "不涉及国家秘密，无密级标识（条例第十四条、保密法）"},
	{"no_security_risk", "公开后不危及国家安全、公共安全、经济安全和社会稳定（条例第十四条）"},
	{"no_third_party", "不涉及商业秘密、个人隐私，个人信息已删除或去标识化（条例第十五条）"},
	{"no_internal", "不属于内部事务信息或过程性信息（条例第十六条）"},
	{"attachments", "附件已逐一打开核对，无隐藏工作表、批注、修订或文档属性中的个人信息"},
	{"accurate", "内容与正式文本一致，文号、日期、发布机构准确"},
	{"scope", "公开属性与公开方式已确定（条例第二十二条）"},
}

// Answers are the checks a reviewer ticked, by Check.ID.
type Answers map[string]bool

// Missing returns the labels of the checks not ticked, in checklist order.
func (a Answers) Missing() []string {
	var out []string
	for _, c := range Checklist {
		if !a[c.ID] {
			out = append(out, c.Label)
		}
	}
	return out
}

// MissingMsgs returns the messages of the checks not ticked, in
// checklist order (key "catalog.check.no_secret"), for the error that
// lists them.
func (a Answers) MissingMsgs() []apperr.Msg {
	var out []apperr.Msg
	for _, c := range Checklist {
		if !a[c.ID] {
			out = append(out, apperr.M("catalog.check."+c.ID))
		}
	}
	return out
}

// Complete reports whether every check is ticked.
func (a Answers) Complete() bool { return len(a.Missing()) == 0 }

// String lists the ticked checks' ids, for the audit log.
func (a Answers) String() string {
	var ids []string
	for _, c := range Checklist {
		if a[c.ID] {
			ids = append(ids, c.ID)
		}
	}
	return strings.Join(ids, ",")
}
