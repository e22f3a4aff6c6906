// Package compile turns request records into the annual report's tables 三
// (收到和处理政府信息公开申请情况) and 四 (政府信息公开行政复议、行政诉讼情况)
// by the counting rules of spec/regulation.md §7, and sums several
// agencies' reports for a supervising body.
package compile

import (
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

// A Case is one disclosure request as the report counts it (条例 第二十七条
// onwards): when it was received, who asked, how and when it ended, and the
// reviews and lawsuits it gave rise to.
type Case struct {
	// ID is the agency's registration number (申请编号), listed behind
	// every cell the case is counted in.
	ID string
	// Received is the receipt date under 条例 第三十一条.
	Received calendar.Date
	// Applicant is the table 三 column: report.NaturalPerson … report.OtherOrg
	// (§7: several applicants count under the first named).
	Applicant report.Col
	// Outcome is one of the 21 result rows (granted … other_other); it is
	// read only when Ended is set (§7: one request, one outcome).
	Outcome report.RowID
	// Ended is the reply or ending date; the zero Date while the request
	// is open.
	Ended calendar.Date
	// Appeals are the 行政复议 and 行政诉讼 cases about this request.
	Appeals []Appeal
}

// Open reports whether the case has no ending date.
func (c *Case) Open() bool { return c.Ended.IsZero() }

// An AppealKind is a group of table 四.
type AppealKind int

// The three groups of table 四, in template order (report.GroupIDs).
const (
	Review                AppealKind = iota // 行政复议
	LitigationDirect                        // 行政诉讼 未经复议直接起诉
	LitigationAfterReview                   // 行政诉讼 复议后起诉
)

// An AppealResult is the outcome column of a group of table 四.
type AppealResult int

// The outcomes of table 四, in template order (report.OutcomeIDs, without
// the total).
const (
	Upheld      AppealResult = iota // 结果维持
	Corrected                       // 结果纠正
	OtherResult                     // 其他结果
	Pending                         // 尚未审结
)

// An Appeal is one 行政复议 or 行政诉讼 case about a request.
type Appeal struct {
	Kind AppealKind
	// Result is the outcome once concluded; Pending while it is open.
	Result AppealResult
	// Filed is the day the review was applied for or the suit filed; the
	// zero Date when unknown, in which case the case is taken to be filed
	// no earlier than the request's ending date (or, for an open request,
	// its receipt date). See Compile.
	Filed calendar.Date
	// Concluded is the day the case concluded; zero while it is open.
	Concluded calendar.Date
}

// filedBy returns the earliest day the appeal can have been filed.
func (a *Appeal) filedBy(c *Case) calendar.Date {
	switch {
	case !a.Filed.IsZero():
		return a.Filed
	case !c.Ended.IsZero():
		return c.Ended
	default:
		return c.Received
	}
}

// A Matter is a 行政复议 or 行政诉讼 case against the agency that no request
// gave rise to: about what it published under 主动公开 or its failure to
// publish (条例第五十一条: "认为行政机关在政府信息公开工作中侵犯其合法权益
// 的，…可以依法申请行政复议或者提起行政诉讼"). Table 四 is titled
// 政府信息公开行政复议、行政诉讼情况 and counts every such case, not only
// those about requests (regulation.md §7: "linked to the request or
// published item it concerns"). Its Filed date is required.
type Matter struct {
	// ID names the matter behind the cells it counts in (the requests'
	// cells list registration numbers; a matter lists this).
	ID string
	Appeal
}
