package catalog

import (
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// TimelyWorkdays is the period of 条例第二十六条: an item is published
// within 20 working days of the day the information was formed or changed.
const TimelyWorkdays = 20

// CST is China Standard Time: a legal day is a day in Beijing.
var CST = time.FixedZone("CST", 8*3600)

// Timeliness is the 第二十六条 check of one item.
type Timeliness struct {
	Start     calendar.Date // formed_on, or changed_on when the item updates an earlier one
	Due       calendar.Date // the 20th working day after Start (the first day is not counted, regulation.md §7)
	Published calendar.Date // the legal day of publication; zero if not published
	Late      bool          // published after Due, or unpublished and Due has passed
	Days      int           // working days after Start until publication (or today)
}

// CheckTimeliness applies 条例第二十六条 to an item whose information was
// formed or changed on c.StartOn() and published at published (zero when
// not yet, when today decides). An item without a start date is never late.
func CheckTimeliness(cal *calendar.Calendar, c Content, published time.Time, today calendar.Date) Timeliness {
	t := Timeliness{Start: c.StartOn()}
	if t.Start.IsZero() {
		return t
	}
	t.Due = cal.AddWorkdays(t.Start, TimelyWorkdays)
	end := today
	if !published.IsZero() {
		t.Published = calendar.Of(published.In(CST))
		end = t.Published
	}
	if end.After(t.Start) {
		t.Days = cal.WorkdaysBetween(t.Start, end)
	}
	t.Late = end.After(t.Due)
	return t
}
