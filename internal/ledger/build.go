package ledger

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// A layout is where each column of the sheet goes.
type layout struct {
	headers []string // as written, by sheet column
	field   []int    // known field of each sheet column, or -1
	note    []int    // index into NoteHeaders, or -1
	has     [numFields]bool
	notes   int // number of note columns
}

// build reads a sheet row by row from next (which returns io.EOF at the
// end) and checks it as a whole.
func build(next RowFunc) (*Ledger, error) {
	var (
		probs Problems
		lay   *layout
		led   = &Ledger{}
		seen  = make(map[string]int)
	)
	for n := 0; ; n++ {
		cells, row, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var ps Problems
			if errors.As(err, &ps) {
				return nil, append(probs, ps...)
			}
			return nil, fmt.Errorf("ledger: read: %w", err)
		}
		if row > MaxRows {
			return nil, append(probs, Problem{Reason: fmt.Sprintf("超过 %d 行，无法导入", MaxRows)})
		}
		if len(cells) > MaxColumns {
			if strings.Join(cells[MaxColumns:], "") != "" {
				return nil, append(probs, Problem{Row: row, Reason: fmt.Sprintf("超过 %d 列，无法导入", MaxColumns)})
			}
			cells = cells[:MaxColumns]
		}
		if blank(cells) {
			continue
		}
		if lay == nil {
			l, ps := readHeader(cells, row)
			if l == nil && n < headerSearchRows && len(ps) == 0 {
				continue // a title above the header
			}
			if l == nil && len(ps) == 0 {
				ps = Problems{{Row: row, Reason: "找不到表头：第一行应为列名，至少包括 申请编号、收到日期、申请人类型"}}
			}
			if len(ps) > 0 {
				return nil, ps
			}
			lay = l
			for i, ni := range l.note {
				if ni >= 0 {
					led.NoteHeaders = append(led.NoteHeaders, l.headers[i])
				}
			}
			continue
		}
		rec, ps := lay.record(cells, row)
		if rec.ID != "" {
			if first, dup := seen[rec.ID]; dup {
				ps = append(ps, Problem{row, lay.name(fID), fmt.Sprintf("“%s”与第 %d 行重复", rec.ID, first)})
			} else {
				seen[rec.ID] = row
			}
			slices.SortStableFunc(ps, func(a, b Problem) int { return lay.pos(a.Column) - lay.pos(b.Column) })
		}
		probs = append(probs, ps...)
		if len(probs) >= MaxProblems {
			// Enough to act on; reading on would only hold more in memory
			// (a file that is not a ledger at all has a problem in every
			// cell).
			return nil, append(probs[:MaxProblems], Problem{Reason: fmt.Sprintf("错误超过 %d 处，已停止检查；请先改正以上错误", MaxProblems)})
		}
		if len(probs) == 0 {
			led.Records = append(led.Records, rec)
		}
	}
	if lay == nil {
		return nil, Problems{{Reason: "文件是空的：没有表头，也没有记录"}}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return led, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readHeader recognises a header row. It returns nil and no problems for a
// row that names no known column at all (a title).
func readHeader(cells []string, row int) (*layout, Problems) {
	l := &layout{headers: make([]string, len(cells)), field: make([]int, len(cells)), note: make([]int, len(cells))}
	var probs Problems
	where := make(map[field]int)
	for i, c := range cells {
		h := strings.TrimSpace(c)
		l.headers[i], l.field[i], l.note[i] = h, -1, -1
		if f, ok := matchHeader(h); ok {
			if j, dup := where[f]; dup {
				probs = append(probs, Problem{Row: row, Column: h, Reason: fmt.Sprintf("列名重复（第 %d 列与第 %d 列）", j+1, i+1)})
				continue
			}
			where[f] = i
			l.field[i] = int(f)
			l.has[f] = true
			continue
		}
		if h == "" {
			l.headers[i] = fmt.Sprintf("第%d列", i+1)
		}
		l.note[i] = l.notes
		l.notes++
	}
	if len(where) == 0 {
		return nil, nil
	}
	var missing []string
	for f, c := range columns {
		if c.required && !l.has[f] {
			missing = append(missing, c.header)
		}
	}
	if len(missing) > 0 {
		probs = append(probs, Problem{Row: row, Reason: "缺少必填列：" + strings.Join(missing, "、")})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return l, nil
}

// name returns the header a field has in this file.
func (l *layout) name(f field) string {
	for i, g := range l.field {
		if g == int(f) {
			return l.headers[i]
		}
	}
	return columns[f].header
}

// pos returns the sheet column of a header, or -1 for a whole-row problem.
func (l *layout) pos(header string) int {
	if header == "" {
		return -1
	}
	return slices.Index(l.headers, header)
}

// record reads one data row, returning every problem it has.
func (l *layout) record(cells []string, row int) (Record, Problems) {
	var (
		rec   = Record{Row: row}
		vals  [numFields]string
		probs Problems
	)
	if l.notes > 0 {
		rec.Notes = make([]string, 0, l.notes)
	}
	for i, c := range cells {
		c = strings.TrimSpace(c)
		if i >= len(l.field) {
			if c != "" {
				probs = append(probs, Problem{Row: row, Reason: fmt.Sprintf("第 %d 列没有列名，却有内容“%s”", i+1, c)})
			}
			continue
		}
		if f := l.field[i]; f >= 0 {
			vals[f] = c
		}
	}
	for i, ni := range l.note {
		if ni >= 0 {
			v := ""
			if i < len(cells) {
				v = strings.TrimSpace(cells[i])
			}
			rec.Notes = append(rec.Notes, v)
		}
	}
	bad := func(f field, reason string) { probs = append(probs, Problem{row, l.name(f), reason}) }
	date := func(f field) calendar.Date {
		if vals[f] == "" {
			return calendar.Date{}
		}
		d, why := parseDate(vals[f])
		if why != "" {
			bad(f, why)
		}
		return d
	}
	enum := func(f field, allowed []string, trim ...func(string) string) int {
		v := vals[f]
		for _, t := range trim {
			v = t(v)
		}
		i, why := parseEnum(v, allowed)
		if why != "" {
			bad(f, why)
			return -1
		}
		return i
	}
	for _, f := range []field{fID, fReceived, fApplicantType} {
		if vals[f] == "" {
			bad(f, "不能为空")
		}
	}
	rec.ID = vals[fID]
	rec.Received = date(fReceived)
	if vals[fApplicantType] != "" {
		if i := slices.Index(report.ColIDs[:report.ColTotal], vals[fApplicantType]); i >= 0 {
			rec.ApplicantType = report.Col(i)
		} else if i := enum(fApplicantType, applicantTypes, orgPrefix); i >= 0 {
			rec.ApplicantType = report.Col(i)
		}
	}
	rec.Applicant, rec.Content = vals[fApplicant], vals[fContent]
	if vals[fMethod] != "" {
		if i := enum(fMethod, methods); i >= 0 {
			rec.Method = methods[i]
		}
	}
	rec.Corrected = date(fCorrected)
	if vals[fExtended] != "" {
		if i := enum(fExtended, yesNo); i >= 0 {
			rec.Extended = yesNo[i]
		}
	}
	resultOK := true
	if vals[fResult] != "" {
		r, why := parseResult(vals[fResult])
		if why != "" {
			bad(fResult, why)
			resultOK = false
		} else {
			rec.Result, rec.HasResult = r, true
		}
	}
	rec.Replied = date(fReplied)
	if vals[fFee] != "" {
		fee, why := parseFee(vals[fFee])
		if why != "" {
			bad(fFee, why)
		}
		rec.Fee = fee
	}
	rec.Review = l.appeal(&rec, &vals, bad, date, fReview, fReviewFiled, fReviewConcluded, "行政复议")
	rec.Litigation = l.appeal(&rec, &vals, bad, date, fLitigation, fLitigationFiled, fLitigationConcluded, "行政诉讼")
	switch kind := vals[fLitigationKind]; {
	case kind != "" && vals[fLitigation] == "":
		bad(fLitigationKind, "填写了诉讼类型，却没有填写行政诉讼")
	case kind != "" && rec.Litigation != nil:
		if i := enum(fLitigationKind, litigationKind); i >= 0 {
			rec.Litigation.Kind = compile.LitigationDirect + compile.AppealKind(i)
		}
	case rec.Litigation != nil && vals[fReview] != "":
		rec.Litigation.Kind = compile.LitigationAfterReview
	case rec.Litigation != nil:
		rec.Litigation.Kind = compile.LitigationDirect
	}
	// Cross-checks between columns (spec/ledger.md "Errors").
	switch {
	case rec.HasResult && rec.Replied.IsZero() && vals[fReplied] == "":
		bad(fReplied, "已填写办理结果，缺少答复日期")
	case resultOK && !rec.HasResult && !rec.Replied.IsZero():
		bad(fResult, "已填写答复日期，缺少办理结果")
	}
	if !rec.Received.IsZero() {
		before := func(f field, d calendar.Date) {
			if !d.IsZero() && d.Before(rec.Received) {
				bad(f, fmt.Sprintf("%s 早于收到日期 %s", d, rec.Received))
			}
		}
		before(fReplied, rec.Replied)
		before(fCorrected, rec.Corrected)
	}
	if !rec.Corrected.IsZero() && !rec.Replied.IsZero() && rec.Corrected.After(rec.Replied) {
		bad(fCorrected, fmt.Sprintf("%s 晚于答复日期 %s", rec.Corrected, rec.Replied))
	}
	if len(probs) > 1 {
		slices.SortStableFunc(probs, func(a, b Problem) int { return l.pos(a.Column) - l.pos(b.Column) })
	}
	return rec, probs
}

// appeal reads one of the review and litigation column groups.
func (l *layout) appeal(rec *Record, vals *[numFields]string, bad func(field, string), date func(field) calendar.Date,
	fRes, fFiled, fDone field, what string) *compile.Appeal {
	filed, done := date(fFiled), date(fDone)
	if vals[fRes] == "" {
		if vals[fDone] != "" {
			bad(fDone, fmt.Sprintf("没有填写%s，却有结案日期", what))
		}
		if vals[fFiled] != "" {
			bad(fFiled, fmt.Sprintf("没有填写%s，却有申请（起诉）日期", what))
		}
		return nil
	}
	i, why := parseEnum(vals[fRes], appealResults)
	if why != "" {
		bad(fRes, why)
		return nil
	}
	a := &compile.Appeal{Kind: compile.Review, Result: compile.AppealResult(i), Filed: filed, Concluded: done}
	switch {
	case a.Result == compile.Pending && vals[fDone] != "":
		bad(fDone, fmt.Sprintf("%s尚未审结，不应有结案日期", what))
	case a.Result != compile.Pending && vals[fDone] == "":
		bad(fDone, fmt.Sprintf("%s已有结果（%s），缺少结案日期", what, appealResults[i]))
	}
	if !rec.Received.IsZero() {
		for _, p := range []struct {
			f field
			d calendar.Date
		}{{fFiled, filed}, {fDone, done}} {
			if !p.d.IsZero() && p.d.Before(rec.Received) {
				bad(p.f, fmt.Sprintf("%s 早于收到日期 %s", p.d, rec.Received))
			}
		}
	}
	if !filed.IsZero() && !done.IsZero() && done.Before(filed) {
		bad(fDone, fmt.Sprintf("%s 早于%s %s", done, l.name(fFiled), filed))
	}
	return a
}
