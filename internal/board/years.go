package board

import (
	"context"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

// A YearLate is the lateness of the reports on one year: of the agencies
// that owe one (counted as the scope is now), those published, those
// published after their 条例第四十九条 deadline, and those still
// unpublished with the deadline passed. Late + MissingLate is the
// overview's "late" count.
type YearLate struct {
	Year              int
	Owing, Published  int
	Late, MissingLate int
	DeptDue, GovDue   calendar.Date
}

// latenessOf counts the lateness of each of years from the day counts.
func latenessOf(days []DayCount, ow owing, years []int, today calendar.Date) []YearLate {
	type key struct {
		year int
		gov  bool
	}
	published := map[key]int{}
	out := make([]YearLate, len(years))
	at := map[int]int{}
	for i, y := range years {
		out[i] = YearLate{Year: y, Owing: ow.gov + ow.other, DeptDue: Deadline(false, y), GovDue: Deadline(true, y)}
		at[y] = i
	}
	for _, d := range days {
		i, ok := at[d.Year]
		if !ok {
			continue
		}
		published[key{d.Year, d.Government}] += d.N
		out[i].Published += d.N
		if d.Day.After(Deadline(d.Government, d.Year)) {
			out[i].Late += d.N
		}
	}
	for i, y := range years {
		for _, gov := range []bool{false, true} {
			if today.After(Deadline(gov, y)) {
				out[i].MissingLate += max(0, ow.of(gov)-published[key{y, gov}])
			}
		}
	}
	return out
}

// An Outcome is one group of table 三's results (三、本年度办理结果): its
// key for the message catalogue and the rows it sums.
type Outcome struct {
	Key    string // granted, partial, withheld, unavailable, rejected, other
	Prefix string // the row ids it sums start with it
}

// Outcomes are the groups of table 三's results, in the template's order:
// （一）予以公开 … （六）其他处理.
var Outcomes = []Outcome{
	{"granted", "granted"}, {"partial", "partially_granted"}, {"withheld", "withheld_"},
	{"unavailable", "unavailable_"}, {"rejected", "rejected_"}, {"other", "other_"},
}

// ReceivedCell is table 三's 一、本年新收政府信息公开申请数量, 总计 column.
var ReceivedCell = report.CellID("requests.new.total")

// outcomeCells are the 总计 cells of the result rows of each of Outcomes.
func outcomeCells() [][]report.CellID {
	out := make([][]report.CellID, len(Outcomes))
	for _, row := range report.Rows {
		for i, o := range Outcomes {
			if strings.HasPrefix(row.ID, o.Prefix) {
				out[i] = append(out[i], report.CellID("requests."+row.ID+".total"))
			}
		}
	}
	return out
}

// A YearRequests is table 三 on one year summed over the published
// reports of the scope: requests received and each group of outcomes,
// each the sum over the reports that state its cells. Gaps counts the
// reports that leave one of these cells empty (or whose cells are not
// stored yet): their empty cells are not in the sums, never taken as 0.
type YearRequests struct {
	Year      int
	Published int
	Received  int64
	Outcomes  []int64 // in the order of Outcomes
	Gaps      int
}

// requests reads table 三's sums for years.
func (s *Service) requests(ctx context.Context, scope []int64, days []DayCount, years []int) ([]YearRequests, error) {
	groups := outcomeCells()
	cells := []report.CellID{ReceivedCell}
	group := map[report.CellID]int{ReceivedCell: -1}
	for i, g := range groups {
		for _, c := range g {
			cells = append(cells, c)
			group[c] = i
		}
	}
	sums, err := s.st.CellYears(ctx, scope, years, cells)
	if err != nil {
		return nil, err
	}
	gaps, err := s.st.CellGaps(ctx, scope, years, cells)
	if err != nil {
		return nil, err
	}
	out := make([]YearRequests, len(years))
	at := map[int]int{}
	for i, y := range years {
		out[i] = YearRequests{Year: y, Outcomes: make([]int64, len(Outcomes)), Gaps: gaps[y]}
		at[y] = i
	}
	for _, d := range days {
		if i, ok := at[d.Year]; ok {
			out[i].Published += d.N
		}
	}
	for _, c := range sums {
		i, ok := at[c.Year]
		if !ok {
			continue
		}
		if g := group[c.Cell]; g < 0 {
			out[i].Received += c.Sum
		} else {
			out[i].Outcomes[g] += c.Sum
		}
	}
	return out, nil
}
