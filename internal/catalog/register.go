package catalog

import (
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger"
	"golang.org/x/text/width"
)

// A DecisionKind is the kind of administrative decision table 二 counts
// (条例第二十条第（五）、（六）项).
type DecisionKind string

// The decision kinds.
const (
	Licensing DecisionKind = "licensing" // 行政许可
	Penalty   DecisionKind = "penalty"   // 行政处罚
	Coercion  DecisionKind = "coercion"  // 行政强制
)

var decisionLabels = map[DecisionKind]string{Licensing: "行政许可", Penalty: "行政处罚", Coercion: "行政强制"}

// Label returns the kind's Chinese name.
func (k DecisionKind) Label() string { return decisionLabels[k] }

// ParseDecisionKind reads 行政许可, 行政处罚, 行政强制 or the codes.
func ParseDecisionKind(s string) (DecisionKind, bool) {
	s = strings.TrimSpace(width.Fold.String(s))
	for k, l := range decisionLabels {
		if s == l || s == string(k) {
			return k, true
		}
	}
	return "", false
}

// A Decision is one 决定书 (catalog.md §3): counted in table 二 by its
// date. The decision itself need not be a public item.
type Decision struct {
	ID       int64
	AgencyID int64
	DocNo    string // 文书号, unique in the agency
	On       calendar.Date
	Kind     DecisionKind
	Matter   string // 事项
	Row      int    // the row of the import file it came from; not stored
}

// A Fee is one 行政事业性收费 entry, in 分 so that sums are exact.
type Fee struct {
	ID       int64
	AgencyID int64
	On       calendar.Date
	Fen      int64 // amount in 分 (元 × 100)
	Item     string
	Row      int // the row of the import file it came from; not stored
}

// MaxFeeFen bounds one fee entry (a hundred billion 元).
const MaxFeeFen = 1e13

var yuanRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]{1,2})?$`)

// ParseYuan reads an amount in 元 with up to two decimal places
// (thousands separators and a trailing 元 allowed) as 分.
func ParseYuan(s string) (int64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(width.Fold.String(s)), "元")
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if !yuanRE.MatchString(s) {
		return 0, fmt.Errorf("金额“%s”应为元，最多两位小数", s)
	}
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	frac = (frac + "00")[:2]
	if len(whole) > 12 {
		return 0, fmt.Errorf("金额“%s”过大", s)
	}
	var n int64
	for _, c := range whole + frac {
		n = n*10 + int64(c-'0')
	}
	if neg {
		return 0, fmt.Errorf("金额“%s”不能为负（退费请冲减当日其他收费或说明）", s)
	}
	if n > MaxFeeFen {
		return 0, fmt.Errorf("金额“%s”过大", s)
	}
	return n, nil
}

// WanYuan writes fen 分 in 万元, exactly, trailing zeros dropped
// (catalog.md §3: 12,345.60 元 → 1.23456; never a float).
func WanYuan(fen int64) string {
	r := new(big.Rat).SetFrac64(fen, 1_000_000)
	s := r.FloatString(6)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// A header names one column of a register file.
type header struct {
	name     string
	required bool
}

var decisionHeaders = []header{{"文书号", true}, {"决定日期", true}, {"类别", true}, {"事项", false}}
var feeHeaders = []header{{"日期", true}, {"金额（元）", true}, {"项目", false}}

// readRegister reads a CSV or XLSX table whose header row holds headers
// (a title above it is skipped) and calls row with each data row's cells
// by header name. Every problem is collected; the result is all or nothing.
func readRegister(r io.Reader, what string, headers []header, row func(n int, cell map[string]string) ledger.Problems) error {
	_, err := ledger.ReadTable(r, func(next ledger.RowFunc) (struct{}, error) {
		var probs ledger.Problems
		var idx map[string]int
		for searched := 0; ; {
			cells, n, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return struct{}{}, append(probs, asProblems(err)...)
			}
			if blankRow(cells) {
				continue
			}
			if idx == nil {
				idx = matchHeaders(cells, headers)
				if idx == nil {
					if searched++; searched < 5 {
						continue
					}
					return struct{}{}, ledger.Problems{{Row: n, Reason: "找不到表头：应有列 " + headerList(headers)}}
				}
				for _, h := range headers {
					if _, ok := idx[h.name]; !ok && h.required {
						probs = append(probs, ledger.Problem{Row: n, Column: h.name + "*", Reason: "缺少必填列"})
					}
				}
				if len(probs) > 0 {
					return struct{}{}, probs
				}
				continue
			}
			byName := map[string]string{}
			for name, i := range idx {
				if i < len(cells) {
					byName[name] = strings.TrimSpace(cells[i])
				}
			}
			probs = append(probs, row(n, byName)...)
			if len(probs) >= MaxLineErrors {
				break
			}
		}
		if idx == nil {
			return struct{}{}, ledger.Problems{{Reason: what + "文件是空的：应有表头 " + headerList(headers)}}
		}
		if len(probs) > 0 {
			return struct{}{}, probs
		}
		return struct{}{}, nil
	})
	return err
}

func asProblems(err error) ledger.Problems {
	if ps, ok := err.(ledger.Problems); ok {
		return ps
	}
	return ledger.Problems{{Reason: err.Error()}}
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func headerList(hs []header) string {
	var names []string
	for _, h := range hs {
		n := h.name
		if h.required {
			n += "*"
		}
		names = append(names, n)
	}
	return strings.Join(names, "、")
}

// matchHeaders returns where each known header is in cells, or nil when
// cells hold none of the required ones (not the header row).
func matchHeaders(cells []string, headers []header) map[string]int {
	idx := map[string]int{}
	for i, c := range cells {
		k := ledger.HeaderKey(c)
		for _, h := range headers {
			if k == ledger.HeaderKey(h.name) || k == ledger.HeaderKey(strings.Split(h.name, "（")[0]) {
				idx[h.name] = i
			}
		}
	}
	for _, h := range headers {
		if _, ok := idx[h.name]; ok && h.required {
			return idx
		}
	}
	return nil
}

// ReadDecisions reads a decisions file (catalog.md §3): columns 文书号*,
// 决定日期*, 类别* (行政许可 · 行政处罚 · 行政强制), 事项; a 文书号 twice in
// the file is an error. It returns ledger.Problems naming line and column.
func ReadDecisions(r io.Reader) ([]Decision, error) {
	var out []Decision
	seen := map[string]int{}
	err := readRegister(r, "处理决定", decisionHeaders, func(n int, c map[string]string) ledger.Problems {
		var ps ledger.Problems
		bad := func(col, format string, a ...any) {
			ps = append(ps, ledger.Problem{Row: n, Column: col, Reason: fmt.Sprintf(format, a...)})
		}
		d := Decision{DocNo: c["文书号"], Matter: c["事项"], Row: n}
		switch {
		case d.DocNo == "":
			bad("文书号", "必填")
		case utf8.RuneCountInString(d.DocNo) > MaxDocNoLen:
			bad("文书号", "超过 %d 个字", MaxDocNoLen)
		case seen[d.DocNo] > 0:
			bad("文书号", "“%s”与第 %d 行重复", d.DocNo, seen[d.DocNo])
		default:
			seen[d.DocNo] = n
		}
		if c["决定日期"] == "" {
			bad("决定日期", "必填")
		} else if on, why := ledger.ParseDate(c["决定日期"]); why != "" {
			bad("决定日期", "%s", why)
		} else {
			d.On = on
		}
		if k, ok := ParseDecisionKind(c["类别"]); ok {
			d.Kind = k
		} else {
			bad("类别", "“%s”应为 行政许可、行政处罚 或 行政强制", c["类别"])
		}
		if utf8.RuneCountInString(d.Matter) > MaxTitleLen {
			bad("事项", "超过 %d 个字", MaxTitleLen)
		}
		if len(ps) == 0 {
			out = append(out, d)
		}
		return ps
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ReadFees reads a fees file (catalog.md §3): columns 日期*, 金额（元）*
// (decimal, up to 2 places), 项目.
func ReadFees(r io.Reader) ([]Fee, error) {
	var out []Fee
	err := readRegister(r, "收费", feeHeaders, func(n int, c map[string]string) ledger.Problems {
		var ps ledger.Problems
		bad := func(col, format string, a ...any) {
			ps = append(ps, ledger.Problem{Row: n, Column: col, Reason: fmt.Sprintf(format, a...)})
		}
		f := Fee{Item: c["项目"], Row: n}
		if c["日期"] == "" {
			bad("日期", "必填")
		} else if on, why := ledger.ParseDate(c["日期"]); why != "" {
			bad("日期", "%s", why)
		} else {
			f.On = on
		}
		if c["金额（元）"] == "" {
			bad("金额（元）", "必填")
		} else if fen, err := ParseYuan(c["金额（元）"]); err != nil {
			bad("金额（元）", "%v", err)
		} else {
			f.Fen = fen
		}
		if utf8.RuneCountInString(f.Item) > MaxTitleLen {
			bad("项目", "超过 %d 个字", MaxTitleLen)
		}
		if len(ps) == 0 {
			out = append(out, f)
		}
		return ps
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
