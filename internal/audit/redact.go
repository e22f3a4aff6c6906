package audit

import (
	"regexp"
	"strings"
)

// The audit log is kept for years and cannot be edited, so it must never
// hold an identity number or a mobile phone number (ASVS 7.1.2; 个人信息
// 保护法第五十一条). Free text that reaches a detail — a reason for a
// reveal, a clerk's note, a login typed into the sign-in form — is
// redacted before it is written.

// alnumRun finds runs of ASCII letters and digits, so that a number is
// only recognised as a whole token: never inside a hash or a longer number.
var alnumRun = regexp.MustCompile(`[0-9A-Za-z０-９Ｘｘ]+`)

var (
	reResidentID = regexp.MustCompile(`^(\d{17}[\dXx]|\d{15})$`)
	reMobile     = regexp.MustCompile(`^(86)?1[3-9]\d{9}$`)
)

// Redact masks every identity-card number (18 digits with a check
// character, or the 15-digit legacy form) and mainland mobile number in s
// to its first 3 and last 2 characters: 11010519491231002X →
// 110*************2X, 13812345678 → 138******78. Full-width digits count
// as digits.
func Redact(s string) string {
	if !strings.ContainsAny(s, "0123456789０１２３４５６７８９") {
		return s
	}
	return alnumRun.ReplaceAllStringFunc(s, func(tok string) string {
		ascii := halfWidthDigits(tok)
		if !reResidentID.MatchString(ascii) && !reMobile.MatchString(ascii) {
			return tok
		}
		r := []rune(tok)
		return string(r[:3]) + strings.Repeat("*", len(r)-5) + string(r[len(r)-2:])
	})
}

// halfWidthDigits turns full-width digits and Ｘ into ASCII.
func halfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == 'Ｘ' || r == 'ｘ':
			return 'X'
		}
		return r
	}, s)
}
