// Package scan finds personal data and markings that must not be published
// in a document before it goes out as 主动公开 (spec/catalog.md §4): ID
// numbers, mobile numbers, bank cards, e-mail addresses, 密级 markings, and
// content a reader of the published page does not see but a downloader gets
// (hidden text, comments and tracked changes in DOCX; hidden sheets, rows
// and columns, comments and pivot caches in XLSX; document properties that
// name a person).
//
// 条例第十五条 forbids disclosing personal privacy without consent, and
// 条例第十四条 information that is a state secret; 条例第十七条 makes the
// agency review every item before it is published. The scanner is the
// mechanical part of that review: it reports, it never decides.
//
// Precision matters as much as recall: 索引号, 文号, dates, amounts,
// statistics, hotlines and 统一社会信用代码 are not personal data, so each
// kind is reported only where it validates (check digits, dates, Luhn).
package scan

import (
	"strings"
	"unicode/utf8"
)

// A Kind is what a finding is.
type Kind string

// The kinds of spec/catalog.md §4.
const (
	IDCard     Kind = "id_card"    // 居民身份证号 (18-digit with check digit, or 15-digit legacy)
	Mobile     Kind = "mobile"     // mainland mobile number, 1[3-9] and 9 more digits
	BankCard   Kind = "bank_card"  // 16–19 digits passing the Luhn check
	Email      Kind = "email"      // an e-mail address outside government domains
	Classified Kind = "classified" // a 密级 or 内部资料-style marking
	Hidden     Kind = "hidden"     // content the published page does not show
)

// Kinds lists every kind in the order findings are reported.
var Kinds = []Kind{IDCard, Mobile, BankCard, Email, Classified, Hidden}

// Label is the kind's Chinese name, for listings and pages.
func (k Kind) Label() string {
	switch k {
	case IDCard:
		return "身份证号"
	case Mobile:
		return "手机号码"
	case BankCard:
		return "银行卡号"
	case Email:
		return "电子邮箱"
	case Classified:
		return "密级标志"
	case Hidden:
		return "隐藏内容"
	}
	return string(k)
}

// A Finding is one piece of personal data or one marking found in a
// document. Where names the place a person can find it (第 3 行, 表格 1 第 2
// 行第 4 列, Sheet1!B7, word/comments.xml); Masked shows at most the first
// six and the last two characters of what was found; Note says more where
// the kind alone does not (疑似: an ID number stored as a number, the kind of
// hidden content).
type Finding struct {
	Kind   Kind   `json:"kind"`
	Where  string `json:"where"`
	Masked string `json:"masked"`
	Note   string `json:"note,omitempty"`
}

// Mask keeps at most the first six and the last two characters of s and
// replaces the rest with asterisks; shorter values keep less, so that at
// least half of any value is hidden.
func Mask(s string) string {
	r := []rune(s)
	n := len(r)
	if n == 0 {
		return ""
	}
	head := min(6, n/3)
	tail := min(2, n/4)
	for head > 0 && (head+tail)*2 > n {
		head--
	}
	if (head+tail)*2 > n {
		tail = 0
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(string(r[:head]))
	b.WriteString(strings.Repeat("*", n-head-tail))
	b.WriteString(string(r[n-tail:]))
	return b.String()
}

// excerpt shortens hidden text to a masked excerpt of at most 24
// characters, so a listing never repeats what it warns about.
func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 24 {
		s = string([]rune(s)[:24])
	}
	return Mask(s)
}

// dedupe drops findings that repeat an earlier one (same kind, place and
// masked value), keeping the order.
func dedupe(fs []Finding) []Finding {
	seen := make(map[Finding]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		if seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f)
	}
	return out
}
