package request

import (
	"fmt"
	"sort"

	"github.com/gongkai/gongkai/internal/calendar"
)

// FeePaymentWorkdays is the time an applicant has to pay a fee notice:
// 20 working days from the day after receiving it; later, the request ends
// as other_fee_unpaid (regulation.md §3, §7).
const FeePaymentWorkdays = 20

// A FeeMethod is how a fee (信息处理费) is computed. Per request the agency
// picks one, never both (《政府信息公开信息处理费管理办法》第三条).
type FeeMethod string

// The fee methods.
const (
	PerRequest FeeMethod = "per_request" // 按件计收（第四条）
	PerPage    FeeMethod = "per_page"    // 按量计收（第五条）
)

// A FeeBand is one step of the progressive scale that a quote used.
type FeeBand struct {
	From, To int // units (ordinal or pages), inclusive
	Rate     int // 元 per unit
	Units    int // units charged at this rate
}

// A FeeQuote is a computed fee with its bands.
type FeeQuote struct {
	Method FeeMethod
	Units  int // per_request: the request's ordinal in the month; per_page: pages
	Yuan   int
	Bands  []FeeBand
}

// PerRequestRate returns the fee in 元 for an applicant's n-th request in
// a calendar month (办法第四条, regulation.md §7): 1–10 free, 11–30 100元,
// then 100元 more for each further band of 10 (31–40 200元, 41–50 300元 …).
func PerRequestRate(n int) int {
	switch {
	case n <= 10:
		return 0
	case n <= 30:
		return 100
	}
	return 100 + 100*((n-30+9)/10)
}

// QuotePerRequest quotes the fee of the n-th request in the month.
func QuotePerRequest(n int) FeeQuote {
	rate := PerRequestRate(n)
	q := FeeQuote{Method: PerRequest, Units: n, Yuan: rate}
	if n >= 1 {
		q.Bands = []FeeBand{{From: n, To: n, Rate: rate, Units: 1}}
	}
	return q
}

// PerRequestTotal returns the total of count requests in one month: the
// sum of each request's rate. 35 requests cost 20×100 + 5×200 = 3,000元.
func PerRequestTotal(count int) int {
	total := 0
	for n := 1; n <= count; n++ {
		total += PerRequestRate(n)
	}
	return total
}

// MonthlyOrdinals numbers an applicant's requests within each calendar
// month in order of receipt (ties keep the given order): the ordinal that
// PerRequestRate charges. out[i] belongs to received[i].
func MonthlyOrdinals(received []calendar.Date) []int {
	idx := make([]int, len(received))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return received[idx[a]].Before(received[idx[b]]) })
	out := make([]int, len(received))
	count := map[[2]int]int{}
	for _, i := range idx {
		d := received[i]
		k := [2]int{d.Year(), int(d.Month())}
		count[k]++
		out[i] = count[k]
	}
	return out
}

// pageBands is the 按量 scale of 办法第五条.
var pageBands = []FeeBand{
	{From: 1, To: 30, Rate: 0},
	{From: 31, To: 100, Rate: 10},
	{From: 101, To: 200, Rate: 20},
	{From: 201, To: 0, Rate: 40}, // To 0: no upper bound
}

// QuotePerPage quotes the 按量 fee of one request: 1–30 pages free,
// 31–100 10元/页, 101–200 20元/页, over 200 40元/页, each on the pages in
// its band (超额累进). 150 pages cost 70×10 + 50×20 = 1,700元.
func QuotePerPage(pages int) FeeQuote {
	q := FeeQuote{Method: PerPage, Units: pages}
	for _, b := range pageBands {
		if pages < b.From {
			break
		}
		hi := pages
		if b.To != 0 && b.To < hi {
			hi = b.To
		}
		b.Units = hi - b.From + 1
		b.To = hi
		q.Yuan += b.Units * b.Rate
		q.Bands = append(q.Bands, b)
	}
	return q
}

// Zh explains the quote in one Chinese sentence for a fee notice.
func (q FeeQuote) Zh() string {
	switch q.Method {
	case PerRequest:
		return fmt.Sprintf("按件计收：本申请为申请人本自然月内第 %d 件申请，收费 %d 元（《政府信息公开信息处理费管理办法》第四条）。", q.Units, q.Yuan)
	case PerPage:
		s := fmt.Sprintf("按量计收：共 %d 页", q.Units)
		for _, b := range q.Bands {
			s += fmt.Sprintf("；第 %d–%d 页 %d 页 × %d 元", b.From, b.To, b.Units, b.Rate)
		}
		return s + fmt.Sprintf("；合计 %d 元（《政府信息公开信息处理费管理办法》第五条）。", q.Yuan)
	}
	return ""
}
