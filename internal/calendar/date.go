package calendar

import (
	"errors"
	"fmt"
	"time"
)

// A Date is a civil date (year, month, day) with no time of day and no time
// zone: the unit in which the 条例 counts its periods. The zero Date means
// "no date" (IsZero); every other value is a day of the proleptic Gregorian
// calendar. Dates compare with ==, Before and After, and are usable as map keys.
type Date struct {
	n int32 // days since 0001-01-01, plus one; 0 = no date
}

// unixEpochDays is the number of days from 0001-01-01 to 1970-01-01.
const unixEpochDays = 719162

// minYear and maxYear bound the dates gongkai accepts; far outside them
// a date is a typing error, not a legal period.
const (
	minYear = 1800
	maxYear = 2200
)

// D returns the Date for year, month and day. Out-of-range months and days
// are normalised the way time.Date does (D(2026, 2, 30) is 2026-03-02).
func D(year int, month time.Month, day int) Date {
	return Of(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// Of returns the civil date of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	return Date{n: int32(u/86400) + unixEpochDays + 1}
}

// ErrBadDate is wrapped by Parse for text that is not a YYYY-MM-DD date.
var ErrBadDate = errors.New("not a date")

// Parse reads a date written YYYY-MM-DD (ISO 8601). Years outside
// 1800–2200 are rejected as typing errors.
func Parse(s string) (Date, error) {
	if d, ok := parseISO(s); ok {
		return d, nil
	}
	if len(s) != 10 {
		return Date{}, fmt.Errorf("calendar: parse %q: %w (want YYYY-MM-DD)", s, ErrBadDate)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("calendar: parse %q: %w (want YYYY-MM-DD)", s, ErrBadDate)
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return Date{}, fmt.Errorf("calendar: parse %q: %w (year outside %d–%d)", s, ErrBadDate, minYear, maxYear)
	}
	return Of(t), nil
}

// ParseBytes is Parse of b, without making a string of it first (for
// the stored dates a database read returns as bytes).
func ParseBytes(b []byte) (Date, error) {
	if d, ok := parseISO(b); ok {
		return d, nil
	}
	return Parse(string(b))
}

// parseISO is Parse's fast path: s is exactly YYYY-MM-DD, a day of the
// month, in the years accepted; anything else is left to time.Parse,
// which gives the same date or the error.
func parseISO[T string | []byte](s T) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	n := 0
	for i, c := range []byte(s) {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	y, m, d := n/10000, time.Month(n/100%100), n%100
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, false
	}
	return D(y, m, d), true
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// MustParse is Parse for constants in tests and tables; it panics on bad input.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.n == 0 }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	return time.Unix(int64(d.n-1-unixEpochDays)*86400, 0).UTC()
}

// Year returns d's year.
func (d Date) Year() int { return d.Time().Year() }

// Month returns d's month.
func (d Date) Month() time.Month { return d.Time().Month() }

// Day returns d's day of the month.
func (d Date) Day() int { return d.Time().Day() }

// Weekday returns d's day of the week (0001-01-01 was a Monday).
func (d Date) Weekday() time.Weekday {
	return time.Weekday((int(d.n-1)%7 + 7 + 1) % 7)
}

// IsWeekend reports whether d is a Saturday or a Sunday.
func (d Date) IsWeekend() bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}

// AddDays returns the date n calendar days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return Date{n: d.n + int32(n)} }

// Sub returns the number of calendar days from e to d.
func (d Date) Sub(e Date) int { return int(d.n - e.n) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.n > e.n }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Chinese returns d as 2026年2月14日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	t := d.Time()
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// weekdayZh holds the Chinese names of the days of the week.
var weekdayZh = [7]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// WeekdayZh returns d's day of the week in Chinese (星期一 …).
func (d Date) WeekdayZh() string { return weekdayZh[d.Weekday()] }

// MarshalText writes d as YYYY-MM-DD (empty for the zero Date), so Dates
// travel through JSON, forms and database text columns unchanged.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
