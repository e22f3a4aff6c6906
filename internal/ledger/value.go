package ledger

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"golang.org/x/text/width"
)

// Dates outside these years are typing errors, not requests.
const (
	minYear = 1990
	maxYear = 2100
)

var (
	dateRE    = regexp.MustCompile(`^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	compactRE = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	// Excel serial day numbers of 1990-01-01 and 2100-12-31.
	serialRE = regexp.MustCompile(`^\d{5}(?:\.\d+)?$`)
)

// excelEpoch is day 0 of Excel's 1900 date system (serials from 61 on,
// past the phantom 1900-02-29).
var excelEpoch = calendar.D(1899, time.December, 30)

// parseDate reads a date written YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or
// YYYY.M.D (a time of day after it is ignored), YYYYMMDD, or an Excel serial day
// number such as 45292 (which a date cell becomes when read raw).
func parseDate(s string) (calendar.Date, string) {
	if d, ok := isoDate(s); ok {
		return d, ""
	}
	s = width.Fold.String(strings.TrimSpace(s))
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		m = compactRE.FindStringSubmatch(s)
	}
	if m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if y < minYear || y > maxYear {
			return calendar.Date{}, fmt.Sprintf("年份 %d 不在 %d–%d 之间", y, minYear, maxYear)
		}
		if mo < 1 || mo > 12 || d < 1 || d > 31 {
			return calendar.Date{}, fmt.Sprintf("“%s”不是有效日期", s)
		}
		date := calendar.D(y, time.Month(mo), d)
		if date.Day() != d {
			return calendar.Date{}, fmt.Sprintf("“%s”不是有效日期（%d年%d月没有%d日）", s, y, mo, d)
		}
		return date, ""
	}
	if serialRE.MatchString(s) {
		n, err := strconv.ParseFloat(s, 64)
		if err == nil {
			date := excelEpoch.AddDays(int(n))
			if y := date.Year(); y >= minYear && y <= maxYear {
				return date, ""
			}
		}
	}
	return calendar.Date{}, fmt.Sprintf("无法识别日期“%s”，请写作 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日", s)
}

// isoDate is the fast path of parseDate for a valid YYYY-MM-DD.
func isoDate(s string) (calendar.Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return calendar.Date{}, false
	}
	n := func(s string) int {
		v := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			v = v*10 + int(s[i]-'0')
		}
		return v
	}
	y, m, d := n(s[:4]), n(s[5:7]), n(s[8:])
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > 28+daysOver28(y, m) {
		return calendar.Date{}, false
	}
	return calendar.D(y, time.Month(m), d), true
}

// daysOver28 is the number of days month m of year y has beyond 28.
func daysOver28(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 1
		}
		return 0
	case 4, 6, 9, 11:
		return 2
	}
	return 3
}

// parseResult reads 办理结果: a leaf label of the template (numbering
// optional) or a row id; the bare 其他 is other_other.
func parseResult(s string) (report.RowID, string) {
	if r, ok := resultIndex[s]; ok {
		return r, ""
	}
	if r, ok := report.MatchResult(s); ok {
		return r, ""
	}
	k := report.StripNumbering(report.Normalize(s))
	for _, g := range resultGroups {
		if k == g.name {
			return 0, fmt.Sprintf("“%s”是分类，请填写其下的具体结果：%s", s, strings.Join(g.leaves(), "、"))
		}
	}
	return 0, unknown(s, resultLabels)
}

// resultIndex maps the usual spellings of a result (its row id, its leaf
// label, its full label) to its row, sparing report.MatchResult's
// normalisation on most cells.
var resultIndex = func() map[string]report.RowID {
	m := map[string]report.RowID{"其他": report.OtherOther, "3.其他": report.OtherOther}
	for i, r := range report.ResultRows() {
		m[report.Rows[r].ID] = r
		m[report.Rows[r].Label] = r
		if _, dup := m[resultLabels[i]]; !dup {
			m[resultLabels[i]] = r
		}
	}
	return m
}()

// resultLabels are the leaf labels of the 21 result rows as the template
// prints them, without numbering or note: 予以公开, 部分公开,
// 危及“三安全一稳定”, …, 其他.
var resultLabels = func() []string {
	lead := regexp.MustCompile(`^(?:（[一二三四五六七]）|\d+\.)`)
	out := make([]string, 0, 21)
	for _, r := range report.ResultRows() {
		l := lead.ReplaceAllString(report.Rows[r].Label, "")
		l, _, _ = strings.Cut(l, "（区分处理")
		out = append(out, l)
	}
	return out
}()

// resultGroups are the groups of result rows in table 三, which a ledger
// sometimes gives instead of the result itself.
var resultGroups = []resultGroup{
	{"不予公开", report.WithheldStateSecret, report.WithheldAdministrativeQuery},
	{"无法提供", report.UnavailableNotHeld, report.UnavailableUnclear},
	{"不予处理", report.RejectedPetition, report.RejectedReconfirm},
	{"其他处理", report.OtherNoCorrection, report.OtherOther},
}

// A resultGroup is a group of result rows: （三）不予公开 … （六）其他处理.
type resultGroup struct {
	name     string
	from, to report.RowID
}

// leaves returns the leaf labels of the group's rows.
func (g resultGroup) leaves() []string {
	return resultLabels[g.from-report.Granted : g.to-report.Granted+1]
}

// parseEnum reads a value that must be one of allowed (compared after
// normalisation); it returns its index.
func parseEnum(s string, allowed []string) (int, string) {
	for i, a := range allowed {
		if s == a {
			return i, ""
		}
	}
	k := report.Normalize(s)
	for i, a := range allowed {
		if k == report.Normalize(a) {
			return i, ""
		}
	}
	return 0, unknown(s, allowed)
}

// orgPrefix drops the column group 法人或其他组织 that some ledgers write
// before the organisation type: 法人或其他组织-商业企业, 法人或其他组织（科研机构）.
func orgPrefix(s string) string {
	k := report.Normalize(s)
	rest, ok := strings.CutPrefix(k, "法人或其他组织")
	if !ok || rest == "" {
		return s
	}
	return strings.Trim(rest, "-—_:/·()")
}

// parseFee reads 收费金额 in 元: a decimal ≥ 0, optionally followed by 元.
// It returns the amount as written without the unit.
func parseFee(s string) (string, string) {
	if report.IsDecimal(s) && s[0] != '-' {
		return s, ""
	}
	v := strings.TrimSuffix(report.Normalize(s), "元")
	v = strings.ReplaceAll(v, ",", "")
	if !report.IsDecimal(v) || strings.HasPrefix(v, "-") {
		return "", fmt.Sprintf("“%s”不是金额（元），请填写不小于 0 的数字", s)
	}
	return v, ""
}

// unknown is the reason for an unrecognised value, with the nearest allowed
// values as a suggestion.
func unknown(s string, allowed []string) string {
	msg := fmt.Sprintf("无法识别“%s”", s)
	if near := nearest(s, allowed); len(near) > 0 {
		return msg + "，最接近的有：" + strings.Join(near, "、")
	}
	return msg + "，可填写：" + strings.Join(allowed, "、")
}

// nearest returns the allowed values at the smallest edit distance (over
// runes, after normalisation) from s, at most three, those sharing the
// longest beginning with s first, otherwise in their own order; none when
// even the nearest shares too little with s.
func nearest(s string, allowed []string) []string {
	k := []rune(report.StripNumbering(report.Normalize(s)))
	if len(k) == 0 {
		return nil
	}
	best, out := -1, []string(nil)
	for _, a := range allowed {
		d := editDistance(k, []rune(report.Normalize(a)))
		switch {
		case best < 0 || d < best:
			best, out = d, []string{a}
		case d == best:
			out = append(out, a)
		}
	}
	if best >= max(len(k), 2) {
		return nil
	}
	// Among equals, those that begin like s come first.
	slices.SortStableFunc(out, func(a, b string) int {
		return commonPrefix(k, []rune(report.Normalize(b))) - commonPrefix(k, []rune(report.Normalize(a)))
	})
	if len(out) > 3 {
		out = out[:3]
	}
	return slices.Clip(out)
}

// commonPrefix is the number of leading runes a and b share.
func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// ParseDate reads a date cell as the ledger does (YYYY-MM-DD, YYYY/M/D,
// YYYY年M月D日, YYYYMMDD or an Excel serial day number); the string is
// the Chinese reason when it cannot.
func ParseDate(s string) (calendar.Date, string) { return parseDate(s) }
