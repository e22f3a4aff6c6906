// Package idcheck checks the identity numbers an application carries
// (条例第二十九条第二款第（一）项 身份证明): the 18-digit 居民身份证 number
// (GB 11643-1999, check digit ISO 7064 MOD 11-2) and the 18-character
// 统一社会信用代码 (GB 32100-2015). A passing check means the number is well
// formed, not that it exists.
package idcheck

import (
	"strings"
	"unicode"
)

// normalise trims spaces, turns full-width digits and letters into ASCII
// and upper-cases, so "１１０１…ｘ" and "1101…X" check the same.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if r >= '０' && r <= '９' {
			r = '0' + (r - '０')
		} else if r >= 'Ａ' && r <= 'Ｚ' {
			r = 'A' + (r - 'Ａ')
		} else if r >= 'ａ' && r <= 'ｚ' {
			r = 'a' + (r - 'ａ')
		}
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// An Error says why a number failed, in Chinese (Msg) for the form.
type Error struct {
	Kind string // resident_id or credit_code
	Msg  string
}

// Error returns the Chinese reason with the kind.
func (e *Error) Error() string { return "idcheck: " + e.Kind + ": " + e.Msg }
