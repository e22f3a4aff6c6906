package idcheck

import (
	"strings"
)

// creditChars is the code set of GB 32100-2015: digits and upper-case
// letters without I, O, Z, S and V; a character's value is its index.
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^i mod 31 for positions 1–17 (GB 32100-2015 附录B).
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// registrars names the 登记管理部门 of the first character.
var registrars = map[byte]string{
	'1': "机构编制", '2': "外交", '3': "司法行政", '4': "文化", '5': "民政", '6': "旅游",
	'7': "宗教", '8': "工会", '9': "工商（市场监管）", 'A': "中央军委改革和编制办公室",
	'N': "农业", 'Y': "其他",
}

// A CreditCode is what a valid 统一社会信用代码 says.
type CreditCode struct {
	Number    string // normalised, 18 characters
	Registrar string // 登记管理部门 (first character), "" if not a listed one
	Region    string // 登记管理机关行政区划码 (characters 3–8)
	OrgCode   string // 主体标识码 (组织机构代码, characters 9–17)
}

// CreditCheckChar returns the check character for the first 17
// characters of a 统一社会信用代码: 31 − (Σ value×weight mod 31), 31 → 0.
func CreditCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fail("credit_code", "idcheck.credit.first17", "需要 17 位本体代码，收到 %d 位", len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, first17[i])
		if v < 0 {
			return 0, fail("credit_code", "idcheck.credit.char", "第 %d 位 %q 不是允许的字符（不使用 I、O、Z、S、V）", i+1, first17[i])
		}
		sum += v * creditWeights[i]
	}
	return creditChars[(31-sum%31)%31], nil
}

// CheckCreditCode checks an 18-character 统一社会信用代码: length, code
// set, and the check character of GB 32100-2015. Lower case and
// full-width characters are accepted.
func CheckCreditCode(s string) (CreditCode, error) {
	n := normalise(s)
	if len(n) != 18 {
		return CreditCode{}, fail("credit_code", "idcheck.credit.length", "统一社会信用代码应为 18 位，收到 %d 位", len([]rune(n)))
	}
	want, err := CreditCheckChar(n[:17])
	if err != nil {
		return CreditCode{}, err
	}
	if strings.IndexByte(creditChars, n[17]) < 0 {
		return CreditCode{}, fail("credit_code", "idcheck.credit.last_char", "第 18 位 %q 不是允许的字符", n[17])
	}
	if n[17] != want {
		return CreditCode{}, fail("credit_code", "idcheck.credit.check", "校验码错误（最后一位应为 %c），请核对代码", want)
	}
	return CreditCode{Number: n, Registrar: registrars[n[0]], Region: n[2:8], OrgCode: n[8:17]}, nil
}
