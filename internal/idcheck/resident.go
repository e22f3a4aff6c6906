package idcheck

import (
	"time"
)

// residentWeights are the weights of ISO 7064 MOD 11-2 for 17 digits
// (2^(18-i) mod 11), GB 11643-1999 §8.
var residentWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// residentCheck maps the weighted sum mod 11 to the check character.
const residentCheck = "10X98765432"

// provinces are the first two digits of valid address codes (GB/T 2260),
// with 81/82/83 for the 港澳台居民居住证.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

// A Resident is what a valid 居民身份证 number says.
type Resident struct {
	Number string    // normalised, 18 characters
	Region string    // 6-digit address code
	Born   time.Time // date of birth, UTC midnight
	Female bool      // the 17th digit is even
}

// ResidentCheckDigit returns the check character for the first 17 digits
// of a 居民身份证 number (ISO 7064 MOD 11-2).
func ResidentCheckDigit(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fail("resident_id", "idcheck.resident.first17", "需要 17 位本体码，收到 %d 位", len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0, fail("resident_id", "idcheck.resident.digits", "本体码只能是数字")
		}
		sum += int(c-'0') * residentWeights[i]
	}
	return residentCheck[sum%11], nil
}

// earliestBirth bounds the date of birth; the standard's own example is 1880.
var earliestBirth = time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckResident checks an 18-digit 居民身份证 number: length, digits,
// province code, a real date of birth not after now, and the check digit.
// A lower-case x and full-width characters are accepted.
func CheckResident(s string, now time.Time) (Resident, error) {
	n := normalise(s)
	if len(n) != 18 {
		return Resident{}, fail("resident_id", "idcheck.resident.length", "居民身份证号码应为 18 位，收到 %d 位", len([]rune(n)))
	}
	want, err := ResidentCheckDigit(n[:17])
	if err != nil {
		return Resident{}, fail("resident_id", "idcheck.resident.first17_digits", "居民身份证号码前 17 位应为数字")
	}
	if !provinces[n[:2]] {
		return Resident{}, fail("resident_id", "idcheck.resident.province", "地址码 %s 不是有效的省级代码", n[:6])
	}
	born, err := time.Parse("20060102", n[6:14])
	if err != nil {
		return Resident{}, fail("resident_id", "idcheck.resident.birth_invalid", "出生日期 %s 不是有效日期", n[6:14])
	}
	if born.Before(earliestBirth) || born.After(now) {
		return Resident{}, fail("resident_id", "idcheck.resident.birth_implausible", "出生日期 %s 不合理", born.Format(time.DateOnly))
	}
	if n[17] != want {
		return Resident{}, fail("resident_id", "idcheck.resident.check", "校验码错误（最后一位应为 %c），请核对号码", want)
	}
	return Resident{Number: n, Region: n[:6], Born: born, Female: (n[16]-'0')%2 == 0}, nil
}

// Province reports whether code (two digits) is the province part of a
// valid address code (GB/T 2260), as the first two digits of a 居民身份证
// number must be.
func Province(code string) bool { return provinces[code] }
