package calendar

import "github.com/6tail/lunar-go/HolidayUtil"

// lookupLunar asks lunar-go directly about one day; tests use it as an
// independent oracle for the map the package builds.
func lookupLunar(d Date) *HolidayUtil.Holiday {
	return HolidayUtil.GetHoliday(d.String())
}
