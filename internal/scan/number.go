package scan

import (
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/idcheck"
)

// now bounds the dates of birth an ID number may carry.
var now = time.Now

// maxGroups bounds how many separated digit groups are read as one number;
// the longest real split is a 19-digit bank card written 4-4-4-4-3.
const maxGroups = 6

// notPersonal are labels after which a number is an identifier of a
// document or an organisation, not of a person (spec/catalog.md §4: 索引号,
// 文号 and 统一社会信用代码 are not personal data).
var notPersonal = []string{"索引号", "文号", "信用代码", "机构代码", "注册号", "识别号", "税号", "邮编", "邮政编码", "统一代码"}

// A group is the rune span [start, end) of consecutive digits.
type group struct{ start, end int }

// numbers finds ID, mobile and bank-card numbers, written whole or split
// by spaces, hyphens or a line break, in full-width or ASCII digits.
func (f *folded) numbers(s string, at locator) []Finding {
	var out []Finding
	r := f.r
	n := len(r)
	for i := 0; i < n; {
		if !isDigit(r[i]) {
			i++
			continue
		}
		groups := make([]group, 0, 4)
		j := i
		for {
			k := j
			for k < n && isDigit(r[k]) {
				k++
			}
			groups = append(groups, group{j, k})
			p, breaks := k, 0
			for p < n && p-k < 4 && isSep(r[p]) {
				if r[p] == '\n' {
					breaks++
				}
				p++
			}
			if p > k && p < n && isDigit(r[p]) && breaks <= 1 && len(groups) < maxGroups*2 {
				j = p
				continue
			}
			j = k
			break
		}
		end := j // one past the last digit
		x := end < n && (r[end] == 'X' || r[end] == 'x')
		after := end
		if x {
			after++
		}
		leftOK := true
		if i > 0 {
			var before rune
			if i > 1 {
				before = r[i-2]
			}
			leftOK = boundary(r[i-1], before)
		}
		var next, next2 rune
		if after < n {
			next = r[after]
		}
		if after+1 < n {
			next2 = r[after+1]
		}
		rightOK := boundary(next, next2)
		if !f.labelled(i) {
			out = append(out, f.classifyRun(s, groups, x, leftOK, rightOK, at)...)
		}
		i = after
	}
	return out
}

// boundary reports whether c may stand next to a number without making it
// part of a longer code: not a letter or digit, and not the point of a
// decimal or the slash of a 索引号 (c2 is the character on c's far side).
func boundary(c, c2 rune) bool {
	switch {
	case c == 0:
		return true
	case isDigit(c), isASCIILetter(c), c == '_':
		return false
	case (c == '.' || c == '/') && isDigit(c2):
		return false
	}
	return true
}

// labelled reports whether the number at rune i follows, on the same line
// and within 24 characters, a label naming a document or organisation code.
func (f *folded) labelled(i int) bool {
	lo := max(0, i-24)
	hint := false
	for k := i - 1; k >= lo; k-- {
		c := f.r[k]
		if c == '\n' {
			lo = k + 1
			break
		}
		hint = hint || labelStarts[c]
	}
	if !hint {
		return false
	}
	before := string(f.r[lo:i])
	for _, l := range notPersonal {
		if strings.Contains(before, l) {
			return true
		}
	}
	return false
}

// labelStarts holds the characters of the notPersonal labels, so that
// most numbers are cleared without building a string.
var labelStarts = func() map[rune]bool {
	m := map[rune]bool{}
	for _, l := range notPersonal {
		for _, c := range l {
			m[c] = true
		}
	}
	return m
}()

