// Package ledger reads and writes the request ledger (依申请公开登记台账) of
// spec/ledger.md: a CSV or XLSX sheet with one request a row, which agencies
// keep before (and beside) a system. Reading is all or nothing: every bad
// row is reported with its row number, column and a reason in Chinese, and
// nothing is returned unless the whole file is good.
package ledger

import (
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// A field is one known column of the ledger.
type field int

// The known columns, in the order the writer puts them.
const (
	fID field = iota
	fReceived
	fApplicantType
	fApplicant
	fContent
	fMethod
	fCorrected
	fExtended
	fResult
	fReplied
	fFee
	fReview
	fReviewFiled
	fReviewConcluded
	fLitigation
	fLitigationKind
	fLitigationFiled
	fLitigationConcluded
	numFields
)

// A column describes one known column.
type column struct {
	header   string   // the header as the writer writes it
	required bool     // marked * in spec/ledger.md
	optional bool     // written only when some record has a value (not in the spec's list)
	aliases  []string // other headers accepted on reading
}

// columns describes the known columns, indexed by field. 复议申请日期 and
// 起诉日期 are gongkai's additions to spec/ledger.md: without them a review
// or lawsuit is taken to be filed on the request's reply date (see
// compile.Compile).
var columns = [numFields]column{
	fID:                  {header: "申请编号", required: true, aliases: []string{"编号", "登记编号", "申请号"}},
	fReceived:            {header: "收到日期", required: true, aliases: []string{"收到申请日期", "申请收到日期"}},
	fApplicantType:       {header: "申请人类型", required: true, aliases: []string{"申请人类别", "申请主体类型"}},
	fApplicant:           {header: "申请人", aliases: []string{"申请人姓名", "申请人名称", "申请人姓名或名称"}},
	fContent:             {header: "申请内容", aliases: []string{"申请公开内容", "申请事项"}},
	fMethod:              {header: "申请方式", aliases: []string{"申请渠道", "提交方式"}},
	fCorrected:           {header: "补正日期", aliases: []string{"收到补正日期", "补正申请收到日期"}},
	fExtended:            {header: "延期", aliases: []string{"是否延期"}},
	fResult:              {header: "办理结果", aliases: []string{"答复结果", "处理结果"}},
	fReplied:             {header: "答复日期", aliases: []string{"办结日期", "答复时间"}},
	fFee:                 {header: "收费金额", aliases: []string{"信息处理费", "收费金额元", "收费金额(元)"}},
	fReview:              {header: "行政复议", aliases: []string{"行政复议结果", "复议结果"}},
	fReviewFiled:         {header: "复议申请日期", optional: true},
	fReviewConcluded:     {header: "复议结案日期", aliases: []string{"行政复议结案日期"}},
	fLitigation:          {header: "行政诉讼", aliases: []string{"行政诉讼结果", "诉讼结果"}},
	fLitigationKind:      {header: "诉讼类型", aliases: []string{"行政诉讼类型"}},
	fLitigationFiled:     {header: "起诉日期", optional: true, aliases: []string{"立案日期"}},
	fLitigationConcluded: {header: "诉讼结案日期", aliases: []string{"行政诉讼结案日期"}},
}

// headerKey normalises a header for matching: white space removed,
// full-width folded to half-width, a required-column mark (*) dropped.
func headerKey(s string) string {
	s = report.Normalize(s)
	s = strings.Trim(s, "*")
	return s
}

// headerIndex maps every accepted header key to its field.
var headerIndex = func() map[string]field {
	m := make(map[string]field)
	for f, c := range columns {
		m[headerKey(c.header)] = field(f)
		for _, a := range c.aliases {
			m[headerKey(a)] = field(f)
		}
	}
	return m
}()

// matchHeader returns the field a header names, if any. A trailing
// parenthetical note, such as a unit, is ignored: 收费金额（元）.
func matchHeader(h string) (field, bool) {
	k := headerKey(h)
	if f, ok := headerIndex[k]; ok {
		return f, true
	}
	if i := strings.IndexByte(k, '('); i > 0 && strings.HasSuffix(k, ")") {
		if f, ok := headerIndex[k[:i]]; ok {
			return f, true
		}
	}
	return 0, false
}

// Allowed values of the enumerated columns, as spec/ledger.md lists them.
var (
	applicantTypes = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}
	methods        = []string{"网上", "信函", "当面", "传真", "电子邮件", "其他"}
	yesNo          = []string{"是", "否"}
	appealResults  = []string{"维持", "纠正", "其他", "尚未审结"}
	litigationKind = []string{"直接起诉", "复议后起诉"}
)

// HeaderKey normalises a header as the ledger matches it: white space
// removed, full-width folded, a required-column mark (*) dropped.
func HeaderKey(s string) string { return headerKey(s) }
