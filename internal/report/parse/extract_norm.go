package parse

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/report"
)

func isASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stripNum removes leading item numbers from a normalised label with
// report.StripNumbering ("2、主动公开政府信息情况" → "主动公开政府信息情况")
// and drops trailing full stops and colons.
func stripNum(s string) string {
	return strings.TrimRight(report.StripNumbering(s), "。.:：")
}

// A kind classifies a cell.
type kind uint8

const (
	kText  kind = iota // a label, header or prose
	kBlank             // an empty cell
	kDash              // "/", "—", "-", "无": no value
	kNum               // a number
	kBad               // looks like a value but cannot be read ("1O", "约3")
)

// isValue reports whether a cell of this kind fills a value position.
func (k kind) isValue() bool { return k != kText }

// classify says what a normalised cell holds.
func classify(n string) kind {
	switch {
	case n == "":
		return kBlank
	case isASCIIDigits(n):
		return kNum
	case isDash(n):
		return kDash
	}
	if _, ok := parseInt(n); ok {
		return kNum
	}
	if isDecimalText(n) {
		return kNum
	}
	hasDigit := false
	for i := 0; i < len(n); i++ {
		if n[i] >= '0' && n[i] <= '9' {
			hasDigit = true
			break
		}
	}
	if !hasDigit {
		return kText
	}
	key := stripNum(n)
	if key != n && !strings.ContainsAny(key, "0123456789") {
		return kText // "2.重复申请"
	}
	if utf8.RuneCountInString(n) <= 12 {
		return kBad
	}
	return kText
}

// isDash reports whether a normalised cell means "no value".
func isDash(n string) bool {
	switch n {
	case "无", "空", "N/A", "n/a", "NA", "×", "\\", "、":
		return true
	}
	for _, r := range n {
		switch r {
		case '/', '-', '—', '–', '―', '─', '━', '－', '~', '〜', '～', '_':
		default:
			return false
		}
	}
	return true
}

// parseInt reads a whole number as a report writes it: "12", "1,234",
// "-3", "3件".
func parseInt(n string) (int64, bool) {
	n = strings.TrimSuffix(n, "件")
	neg := strings.HasPrefix(n, "-")
	if neg {
		n = n[1:]
	}
	if strings.Contains(n, ",") {
		parts := strings.Split(n, ",")
		for i, p := range parts {
			if !isASCIIDigits(p) || (i > 0 && len(p) != 3) || (i == 0 && len(p) > 3) {
				return 0, false
			}
		}
		n = strings.Join(parts, "")
	}
	if !isASCIIDigits(n) {
		return 0, false
	}
	v, err := strconv.ParseInt(n, 10, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// isDecimalText reports whether n is a decimal with a point such as 0.35
// or 7730.28, optionally followed by the unit 万元.
func isDecimalText(n string) bool {
	n = strings.TrimSuffix(n, "万元")
	return strings.Contains(n, ".") && report.IsDecimal(n)
}
