package catalog

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits on an item's fields, in characters.
const (
	MaxTitleLen   = 300
	MaxDocNoLen   = 100
	MaxSummaryLen = 2000
	MaxBodyLen    = 2 << 20 // 2 MB of HTML
	MaxAttachName = 200
)

// A FieldError is one field of an item that is wrong, with the field's
// JSON name and a Chinese message.
type FieldError struct {
	Field string
	Msg   string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Msg }

// Normalize trims the text fields, sanitizes the body and drops empty
// list entries; Check then judges the result.
func (c Content) Normalize() Content {
	c.Title = strings.Join(strings.Fields(c.Title), " ")
	c.DocNo = strings.TrimSpace(c.DocNo)
	c.Category = strings.TrimSpace(c.Category)
	c.Summary = strings.TrimSpace(c.Summary)
	c.ReplacedBy = strings.TrimSpace(c.ReplacedBy)
	c.DisclosureBasis = strings.TrimSpace(c.DisclosureBasis)
	if c.Body != "" {
		c.Body = Sanitize(c.Body)
	}
	c.CoAgencies = trimAll(c.CoAgencies)
	c.Interprets = trimAll(c.Interprets)
	if c.Disclosure == "" {
		c.Disclosure = Proactive
	}
	return c
}

func trimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Check returns every problem of c, by field; tree, when not nil, must
// hold c's category. A draft may be incomplete (draft true): only the
// title is then required; a submission or an import needs the category,
// type and formation date too.
func (c Content) Check(tree Tree, draft bool) []FieldError {
	var errs []FieldError
	bad := func(field, format string, a ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(format, a...)})
	}
	switch n := utf8.RuneCountInString(c.Title); {
	case n == 0:
		bad("title", "标题为必填项")
	case n > MaxTitleLen:
		bad("title", "标题超过 %d 个字", MaxTitleLen)
	}
	if utf8.RuneCountInString(c.DocNo) > MaxDocNoLen {
		bad("doc_no", "文号超过 %d 个字", MaxDocNoLen)
	}
	if utf8.RuneCountInString(c.Summary) > MaxSummaryLen {
		bad("summary", "内容概述超过 %d 个字", MaxSummaryLen)
	}
	if len(c.Body) > MaxBodyLen {
		bad("body", "正文超过 %d 字节", MaxBodyLen)
	}
	switch {
	case c.Category == "" && !draft:
		bad("category", "请选择栏目")
	case c.Category != "":
		if err := CheckPath(c.Category); err != nil {
			bad("category", "%v", err)
		} else if tree != nil {
			if _, ok := tree[c.Category]; !ok {
				bad("category", "栏目 %q 不在本机关的目录中", c.Category)
			}
		}
	}
	switch {
	case c.DocType == "" && !draft:
		bad("doc_type", "请选择文件类型")
	case c.DocType != "" && !c.DocType.Valid():
		bad("doc_type", "文件类型 %q 无效，应为 regulation、normative、policy、interpretation、notice 或 other", c.DocType)
	}
	if c.FormedOn.IsZero() && !draft {
		bad("formed_on", "成文日期为必填项（条例第二十六条自形成之日起计算）")
	}
	if !c.ChangedOn.IsZero() && !c.FormedOn.IsZero() && c.ChangedOn.Before(c.FormedOn) {
		bad("changed_on", "变更日期 %s 早于成文日期 %s", c.ChangedOn, c.FormedOn)
	}
	errs = append(errs, c.checkValidity(draft)...)
	if !c.Disclosure.Valid() {
		bad("disclosure", "公开属性 %q 无效，应为 proactive、on_request 或 not_public", c.Disclosure)
	} else if c.Disclosure == NotPublic && c.DisclosureBasis == "" {
		bad("disclosure_basis", "不予公开须写明依据的条款（条例第十四、十五、十六条）")
	}
	if len(c.Interprets) > 0 && c.DocType != Interpretation && c.DocType != "" {
		bad("interprets", "只有政策解读（interpretation）可以关联被解读的文件")
	}
	for i, a := range c.Attachments {
		if strings.TrimSpace(a.Name) == "" || utf8.RuneCountInString(a.Name) > MaxAttachName || strings.ContainsAny(a.Name, "/\\\x00") {
			bad(fmt.Sprintf("attachments[%d].name", i), "附件名为空、过长或含路径分隔符")
		}
	}
	for i, p := range c.Channels {
		if strings.TrimSpace(p.Channel) == "" {
			bad(fmt.Sprintf("channels[%d].channel", i), "发布渠道为空")
		}
		if p.On.IsZero() {
			bad(fmt.Sprintf("channels[%d].on", i), "发布渠道缺少日期")
		}
	}
	return errs
}

// checkValidity checks the validity fields: only 规章 and 行政规范性文件
// carry one (61号: 有效/失效/废止), and it is required for them.
func (c Content) checkValidity(draft bool) []FieldError {
	var errs []FieldError
	bad := func(field, format string, a ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(format, a...)})
	}
	if !c.DocType.HasValidity() {
		if c.Validity != "" || !c.ValidityChangedOn.IsZero() || c.ReplacedBy != "" {
			bad("validity", "只有规章和行政规范性文件标注有效性")
		}
		return errs
	}
	switch {
	case c.Validity == "" && !draft:
		bad("validity", "规章和行政规范性文件须标注有效性（in_force、amended、expired 或 repealed）")
	case c.Validity != "" && !c.Validity.Valid():
		bad("validity", "有效性 %q 无效，应为 in_force、amended、expired 或 repealed", c.Validity)
	case c.Validity != "" && c.Validity != InForce && c.ValidityChangedOn.IsZero():
		bad("validity_changed_on", "有效性为“%s”须填写变更日期", c.Validity.Label())
	case c.Validity == InForce && (!c.ValidityChangedOn.IsZero() || c.ReplacedBy != ""):
		bad("validity_changed_on", "现行有效的文件不填写有效性变更日期和替代文件")
	case c.Validity == Amended && c.ReplacedBy == "":
		// Decision (catalog.md §2 is silent on a repeal without successor):
		// an amendment always names the amending document; a repeal names
		// its successor when there is one.
		bad("replaced_by", "已修改的文件须填写修改它的文件的索引号")
	case c.Validity == Expired && c.ReplacedBy != "":
		bad("replaced_by", "失效的文件没有替代文件；被新文件取代的请选“已修改”或“废止”")
	}
	if !c.ValidityChangedOn.IsZero() && !c.FormedOn.IsZero() && c.ValidityChangedOn.Before(c.FormedOn) {
		bad("validity_changed_on", "有效性变更日期 %s 早于成文日期 %s", c.ValidityChangedOn, c.FormedOn)
	}
	return errs
}
