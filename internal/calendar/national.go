package calendar

import (
	"sync"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// A national entry is one day of a State Council 放假安排 notice: a day off
// (Off) or a make-up working day (调休上班), with the holiday it belongs to
// and the year of the notice (its target holiday's year).
type nationalDay struct {
	name       string
	off        bool
	noticeYear int
}

// national is the State Council data, loaded once from lunar-go.
type nationalData struct {
	days    map[Date]nationalDay
	covered map[int]bool // notice years present in the data
	first   int          // first and last covered notice years
	last    int
}

// lunarFirstYear and lunarScanTo bound the scan of lunar-go's table; it
// starts with the 2002 notice (2001-12-29) and v1.4.7 ends with 2027.
const (
	lunarFirstYear = 2001
	lunarScanTo    = 2100
)

// loadNational reads every entry of lunar-go's HolidayUtil table into a map.
// lunar-go stores each day with its target holiday (the notice's holiday),
// so a 元旦 day in late December belongs to the next year's notice
// (2022-12-31 → 2023 notice), which is how holiday-cn keys its files too.
var loadNational = sync.OnceValue(func() *nationalData {
	n := &nationalData{days: make(map[Date]nationalDay, 1024), covered: map[int]bool{}}
	for y := lunarFirstYear; y <= lunarScanTo; y++ {
		for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			d, err := Parse(h.GetDay())
			if err != nil {
				continue
			}
			target, err := Parse(h.GetTarget())
			if err != nil {
				continue
			}
			ty := target.Year()
			n.days[d] = nationalDay{name: normaliseName(h.GetName()), off: !h.IsWork(), noticeYear: ty}
			n.covered[ty] = true
			if n.first == 0 || ty < n.first {
				n.first = ty
			}
			if ty > n.last {
				n.last = ty
			}
		}
	}
	return n
})

// displayNames maps lunar-go's names to the ones the State Council
// notices print; names not listed are kept as they are.
var displayNames = map[string]string{
	"元旦节":  "元旦",
	"国庆中秋": "中秋节、国庆节",
}

// normaliseName returns the notice's name for a lunar-go holiday name.
func normaliseName(s string) string {
	if v, ok := displayNames[s]; ok {
		return v
	}
	return s
}

// namesEn holds English names of the national holidays.
var namesEn = map[string]string{
	"元旦":      "New Year's Day",
	"春节":      "Spring Festival",
	"清明节":     "Qingming Festival",
	"劳动节":     "Labour Day",
	"端午节":     "Dragon Boat Festival",
	"中秋节":     "Mid-Autumn Festival",
	"国庆节":     "National Day",
	"中秋节、国庆节": "Mid-Autumn Festival and National Day",
	"抗战胜利日":   "Victory Day",
}

// NameEn returns the English name of a national holiday, or name itself
// when it has none (a local override's reason, for instance).
func NameEn(name string) string {
	if v, ok := namesEn[name]; ok {
		return v
	}
	return name
}
