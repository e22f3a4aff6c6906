package idcheck

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func TestCheckResident(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		born   string
		female bool
	}{
		// The two examples printed in GB 11643-1999.
		{"11010519491231002X", true, "1949-12-31", true},
		{"440524188001010014", true, "1880-01-01", false},
		{"11010519491231002x", true, "1949-12-31", true},       // lower-case x
		{" 1101 0519 4912 3100 2X ", true, "1949-12-31", true}, // spaces
		{"１１０１０５１９４９１２３１００２Ｘ", true, "1949-12-31", true},       // full width
		{"110105194912310021", false, "", false},               // wrong check digit
		{"11010519491231002", false, "", false},                // 17 digits
		{"1101051949123100211", false, "", false},              // 19 digits
		{"11010519491331002X", false, "", false},               // month 13
		{"11010519490230002X", false, "", false},               // 30 February
		{"99010519491231002X", false, "", false},               // no province 99
		{"1101051949123100AX", false, "", false},               // letter in the body
		{"110105203001010011", false, "", false},               // born in 2030
		{"", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := CheckResident(tt.in, now)
			if tt.ok != (err == nil) {
				t.Fatalf("got %v; want ok=%v", err, tt.ok)
			}
			if !tt.ok {
				var e *Error
				if !errors.As(err, &e) || e.Msg == "" {
					t.Errorf("error %v has no Chinese message", err)
				}
				return
			}
			if r.Born.Format(time.DateOnly) != tt.born || r.Female != tt.female || len(r.Number) != 18 {
				t.Errorf("got %+v; want born %s female %v", r, tt.born, tt.female)
			}
		})
	}
}

// mod112 is ISO 7064 MOD 11-2 in its recursive form, an oracle for the
// weighted sum the package uses.
func mod112(digits string) byte {
	p := 0
	for _, c := range digits {
		p = ((p + int(c-'0')) * 2) % 11
	}
	return "0123456789X"[(12-p)%11]
}

// TestResidentComputedSamples builds valid numbers from random regions,
// birth dates and sequence numbers with the recursive algorithm, and
// checks that they pass and that every other check character fails.
func TestResidentComputedSamples(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2))
	regions := []string{"110105", "310104", "440305", "330106", "510107", "650102", "810000", "830000"}
	for i := 0; i < 500; i++ {
		born := time.Date(1920, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(37000))
		body := regions[r.IntN(len(regions))] + born.Format("20060102") + fmt.Sprintf("%03d", r.IntN(1000))
		check := mod112(body)
		if got, _ := ResidentCheckDigit(body); got != check {
			t.Fatalf("%s: check digit %c; recursive MOD 11-2 says %c", body, got, check)
		}
		if _, err := CheckResident(body+string(check), now); err != nil {
			t.Fatalf("%s%c: %v", body, check, err)
		}
		for _, c := range "0123456789X" {
			if byte(c) != check {
				if _, err := CheckResident(body+string(c), now); err == nil {
					t.Fatalf("%s%c passed with the wrong check digit", body, c)
				}
			}
		}
	}
}

func TestCheckCreditCode(t *testing.T) {
	tests := []struct {
		in        string
		ok        bool
		registrar string
	}{
		// Public codes of well-known companies, from their business licences.
		{"914403001922038216", true, "工商（市场监管）"}, // 华为技术有限公司
		{"91440300708461136T", true, "工商（市场监管）"}, // 深圳市腾讯计算机系统有限公司
		{"91330100799655058B", true, "工商（市场监管）"},
		{"91110108551385082Q", true, "工商（市场监管）"},
		{"91110000600037341L", true, "工商（市场监管）"},
		{"91110108551385082q", true, "工商（市场监管）"}, // lower case
		{"９１１１０１０８５５１３８５０８２Ｑ", true, "工商（市场监管）"}, // full width
		{"91110108551385082R", false, ""},        // wrong check character
		{"914403001922038217", false, ""},
		{"91110108551385O82Q", false, ""}, // letter O is not in the code set
		{"9111010855138508Q", false, ""},  // 17 characters
		{"91110108551385082I", false, ""}, // I is never a check character
		{"", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := CheckCreditCode(tt.in)
			if tt.ok != (err == nil) {
				t.Fatalf("got %v; want ok=%v", err, tt.ok)
			}
			if tt.ok && (c.Registrar != tt.registrar || len(c.OrgCode) != 9) {
				t.Errorf("got %+v", c)
			}
		})
	}
}

// creditOracle computes the GB 32100-2015 check character from the
// definition: weights 3^(i) mod 31, C18 = 31 − (Σ mod 31).
func creditOracle(body string) byte {
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditChars, body[i]) * w
		w = w * 3 % 31
	}
	return creditChars[(31-sum%31)%31]
}

func TestCreditComputedSamples(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 7))
	for i := 0; i < 500; i++ {
		var b strings.Builder
		b.WriteString("91")
		b.WriteString([]string{"110000", "310115", "440300", "330100"}[r.IntN(4)])
		for j := 0; j < 9; j++ {
			b.WriteByte(creditChars[r.IntN(len(creditChars))])
		}
		body := b.String()
		check := creditOracle(body)
		if _, err := CheckCreditCode(body + string(check)); err != nil {
			t.Fatalf("%s%c: %v", body, check, err)
		}
		other := creditChars[(strings.IndexByte(creditChars, check)+1+r.IntN(30))%31]
		if _, err := CheckCreditCode(body + string(other)); err == nil {
			t.Fatalf("%s%c passed with the wrong check character", body, other)
		}
	}
}

func FuzzCheckResident(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "440524188001010014", "x", "１１０１０５１９４９１２３１００２Ｘ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := CheckResident(s, now)
		if err != nil {
			return
		}
		if len(r.Number) != 18 || r.Number[17] != mod112(r.Number[:17]) {
			t.Errorf("%q passed as %q with a wrong check digit", s, r.Number)
		}
		if again, err := CheckResident(r.Number, now); err != nil || again != r {
			t.Errorf("normalised %q does not pass again: %v", r.Number, err)
		}
	})
}

func FuzzCheckCreditCode(f *testing.F) {
	for _, s := range []string{"914403001922038216", "91440300708461136T", "", "ＯＩＺＳＶ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := CheckCreditCode(s)
		if err != nil {
			return
		}
		if len(c.Number) != 18 || c.Number[17] != creditOracle(c.Number[:17]) {
			t.Errorf("%q passed as %q with a wrong check character", s, c.Number)
		}
	})
}

func BenchmarkCheckResident(b *testing.B) {
	for b.Loop() {
		_, _ = CheckResident("11010519491231002X", now)
	}
}
