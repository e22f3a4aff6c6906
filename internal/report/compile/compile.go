package compile

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

// A Result is a report compiled from records, with the requests behind
// every cell.
type Result struct {
	// Report is the report on the year: tables 三 and 四 filled, every one
	// of their cells present (0 when nothing counts there); table 二, the
	// date and the free text absent.
	Report *report.Report
	// Cells lists, for every non-zero cell of tables 三 and 四 (total row
	// and column included), the IDs of the requests counted in it, in the
	// order of the input (in the 2019 template, other_other lists its own
	// requests, then those of the two rows folded into it). A request
	// counted twice in one cell of table 四 (two lawsuits) is listed once.
	Cells map[report.CellID][]string
	// HandEntered lists the cells that records cannot fill: table 二
	// (主动公开政府信息情况). Compile leaves them absent; the back office
	// has them entered by hand and shows them as such.
	HandEntered []report.CellID
}

// maxErrors bounds the problems Compile lists before giving up.
const maxErrors = 50

// Compile fills tables 三 and 四 of the report on year for agency from the
// cases, in the template of that year (TemplateFor: for 2019 and 2020 the
// three 其他处理 rows are counted in the single row other_other), by the
// counting rules of regulation.md §7:
//
//   - new: received in the year;
//   - a result row: ended (replied to) in the year, in its one outcome;
//   - carried_forward: received on or before 31 December and not ended by then;
//   - carried_over: received before 1 January and not ended by then;
//   - table 四: a case concluded in the year counts under its result, one
//     open on 31 December under 尚未审结 (pending); one concluded before the
//     year, or filed after it, does not count.
//
// When an appeal's filing date is unknown, it is taken to be filed on the
// request's ending date (or receipt date while the request is open).
// Totals are computed, so the result balances (R1–R4) by construction.
// Compile checks every case and returns all the problems it finds.
func Compile(agency string, year int, cases []Case) (*Result, error) {
	return CompileWith(agency, year, cases, nil)
}

// CompileWith is Compile with the agency's appeals that no request gave
// rise to (matters: about its 主动公开, 条例第五十一条), which table 四
// counts by the same rule as the appeals of cases, each listed behind its
// cells under its own ID.
func CompileWith(agency string, year int, cases []Case, matters []Matter) (*Result, error) {
	if year < 1900 || year > 2200 {
		return nil, fmt.Errorf("compile: year %d out of range", year)
	}
	if err := errors.Join(check(cases), checkMatters(matters)); err != nil {
		return nil, err
	}
	lo, hi := calendar.D(year, 1, 1), calendar.D(year, 12, 31)
	var (
		req [report.NumRows][report.NumCols]int64
		rl  [3][5]int64
		ids [report.NumRows][report.NumCols][]string
		rid [3][5][]string
	)
	add := func(row report.RowID, col report.Col, id string) {
		for _, c := range [2]report.Col{col, report.ColTotal} {
			req[row][c]++
			ids[row][c] = append(ids[row][c], id)
		}
	}
	// appeal counts a in table 四 under id: under its result when it
	// concluded in the year, under 尚未审结 when it was filed by the end of
	// the year and is open on 31 December.
	appeal := func(a *Appeal, filed calendar.Date, id string) {
		var o int
		switch {
		case !a.Concluded.IsZero() && !a.Concluded.Before(lo) && !a.Concluded.After(hi):
			o = int(a.Result)
		case !filed.After(hi) && (a.Concluded.IsZero() || a.Concluded.After(hi)):
			o = int(Pending)
		default:
			return
		}
		g := int(a.Kind)
		for _, k := range [2]int{o, 4} {
			rl[g][k]++
			if l := rid[g][k]; len(l) == 0 || l[len(l)-1] != id {
				rid[g][k] = append(l, id)
			}
		}
	}
	for i := range cases {
		c := &cases[i]
		if c.Received.After(hi) {
			continue
		}
		endedBefore := !c.Open() && c.Ended.Before(lo)
		switch {
		case !c.Received.Before(lo):
			add(report.New, c.Applicant, c.ID)
		case !endedBefore:
			add(report.CarriedOver, c.Applicant, c.ID)
		}
		switch {
		case c.Open() || c.Ended.After(hi):
			add(report.CarriedForward, c.Applicant, c.ID)
		case !endedBefore:
			add(c.Outcome, c.Applicant, c.ID)
			add(report.RowTotal, c.Applicant, c.ID)
		}
		for j := range c.Appeals {
			appeal(&c.Appeals[j], c.Appeals[j].filedBy(c), c.ID)
		}
	}
	for i := range matters {
		appeal(&matters[i].Appeal, matters[i].Filed, matters[i].ID)
	}
	t := TemplateFor(year)
	if t == report.Template2019 {
		// The 试行 template has one 其他处理 row (regulation.md §1.2).
		for _, row := range []report.RowID{report.OtherNoCorrection, report.OtherFeeUnpaid} {
			for col := range req[row] {
				req[report.OtherOther][col] += req[row][col]
				ids[report.OtherOther][col] = append(ids[report.OtherOther][col], ids[row][col]...)
				req[row][col], ids[row][col] = 0, nil
			}
		}
	}
	r := report.Empty(t)
	r.Agency, r.Year = agency, year
	cells := make(map[report.CellID][]string)
	for row := range req {
		if r.Requests[row] == nil {
			continue
		}
		for col := range req[row] {
			r.Requests[row][col] = report.N(req[row][col])
			if l := ids[row][col]; len(l) > 0 {
				cells[report.ReqCell(report.RowID(row), report.Col(col))] = l
			}
		}
	}
	for g, grp := range r.ReviewLitigation.Groups() {
		for o, n := range grp.Cells() {
			*n = report.N(rl[g][o])
			if l := rid[g][o]; len(l) > 0 {
				cells[report.RLCell(g, o)] = l
			}
		}
	}
	return &Result{Report: r, Cells: cells, HandEntered: HandEntered(t)}, nil
}

