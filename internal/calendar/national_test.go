package calendar

import (
	"strings"
	"testing"
)

// notice is one row of regulation.md §5: the off ranges and make-up days of
// one State Council 放假安排 notice, as published (holiday-cn snapshot).
type notice struct {
	year   int
	off    [][2]string // inclusive ranges; a one-day holiday has from == to
	makeUp []string
}

// section5 is the table of regulation.md §5, 2019–2026, transcribed.
var section5 = []notice{
	{2019, [][2]string{{"2018-12-30", "2019-01-01"}, {"2019-02-04", "2019-02-10"}, {"2019-04-05", "2019-04-05"}, {"2019-05-01", "2019-05-04"}, {"2019-06-07", "2019-06-07"}, {"2019-09-13", "2019-09-13"}, {"2019-10-01", "2019-10-07"}},
		[]string{"2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05", "2019-09-29", "2019-10-12"}},
	{2020, [][2]string{{"2020-01-01", "2020-01-01"}, {"2020-01-24", "2020-02-02"}, {"2020-04-04", "2020-04-06"}, {"2020-05-01", "2020-05-05"}, {"2020-06-25", "2020-06-27"}, {"2020-10-01", "2020-10-08"}},
		[]string{"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"}},
	{2021, [][2]string{{"2021-01-01", "2021-01-03"}, {"2021-02-11", "2021-02-17"}, {"2021-04-03", "2021-04-05"}, {"2021-05-01", "2021-05-05"}, {"2021-06-12", "2021-06-14"}, {"2021-09-19", "2021-09-21"}, {"2021-10-01", "2021-10-07"}},
		[]string{"2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09"}},
	{2022, [][2]string{{"2022-01-01", "2022-01-03"}, {"2022-01-31", "2022-02-06"}, {"2022-04-03", "2022-04-05"}, {"2022-04-30", "2022-05-04"}, {"2022-06-03", "2022-06-05"}, {"2022-09-10", "2022-09-12"}, {"2022-10-01", "2022-10-07"}},
		[]string{"2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09"}},
	{2023, [][2]string{{"2022-12-31", "2023-01-02"}, {"2023-01-21", "2023-01-27"}, {"2023-04-05", "2023-04-05"}, {"2023-04-29", "2023-05-03"}, {"2023-06-22", "2023-06-24"}, {"2023-09-29", "2023-10-06"}},
		[]string{"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"}},
	{2024, [][2]string{{"2024-01-01", "2024-01-01"}, {"2024-02-10", "2024-02-17"}, {"2024-04-04", "2024-04-06"}, {"2024-05-01", "2024-05-05"}, {"2024-06-10", "2024-06-10"}, {"2024-09-15", "2024-09-17"}, {"2024-10-01", "2024-10-07"}},
		[]string{"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"}},
	{2025, [][2]string{{"2025-01-01", "2025-01-01"}, {"2025-01-28", "2025-02-04"}, {"2025-04-04", "2025-04-06"}, {"2025-05-01", "2025-05-05"}, {"2025-05-31", "2025-06-02"}, {"2025-10-01", "2025-10-08"}},
		[]string{"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}},
	{2026, [][2]string{{"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"}, {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"}, {"2026-10-01", "2026-10-07"}},
		[]string{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}},
}

// TestNationalMatchesSection5 checks lunar-go's data against every off day
// and make-up day of regulation.md §5, and the converse: every entry of
// lunar-go for those notices is in the table (or is a weekend day off,
// which holiday-cn leaves out and lunar-go sometimes lists).
func TestNationalMatchesSection5(t *testing.T) {
	cal := National()
	for _, n := range section5 {
		offs := map[Date]bool{}
		for _, r := range n.off {
			from, to := MustParse(r[0]), MustParse(r[1])
			for d := from; !d.After(to); d = d.AddDays(1) {
				offs[d] = true
				day := cal.Day(d)
				if day.Kind != Holiday || cal.IsWorkday(d) {
					t.Errorf("%d notice: %s: got %v %q; want 法定节假日", n.year, d, day.Kind, day.Name)
				}
				if day.Name == "" {
					t.Errorf("%d notice: %s: holiday has no name", n.year, d)
				}
				if !day.Covered {
					t.Errorf("%d notice: %s: not covered", n.year, d)
				}
			}
		}
		makeUps := map[Date]bool{}
		for _, s := range n.makeUp {
			d := MustParse(s)
			makeUps[d] = true
			if day := cal.Day(d); day.Kind != MakeUpDay || !cal.IsWorkday(d) || day.Name == "" {
				t.Errorf("%d notice: %s: got %v %q; want 调休上班 with a name", n.year, d, day.Kind, day.Name)
			}
		}
		for d, h := range cal.nat.days {
			if h.noticeYear != n.year {
				continue
			}
			switch {
			case h.off && !offs[d] && !d.IsWeekend():
				t.Errorf("%d notice: lunar-go has weekday day off %s (%s) not in §5", n.year, d, h.name)
			case !h.off && !makeUps[d]:
				t.Errorf("%d notice: lunar-go has make-up day %s (%s) not in §5", n.year, d, h.name)
			}
		}
	}
}

// TestNoticeYearQuirk checks days that belong to the next year's notice.
func TestNoticeYearQuirk(t *testing.T) {
	cal := National()
	tests := []struct {
		date    string
		kind    Kind
		name    string
		working bool
	}{
		{"2018-12-29", MakeUpDay, "元旦", true}, // Saturday, 2019 notice
		{"2018-12-30", Holiday, "元旦", false},
		{"2018-12-31", Holiday, "元旦", false}, // Monday off
		{"2022-12-31", Holiday, "元旦", false}, // Saturday, 2023 notice
		{"2023-01-02", Holiday, "元旦", false}, // Monday off
		{"2023-01-03", Workday, "", true},
		{"2025-10-08", Holiday, "中秋节、国庆节", false},
		{"2026-02-23", Holiday, "春节", false},
		{"2026-02-24", Workday, "", true},
		{"2026-02-28", MakeUpDay, "春节", true},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			day := cal.Day(MustParse(tt.date))
			if day.Kind != tt.kind || day.Name != tt.name || day.Working() != tt.working {
				t.Errorf("got %v %q working=%v; want %v %q working=%v", day.Kind, day.Name, day.Working(), tt.kind, tt.name, tt.working)
			}
		})
	}
}

// TestNationalPerDayAgreesWithLunar checks that the map built from
// GetHolidaysByYear has exactly the entries a per-day lookup finds, so no
// entry is lost if lunar-go's table is not sorted.
func TestNationalPerDayAgreesWithLunar(t *testing.T) {
	cal := National()
	first, last := cal.CoveredYears()
	if first != 2002 || last < 2027 {
		t.Fatalf("covered years %d–%d; want 2002–2027 or later", first, last)
	}
	for d := D(2001, 12, 1); d.Year() <= last; d = d.AddDays(1) {
		_, inMap := cal.nat.days[d]
		h := lookupLunar(d)
		if inMap != (h != nil) {
			t.Errorf("%s: in map %v; per-day lookup %v", d, inMap, h)
		}
	}
}

func TestYear2027Present(t *testing.T) {
	cal := National()
	n := 0
	for d, h := range cal.nat.days {
		if d.Year() == 2027 && h.off && strings.Contains(h.name, "春节") {
			n++
		}
	}
	if n < 7 {
		t.Errorf("2027 春节 days off in data: %d; want ≥ 7", n)
	}
	if !cal.Covers(D(2027, 6, 1)) || cal.Covers(D(2028, 3, 1)) || cal.Covers(D(2027, 12, 28)) {
		t.Errorf("Covers: 2027-06-01 %v, 2028-03-01 %v, 2027-12-28 %v; want true, false, false",
			cal.Covers(D(2027, 6, 1)), cal.Covers(D(2028, 3, 1)), cal.Covers(D(2027, 12, 28)))
	}
}
