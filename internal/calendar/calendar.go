// Package calendar knows which days are working days (工作日) in mainland
// China: Monday to Friday, minus the days off of the State Council's annual
// 放假安排 notice, plus its make-up working days (调休上班), plus the local
// closures and openings an agency records. It counts periods the way
// regulation.md §7 fixes: the first day is not counted (《民法典》第二百零一条).
//
// The national data come from github.com/6tail/lunar-go (HolidayUtil),
// wrapped here so the rest of gongkai never sees it. For a year whose notice
// is not in the data the calendar counts ordinary weekdays only and says so
// (Covers, Uncovered).
package calendar

import (
	"sync"
	"time"
)

// A Kind says why a day is or is not a working day.
type Kind int

// The kinds of day.
const (
	Workday      Kind = iota // an ordinary Monday–Friday
	Weekend                  // an ordinary Saturday or Sunday
	Holiday                  // a day off of the State Council notice (放假)
	MakeUpDay                // a make-up working day of the notice (调休上班)
	LocalClosure             // closed by the agency (Overrides)
	LocalOpening             // opened by the agency (Overrides)
)

// Working reports whether days of kind k are working days.
func (k Kind) Working() bool {
	return k == Workday || k == MakeUpDay || k == LocalOpening
}

// String returns the kind's Chinese name.
func (k Kind) String() string {
	switch k {
	case Workday:
		return "工作日"
	case Weekend:
		return "周末"
	case Holiday:
		return "法定节假日"
	case MakeUpDay:
		return "调休上班"
	case LocalClosure:
		return "本机关停止办公"
	case LocalOpening:
		return "本机关增加工作日"
	}
	return "未知"
}

// A Day is one date with its kind and, for holidays, make-up days and
// overrides, the name of the holiday or the reason of the override.
type Day struct {
	Date    Date
	Kind    Kind
	Name    string // 春节, 国庆节 …; the reason for a local override
	Covered bool   // the national data cover this date (see Covers)
}

// Working reports whether the day is a working day.
func (d Day) Working() bool { return d.Kind.Working() }

// A Calendar answers working-day questions for one agency: the national
// data plus that agency's overrides. It is immutable and safe for
// concurrent use.
type Calendar struct {
	nat   *nationalData
	local map[Date]Override
}

// New returns a calendar of the national data with the given local
// overrides (nil for none). The overrides are copied.
func New(o *Overrides) *Calendar {
	return &Calendar{nat: loadNational(), local: o.clone()}
}

// national is the shared calendar without overrides, built on first use.
var national = sync.OnceValue(func() *Calendar { return New(nil) })

// National returns the shared calendar without local overrides.
func National() *Calendar { return national() }

// Overrides returns a copy of the calendar's local overrides.
func (c *Calendar) Overrides() *Overrides {
	s := &Overrides{}
	for _, o := range c.local {
		_ = s.Add(o)
	}
	return s
}

// Day classifies d. A local override wins over the national data, which
// win over the ordinary week.
func (c *Calendar) Day(d Date) Day {
	day := Day{Date: d, Covered: c.Covers(d)}
	if o, ok := c.local[d]; ok {
		day.Name = o.Reason
		day.Kind = LocalClosure
		if o.Open {
			day.Kind = LocalOpening
		}
		return day
	}
	if h, ok := c.nat.days[d]; ok {
		day.Name = h.name
		switch {
		case h.off:
			day.Kind = Holiday
			return day
		case d.IsWeekend():
			day.Kind = MakeUpDay
			return day
		}
		// A "working" entry on a weekday is an ordinary working day.
		day.Name = ""
	}
	if d.IsWeekend() {
		day.Kind = Weekend
	}
	return day
}

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Date) bool {
	if len(c.local) > 0 {
		if o, ok := c.local[d]; ok {
			return o.Open
		}
	}
	if h, ok := c.nat.days[d]; ok {
		return !h.off
	}
	return !d.IsWeekend()
}

// AddWorkdays returns the n-th working day after start (regulation.md §7:
// the start day itself is never counted, 《民法典》第二百零一条), so
// AddWorkdays(received, 20) is the reply due date of 条例第三十三条.
// n = 0 returns start; a negative n returns the |n|-th working day before start.
func (c *Calendar) AddWorkdays(start Date, n int) Date {
	d := start
	for n > 0 {
		d = d.AddDays(1)
		if c.IsWorkday(d) {
			n--
		}
	}
	for n < 0 {
		d = d.AddDays(-1)
		if c.IsWorkday(d) {
			n++
		}
	}
	return d
}

// WorkdaysBetween counts the working days after from up to and including
// to: the days a period that began on from has used by the end of to.
// It is negative when to is before from.
func (c *Calendar) WorkdaysBetween(from, to Date) int {
	if to.Before(from) {
		return -c.WorkdaysBetween(to, from)
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return n
}

// Notable returns the days after from up to and including to that are not
// ordinary weekdays or weekends: holidays, make-up days and local
// overrides, in date order. These are what an explanation has to mention.
func (c *Calendar) Notable(from, to Date) []Day {
	var out []Day
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		_, loc := c.local[d]
		_, nat := c.nat.days[d]
		if !loc && !nat {
			continue
		}
		if day := c.Day(d); day.Kind != Workday && day.Kind != Weekend {
			out = append(out, day)
		}
	}
	return out
}

// Covers reports whether the national data cover d: the State Council
// notice of d's year is present, and for a date from 20 December on, also
// the next year's notice (its 元旦 days and make-up days can fall in late
// December, as on 2018-12-29 and 2022-12-31).
func (c *Calendar) Covers(d Date) bool {
	t := d.Time()
	y := t.Year()
	if !c.nat.covered[y] {
		return false
	}
	if t.Month() == time.December && t.Day() >= 20 && !c.nat.covered[y+1] {
		return false
	}
	return true
}

// CoveredYears returns the first and last notice years in the data.
func (c *Calendar) CoveredYears() (first, last int) { return c.nat.first, c.nat.last }

// Uncovered returns, in order, the years of the dates after from up to and
// including to that the national data do not cover (see Covers); for those
// dates the calendar counts ordinary weekdays (and local overrides) only.
func (c *Calendar) Uncovered(from, to Date) []int {
	var years []int
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.Covers(d) {
			continue
		}
		y := d.Year()
		if d.Month() == time.December && c.nat.covered[y] {
			y++ // late December of a covered year: the next notice is missing
		}
		if len(years) == 0 || years[len(years)-1] != y {
			years = append(years, y)
		}
	}
	return years
}