// TemplateFor returns the national template of the report on year: the
// 2021 format (国办公开办函〔2021〕30号) from 2021 on, the 试行 format of
// 国办公开办函〔2019〕60号 for 2019 and 2020.
func TemplateFor(year int) report.Template {
	if year < 2021 {
		return report.Template2019
	}
	return report.Template2021
}

// HandEntered returns the ids of the cells of template t that records
// cannot fill: all of table 二 (proactive.* for 2021, proactive_2019.* for
// the 试行 template).
func HandEntered(t report.Template) []report.CellID {
	var out []report.CellID
	if t == report.Template2019 {
		for _, ref := range numRefs(report.Empty(t)) {
			if strings.HasPrefix(string(ref.id), "proactive_2019.") {
				out = append(out, ref.id)
			}
		}
		return append(out, "proactive_2019.procurement_amount")
	}
	for _, c := range report.Empty(t).Cells() {
		if c.Table == "表二" {
			out = append(out, c.ID)
		}
	}
	return out
}

// check returns every problem of the cases that would make counting
// meaningless, or nil.
func check(cases []Case) error {
	var errs []error
	bad := func(c *Case, format string, a ...any) {
		errs = append(errs, fmt.Errorf("compile: request %q: "+format, append([]any{c.ID}, a...)...))
	}
	for i := range cases {
		if len(errs) >= maxErrors {
			errs = append(errs, errors.New("compile: too many problems; stopped"))
			break
		}
		c := &cases[i]
		switch {
		case c.Received.IsZero():
			bad(c, "no receipt date")
		case c.Applicant < report.NaturalPerson || c.Applicant > report.OtherOrg:
			bad(c, "applicant column %d is not one of the six applicant columns", c.Applicant)
		case !c.Open() && !c.Outcome.IsResult():
			bad(c, "outcome %d is not a result row", c.Outcome)
		case !c.Open() && c.Ended.Before(c.Received):
			bad(c, "ended %s before it was received %s", c.Ended, c.Received)
		}
		for _, a := range c.Appeals {
			if err := a.check(); err != nil {
				bad(c, "%v", err)
			}
		}
	}
	return errors.Join(errs...)
}

// check returns what makes an appeal uncountable, or nil.
func (a *Appeal) check() error {
	switch {
	case a.Kind < Review || a.Kind > LitigationAfterReview:
		return fmt.Errorf("appeal kind %d out of range", a.Kind)
	case a.Result < Upheld || a.Result > Pending:
		return fmt.Errorf("appeal result %d out of range", a.Result)
	case a.Result == Pending && !a.Concluded.IsZero():
		return fmt.Errorf("appeal concluded %s but its result is pending", a.Concluded)
	case a.Result != Pending && a.Concluded.IsZero():
		return errors.New("appeal has a result but no conclusion date")
	case !a.Filed.IsZero() && !a.Concluded.IsZero() && a.Concluded.Before(a.Filed):
		return fmt.Errorf("appeal concluded %s before it was filed %s", a.Concluded, a.Filed)
	}
	return nil
}

// checkMatters returns every problem of the matters, or nil: besides an
// appeal's own, a matter needs an ID and its filing date (there is no
// request date to assume one from).
func checkMatters(ms []Matter) error {
	var errs []error
	for i := range ms {
		if len(errs) >= maxErrors {
			errs = append(errs, errors.New("compile: too many problems; stopped"))
			break
		}
		m := &ms[i]
		switch {
		case m.ID == "":
			errs = append(errs, fmt.Errorf("compile: matter %d: no ID", i+1))
		case m.Filed.IsZero():
			errs = append(errs, fmt.Errorf("compile: matter %q: no filing date", m.ID))
		default:
			if err := m.Appeal.check(); err != nil {
				errs = append(errs, fmt.Errorf("compile: matter %q: %w", m.ID, err))
			}
		}
	}
	return errors.Join(errs...)
}