// classifyRun decides what a run of digit groups holds: the whole run as
// one number when its groups look like a split number (every group but the
// last at least three digits), else each group on its own.
func (f *folded) classifyRun(s string, groups []group, x, leftOK, rightOK bool, at locator) []Finding {
	digits := func(gs []group) string {
		var b strings.Builder
		for _, g := range gs {
			b.WriteString(string(f.r[g.start:g.end]))
		}
		return b.String()
	}
	last := len(groups) - 1
	place := func(g0, g1 group, withX bool) (string, string) {
		end := g1.end
		if withX {
			end++
		}
		return at(f.off[g0.start]), f.original(s, g0.start, end)
	}
	if len(groups) > 1 && len(groups) <= maxGroups && leftOK && rightOK {
		// +86 139 5746 6123: a country code before a mobile number.
		if first := digits(groups[:1]); (first == "86" || first == "0086") && splitShape(groups[1:]) {
			if k, _ := classify(digits(groups[1:]), false); k == Mobile {
				where, orig := place(groups[1], groups[last], false)
				return []Finding{{Kind: Mobile, Where: where, Masked: Mask(compact(orig))}}
			}
		}
		if splitShape(groups) {
			if k, note := classify(digits(groups), x); k != "" {
				where, orig := place(groups[0], groups[last], x && k == IDCard)
				return []Finding{{Kind: k, Where: where, Masked: Mask(compact(orig)), Note: note}}
			}
		}
	}
	var out []Finding
	for gi, g := range groups {
		if gi == 0 && !leftOK || gi == last && !rightOK {
			continue
		}
		withX := x && gi == last
		if k, note := classify(digits(groups[gi:gi+1]), withX); k != "" {
			where, orig := place(g, g, withX && k == IDCard)
			out = append(out, Finding{Kind: k, Where: where, Masked: Mask(compact(orig)), Note: note})
		}
	}
	return out
}

// splitShape reports whether separated groups look like one number split
// for reading (330102 19900101 1234, 138-0013-8000), not a row of figures
// (2022-10-15, 12 3 45): every group but the last has three digits or more.
func splitShape(groups []group) bool {
	for _, g := range groups[:len(groups)-1] {
		if g.end-g.start < 3 {
			return false
		}
	}
	return true
}

// compact drops the separators from a number as written.
func compact(s string) string {
	return strings.Map(func(c rune) rune {
		if isSep(c) || c == '\u3000' || c == '\u00a0' {
			return -1
		}
		return c
	}, s)
}

// classify says what a digit string is: an ID number (18 digits, the last
// may be X, with province, date of birth and check digit right; or 15
// digits with a province and a real date), a mobile number, or a bank card
// (16–19 digits, Luhn, issuer digit 3–6, not a 统一社会信用代码).
func classify(d string, x bool) (Kind, string) {
	n := len(d)
	if x {
		if n == 17 {
			if _, err := idcheck.CheckResident(d+"X", now()); err == nil {
				return IDCard, ""
			}
		}
		return "", ""
	}
	switch {
	case n == 18:
		if _, err := idcheck.CheckResident(d, now()); err == nil {
			return IDCard, ""
		}
	case n == 15:
		if legacyID(d) {
			return IDCard, "15 位旧号码"
		}
	case n == 11:
		if d[0] == '1' && d[1] >= '3' && d[1] <= '9' {
			return Mobile, ""
		}
	}
	if n >= 16 && n <= 19 && d[0] >= '3' && d[0] <= '6' && luhn(d) {
		if n == 18 {
			// An ID number with a typo, or a 统一社会信用代码: not a card.
			if _, err := idcheck.CheckCreditCode(d); err == nil || idPrefix(d) {
				return "", ""
			}
		}
		return BankCard, ""
	}
	return "", ""
}

// legacyID checks a 15-digit 居民身份证 number of before 1999: a province
// code and a real date of birth 19YYMMDD.
func legacyID(d string) bool {
	if !idcheck.Province(d[:2]) {
		return false
	}
	_, err := time.Parse("20060102", "19"+d[6:12])
	return err == nil
}

// luhn reports whether the digits pass the Luhn check (ISO/IEC 7812-1).
func luhn(d string) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

// idPrefix reports whether 18 digits start like an ID number: a province
// code and a real date of birth in positions 7–14.
func idPrefix(d string) bool {
	if len(d) != 18 || !idcheck.Province(d[:2]) {
		return false
	}
	born, err := time.Parse("20060102", d[6:14])
	return err == nil && born.Year() >= 1900 && !born.After(now())
}
