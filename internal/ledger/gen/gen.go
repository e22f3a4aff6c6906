// Package gen makes random but well-formed request ledgers, for tests,
// benchmarks and demonstrations. The same options and seed give the same
// ledger.
package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// Options say what ledger to make.
type Options struct {
	// Seed makes the ledger reproducible.
	Seed uint64
	// N is the number of requests.
	N int
	// From and To bound the receipt dates (inclusive).
	From, To calendar.Date
	// AsOf is the day the ledger is written: nothing ends or concludes
	// after it, so requests received late are still open. Zero means To.
	AsOf calendar.Date
	// Prefix starts every 申请编号; "" gives "YSQ".
	Prefix string
	// Notes adds a 备注 column that gongkai does not know.
	Notes bool
	// Tricky puts commas, quotes, line breaks and leading = signs into
	// some free-text cells, to exercise CSV quoting.
	Tricky bool
}

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	given    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英")
	// orgs are organisation names by applicant column (商业企业 … 其他).
	orgs = [][]string{
		report.Commercial:    {"宁波某某贸易有限公司", "某某科技股份有限公司", "某某置业有限公司"},
		report.Research:      {"某某大学环境研究所", "某某研究院"},
		report.SocialWelfare: {"某某公益基金会", "某某环保志愿者协会"},
		report.LegalService:  {"某某律师事务所", "某某法律服务所"},
		report.OtherOrg:      {"某某村村民委员会", "某某业主委员会"},
	}
	subjects = []string{"某路段拓宽工程的环境影响评价文件", "2023年度部门预算执行情况", "某小区房屋征收补偿方案", "某企业行政处罚决定书", "本人社会保险缴费记录", "某河道整治工程招标文件", "城市总体规划修编过程稿"}
	methods  = []string{"网上", "信函", "当面", "传真", "电子邮件", "其他"}
	tricky   = []string{"含逗号,的内容", "含\"引号\"的内容", "含\n换行的内容", "=SUM(A1:A2)", "+86 电话", "@某某"}
)

// applicantWeights are rough shares of the six applicant columns.
var applicantWeights = []int{70, 15, 2, 3, 6, 4}

// resultWeights are rough shares of the 21 result rows, granted first.
var resultWeights = []int{35, 12, 1, 1, 1, 3, 2, 3, 2, 1, 10, 2, 2, 4, 2, 1, 1, 1, 3, 1, 12}

func pick(r *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	n := r.IntN(sum)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// Ledger makes a ledger of o.N requests with receipt dates spread evenly
// over o.From … o.To, in order of receipt.
func Ledger(o Options) *ledger.Ledger {
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	asOf := o.AsOf
	if asOf.IsZero() {
		asOf = o.To
	}
	prefix := o.Prefix
	if prefix == "" {
		prefix = "YSQ"
	}
	span := o.To.Sub(o.From) + 1
	days := make([]int, o.N)
	for i := range days {
		days[i] = r.IntN(max(span, 1))
	}
	slices.Sort(days)
	l := &ledger.Ledger{Records: make([]ledger.Record, o.N)}
	if o.Notes {
		l.NoteHeaders = []string{"备注"}
	}
	text := func(s string) string {
		if o.Tricky && r.IntN(10) == 0 {
			return tricky[r.IntN(len(tricky))]
		}
		return s
	}
	perYear := make(map[int]int)
	for i := range l.Records {
		rec := &l.Records[i]
		rec.Received = o.From.AddDays(days[i])
		y := rec.Received.Year()
		perYear[y]++
		rec.ID = fmt.Sprintf("%s-%d-%05d", prefix, y, perYear[y])
		rec.ApplicantType = report.Col(pick(r, applicantWeights))
		if rec.ApplicantType == report.NaturalPerson {
			rec.Applicant = string(surnames[r.IntN(len(surnames))]) + string(given[r.IntN(len(given))])
		} else {
			names := orgs[rec.ApplicantType]
			rec.Applicant = names[r.IntN(len(names))]
		}
		rec.Applicant = text(rec.Applicant)
		rec.Content = text(subjects[r.IntN(len(subjects))])
		rec.Method = methods[r.IntN(len(methods))]
		if r.IntN(10) == 0 {
			rec.Extended = "是"
		} else if r.IntN(3) == 0 {
			rec.Extended = "否"
		}
		if o.Notes && r.IntN(4) == 0 {
			rec.Notes = []string{text("电话沟通后补充了材料")}
		} else if o.Notes {
			rec.Notes = []string{""}
		}
		ended := rec.Received.AddDays(r.IntN(45) + pick(r, []int{80, 15, 5})*30)
		if ended.After(asOf) {
			continue // still open
		}
		rec.HasResult, rec.Result, rec.Replied = true, report.Granted+report.RowID(pick(r, resultWeights)), ended
		if r.IntN(20) == 0 && ended.Sub(rec.Received) > 1 {
			rec.Corrected = rec.Received.AddDays(1 + r.IntN(ended.Sub(rec.Received)))
		}
		if r.IntN(30) == 0 {
			rec.Fee = []string{"100", "200", "1700", "12.5"}[r.IntN(4)]
		}
		rec.Review = appeal(r, compile.Review, ended, asOf)
		if r.IntN(25) == 0 {
			kind, from := compile.LitigationDirect, ended
			if rec.Review != nil && !rec.Review.Concluded.IsZero() {
				kind, from = compile.LitigationAfterReview, rec.Review.Concluded
			}
			if a := appealAt(r, kind, from, asOf); a != nil {
				rec.Litigation = a
			}
		}
	}
	return l
}

// appeal makes a review for one request in fifteen.
func appeal(r *rand.Rand, kind compile.AppealKind, from, asOf calendar.Date) *compile.Appeal {
	if r.IntN(15) != 0 {
		return nil
	}
	return appealAt(r, kind, from, asOf)
}

// appealAt makes a case filed within 60 days of from and concluded 1–150
// days later, or pending when that is after asOf; nil when filed after asOf.
func appealAt(r *rand.Rand, kind compile.AppealKind, from, asOf calendar.Date) *compile.Appeal {
	filed := from.AddDays(r.IntN(60))
	if filed.After(asOf) {
		return nil
	}
	a := &compile.Appeal{Kind: kind, Result: compile.Pending}
	if r.IntN(2) == 0 {
		a.Filed = filed // half the records give the filing date
	}
	done := filed.AddDays(1 + r.IntN(150))
	if !done.After(asOf) {
		a.Result, a.Concluded = compile.AppealResult(pick(r, []int{60, 15, 25})), done
	}
	return a
}
