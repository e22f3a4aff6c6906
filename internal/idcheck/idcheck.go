// Package idcheck checks the identity numbers an application carries
// (条例第二十九条第二款第（一）项 身份证明): the 18-digit 居民身份证 number
// (GB 11643-1999, check digit ISO 7064 MOD 11-2) and the 18-character
// 统一社会信用代码 (GB 32100-2015). A passing check means the number is well
// formed, not that it exists.
package idcheck

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/gongkai/gongkai/internal/apperr"
)

// normalise drops white space, turns full-width digits and letters into
// ASCII (width.Narrow) and upper-cases, so "１１０１…ｘ" and "1101…X" check
// the same.
func normalise(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, width.Narrow.String(s)))
}

// An Error says why a number failed: in Chinese (Msg), and as a message
// key with its arguments (Reason: "idcheck.resident.check" and the
// expected check character) for a web layer that translates.
type Error struct {
	Kind   string // resident_id or credit_code
	Msg    string
	Reason apperr.Msg
}

// fail returns the Error of kind with key, its Chinese text zh (a format)
// and the arguments both share.
func fail(kind, key, zh string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(zh, args...), Reason: apperr.M(key, args...)}
}

// Error returns the Chinese reason with the kind.
func (e *Error) Error() string { return "idcheck: " + e.Kind + ": " + e.Msg }
