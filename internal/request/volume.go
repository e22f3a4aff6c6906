package request

import (
	"fmt"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A VolumeThreshold is when an applicant's requests look "明显超过合理范围"
// (条例第三十五条). It only flags a request for staff to look at: the
// agency may then ask the applicant for reasons; the system never rejects.
// A zero field disables that check.
type VolumeThreshold struct {
	PerMonth int // requests in the calendar month of the new one, itself included
	PerYear  int // requests in the 365 days up to the new one, itself included
}

// DefaultVolumeThreshold flags the 11th request in a calendar month (where
// 办法第四条 stops being free) and the 51st in a year. Agencies configure
// their own.
var DefaultVolumeThreshold = VolumeThreshold{PerMonth: 10, PerYear: 50}

// A VolumeFlag says why a request was flagged under 第三十五条.
type VolumeFlag struct {
	Month, Year int // the counts found
	Zh          string
}

// CheckVolume counts the applicant's earlier requests (their receipt
// dates) with the new one received on d, and returns a flag when a
// threshold is exceeded, or nil.
func CheckVolume(th VolumeThreshold, earlier []calendar.Date, d calendar.Date) *VolumeFlag {
	month, year := 1, 1
	for _, e := range earlier {
		if e.After(d) {
			continue
		}
		if e.Year() == d.Year() && e.Month() == d.Month() {
			month++
		}
		if d.Sub(e) < 365 {
			year++
		}
	}
	var why []string
	if th.PerMonth > 0 && month > th.PerMonth {
		why = append(why, fmt.Sprintf("本自然月第 %d 件（阈值 %d）", month, th.PerMonth))
	}
	if th.PerYear > 0 && year > th.PerYear {
		why = append(why, fmt.Sprintf("近一年第 %d 件（阈值 %d）", year, th.PerYear))
	}
	if len(why) == 0 {
		return nil
	}
	s := "申请数量可能明显超过合理范围："
	for i, w := range why {
		if i > 0 {
			s += "，"
		}
		s += w
	}
	s += "。请承办人审查；如需要，可要求申请人说明理由（条例第三十五条）。系统不会自动拒绝。"
	return &VolumeFlag{Month: month, Year: year, Zh: s}
}
