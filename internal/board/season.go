package board

import (
	"slices"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A Season is the season board of the reports on Year (published in
// Year+1): how many had been published by the end of each day from 1
// January to the last deadline (31 March), or later while reports keep
// coming (to 31 December at most), against the reports on Year−1 by the
// same day of the year before.
type Season struct {
	Year int
	// Owing counts the agencies that owe a report; OwingGov the 人民政府
	// among them (due 31 March; the others are due 31 January).
	Owing, OwingGov           int
	DeptDeadline, GovDeadline calendar.Date
	Today                     calendar.Date
	Days                      []SeasonDay
	// Published and PublishedLast count the reports on Year and Year−1
	// published so far (later ones included).
	Published, PublishedLast int
	// OnTimeDept and OnTimeGov count the reports on Year published by
	// their deadline: others by 31 January, 人民政府 by 31 March.
	OnTimeDept, OnTimeGov int
	// After counts the reports on Year published after the board's last
	// day (in Year+2 or later).
	After int
}

// A SeasonDay is one day of the board: the reports published that day
// and by its end (Total, counting those published before the season),
// for this season and for the same date of the season before. Future is
// true after today: this season has no number yet.
type SeasonDay struct {
	Day                calendar.Date
	New, Total         int
	NewLast, TotalLast int
	Future             bool
	Deadline, IsToday  bool
}

// seasonOf builds the board of year from the day counts.
func seasonOf(days []DayCount, ow owing, year int, today calendar.Date) Season {
	s := Season{Year: year, Owing: ow.gov + ow.other, OwingGov: ow.gov, Today: today,
		DeptDeadline: Deadline(false, year), GovDeadline: Deadline(true, year)}
	start := calendar.D(year+1, 1, 1)
	last := calendar.D(year+1, 12, 31)
	end := s.GovDeadline
	if !today.Before(start) {
		end = later(end, minDate(today, last))
	}
	this, prev := map[calendar.Date]int{}, map[calendar.Date]int{}
	for _, d := range days {
		switch d.Year {
		case year:
			s.Published += d.N
			if !d.Day.After(Deadline(d.Government, year)) {
				if d.Government {
					s.OnTimeGov += d.N
				} else {
					s.OnTimeDept += d.N
				}
			}
			if d.Day.After(last) {
				s.After += d.N
				continue
			}
			this[d.Day] += d.N
			end = later(end, d.Day)
		case year - 1:
			s.PublishedLast += d.N
			day := yearLater(d.Day)
			if day.After(last) {
				continue
			}
			prev[day] += d.N
			end = later(end, day)
		}
	}
	// Reports published before 1 January count from the first day.
	before, beforeLast := 0, 0
	for d, n := range this {
		if d.Before(start) {
			before += n
		}
	}
	for d, n := range prev {
		if d.Before(start) {
			beforeLast += n
		}
	}
	total, totalLast := before, beforeLast
	for d := start; !d.After(end); d = d.AddDays(1) {
		sd := SeasonDay{Day: d, New: this[d], NewLast: prev[d], Future: d.After(today), IsToday: d == today,
			Deadline: d == s.DeptDeadline || d == s.GovDeadline}
		total += sd.New
		totalLast += sd.NewLast
		sd.Total, sd.TotalLast = total, totalLast
		s.Days = append(s.Days, sd)
	}
	return s
}

// yearLater is the same month and day a year after d; 29 February goes to
// 1 March, so that the count by the end of 28 February is the year
// before's by the end of its 28 February.
func yearLater(d calendar.Date) calendar.Date {
	if d.Month() == 2 && d.Day() == 29 {
		return calendar.D(d.Year()+1, 3, 1)
	}
	return calendar.D(d.Year()+1, d.Month(), d.Day())
}

// TableDays are the days of the board worth a row of its table: those on
// which a report was published in either season, the deadlines and
// today. The counts stay as they are between them.
func (s Season) TableDays() []SeasonDay {
	return slices.DeleteFunc(slices.Clone(s.Days), func(d SeasonDay) bool {
		return d.New == 0 && d.NewLast == 0 && !d.Deadline && !d.IsToday
	})
}

func later(a, b calendar.Date) calendar.Date {
	if b.After(a) {
		return b
	}
	return a
}

func minDate(a, b calendar.Date) calendar.Date {
	if b.Before(a) {
		return b
	}
	return a
}
