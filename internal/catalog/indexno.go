package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// IndexNo formats an 索引号 (catalog.md §2, decision): the agency's
// 统一社会信用代码, "/", the year of first publication, "-" and the
// per-agency-year sequence on five digits: 11330206002882367X/2022-00012.
func IndexNo(creditCode string, year, seq int) string {
	return fmt.Sprintf("%s/%04d-%05d", creditCode, year, seq)
}

var indexNoRE = regexp.MustCompile(`^([0-9A-Z]{18})/([0-9]{4})-([0-9]{5,})$`)

// ParseIndexNo splits an 索引号 of gongkai's own form into the credit
// code, the year and the sequence; ok is false for any other form (an
// imported site's numbers keep their own form).
func ParseIndexNo(s string) (code string, year, seq int, ok bool) {
	m := indexNoRE.FindStringSubmatch(s)
	if m == nil {
		return "", 0, 0, false
	}
	year, _ = strconv.Atoi(m[2])
	seq, err := strconv.Atoi(m[3])
	if err != nil {
		return "", 0, 0, false
	}
	return m[1], year, seq, true
}

// MaxIndexNoLen bounds an imported 索引号, in characters.
const MaxIndexNoLen = 80

// CheckIndexNo checks an 索引号 an import carries: present, at most
// MaxIndexNoLen characters, printable and without spaces.
func CheckIndexNo(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("索引号为空")
	case utf8.RuneCountInString(s) > MaxIndexNoLen:
		return fmt.Errorf("索引号超过 %d 个字符", MaxIndexNoLen)
	case strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '\u3000' }):
		return fmt.Errorf("索引号 %q 含空白或控制字符", s)
	}
	return nil
}
