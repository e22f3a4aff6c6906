package ledger

import (
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// A Ledger is a request ledger read from a file or made from records.
type Ledger struct {
	// Records are the requests, one a row, in file order.
	Records []Record
	// NoteHeaders are the headers of the columns gongkai does not know,
	// in file order; each record's Notes hold their values.
	NoteHeaders []string
}

// A Record is one row of the ledger: one request (spec/ledger.md).
type Record struct {
	// Row is the row of the sheet the record was read from (the header is
	// row 1); 0 for a record not read from a file.
	Row int
	// ID is 申请编号, unique within the ledger.
	ID string
	// Received is 收到日期, the receipt date under 条例 第三十一条.
	Received calendar.Date
	// ApplicantType is 申请人类型 as a table 三 column (自然人 … 其他).
	ApplicantType report.Col
	// Applicant, Content and Method are 申请人, 申请内容 and 申请方式.
	Applicant, Content, Method string
	// Corrected is 补正日期: the day the corrected application arrived
	// (条例 第三十条), or zero.
	Corrected calendar.Date
	// Extended is 延期: "是", "否" or "" when not stated.
	Extended string
	// Result is 办理结果 when HasResult; Replied is 答复日期.
	Result    report.RowID
	HasResult bool
	Replied   calendar.Date
	// Fee is 收费金额 in 元 as written (a decimal), or "".
	Fee string
	// Review is the 行政复议 about the request, Litigation the 行政诉讼;
	// nil when there is none.
	Review, Litigation *compile.Appeal
	// Notes hold the values of the columns gongkai does not know, aligned
	// with Ledger.NoteHeaders.
	Notes []string
}

// Case returns the record as the compiler counts it.
func (r *Record) Case() compile.Case {
	c := compile.Case{ID: r.ID, Received: r.Received, Applicant: r.ApplicantType}
	if r.HasResult {
		c.Outcome, c.Ended = r.Result, r.Replied
	}
	for _, a := range []*compile.Appeal{r.Review, r.Litigation} {
		if a != nil {
			c.Appeals = append(c.Appeals, *a)
		}
	}
	return c
}

// Cases returns every record as the compiler counts it.
func (l *Ledger) Cases() []compile.Case {
	out := make([]compile.Case, len(l.Records))
	for i := range l.Records {
		out[i] = l.Records[i].Case()
	}
	return out
}
