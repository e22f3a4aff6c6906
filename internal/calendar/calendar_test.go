package calendar

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

func TestDateBasics(t *testing.T) {
	d := MustParse("2026-02-14")
	if d.Weekday() != time.Saturday || d.WeekdayZh() != "星期六" || !d.IsWeekend() {
		t.Errorf("2026-02-14: got %v %s weekend=%v; want Saturday 星期六 true", d.Weekday(), d.WeekdayZh(), d.IsWeekend())
	}
	if got := d.AddDays(17).String(); got != "2026-03-03" {
		t.Errorf("AddDays(17): got %s; want 2026-03-03", got)
	}
	if got := D(2026, 2, 30); got != MustParse("2026-03-02") {
		t.Errorf("D(2026,2,30): got %s; want 2026-03-02", got)
	}
	if d.Chinese() != "2026年2月14日" {
		t.Errorf("Chinese: got %s", d.Chinese())
	}
	var zero Date
	if !zero.IsZero() || zero.String() != "" || d.IsZero() {
		t.Errorf("zero Date: IsZero %v String %q", zero.IsZero(), zero.String())
	}
	b, err := json.Marshal(struct{ D Date }{d})
	if err != nil || string(b) != `{"D":"2026-02-14"}` {
		t.Errorf("json: got %s %v", b, err)
	}
	var back struct{ D Date }
	if err := json.Unmarshal(b, &back); err != nil || back.D != d {
		t.Errorf("json round trip: got %v %v", back.D, err)
	}
	// Weekday agrees with the time package over a long range.
	for x := D(1899, 12, 25); x.Before(D(2101, 1, 10)); x = x.AddDays(1) {
		if x.Weekday() != x.Time().Weekday() {
			t.Fatalf("%s: Weekday %v; time says %v", x, x.Weekday(), x.Time().Weekday())
		}
	}
}

func TestParse(t *testing.T) {
	bad := []string{"", "2026-2-14", "2026/02/14", "2026-02-30", "20260214", "1700-01-01", "2026-02-14T00:00", "２０２６-02-14"}
	for _, s := range bad {
		if _, err := Parse(s); !errors.Is(err, ErrBadDate) {
			t.Errorf("Parse(%q): got %v; want ErrBadDate", s, err)
		}
	}
	if d, err := Parse("2024-02-29"); err != nil || d.String() != "2024-02-29" {
		t.Errorf("Parse(2024-02-29): got %v %v", d, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2026-02-14", "2024-02-29", "0000-00-00", "9999-12-31", "2026-13-01", "2100-02-29", "2000-02-29",
		"1800-01-01", "2200-12-31", "1799-12-31", "2023-04-31", "2023-00-10", "2023-01-00", "+023-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if b, errB := ParseBytes([]byte(s)); b != d || (errB == nil) != (err == nil) {
			t.Errorf("ParseBytes(%q) = %v, %v; Parse %v, %v", s, b, errB, d, err)
		}
		// The fast path gives what time.Parse gives, or leaves s to it.
		if fast, ok := parseISO(s); ok {
			tm, errT := time.Parse(time.DateOnly, s)
			if errT != nil || fast != Of(tm) {
				t.Errorf("parseISO(%q) = %v; time.Parse %v, %v", s, fast, tm, errT)
			}
		}
		if err != nil {
			return
		}
		if d.String() != s {
			t.Errorf("Parse(%q).String() = %q", s, d.String())
		}
	})
}

func TestAddWorkdays(t *testing.T) {
	cal := National()
	tests := []struct {
		start string
		n     int
		want  string
	}{
		{"2026-03-02", 0, "2026-03-02"},  // same day
		{"2026-03-02", 1, "2026-03-03"},  // first day not counted
		{"2026-03-06", 1, "2026-03-09"},  // Friday → Monday
		{"2026-03-02", 20, "2026-03-30"}, // four plain weeks
		{"2026-02-13", 1, "2026-02-14"},  // Saturday make-up day counts
		{"2026-02-13", 2, "2026-02-24"},  // then 春节 2-15..2-23
		{"2026-09-30", 1, "2026-10-08"},  // 国庆 10-01..10-07
		{"2026-09-30", 2, "2026-10-09"},
		{"2026-09-30", 3, "2026-10-10"}, // Saturday make-up day
		{"2022-12-30", 1, "2023-01-03"}, // 元旦 2022-12-31..2023-01-02
		{"2026-03-30", -20, "2026-03-02"},
		{"2026-02-24", -1, "2026-02-14"},
	}
	for _, tt := range tests {
		got := cal.AddWorkdays(MustParse(tt.start), tt.n)
		if got.String() != tt.want {
			t.Errorf("AddWorkdays(%s, %d): got %s; want %s", tt.start, tt.n, got, tt.want)
		}
	}
}

// TestAddWorkdaysInverse checks AddWorkdays against WorkdaysBetween.
func TestAddWorkdaysInverse(t *testing.T) {
	cal := National()
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		start := D(2019, 1, 1).AddDays(r.IntN(365 * 9))
		n := r.IntN(60)
		due := cal.AddWorkdays(start, n)
		if got := cal.WorkdaysBetween(start, due); got != n {
			t.Fatalf("WorkdaysBetween(%s, AddWorkdays(%s, %d)=%s) = %d", start, start, n, due, got)
		}
		if n > 0 && !cal.IsWorkday(due) {
			t.Fatalf("AddWorkdays(%s, %d) = %s is not a working day", start, n, due)
		}
		if got := cal.AddWorkdays(due, -n); n > 0 && cal.IsWorkday(start) && got != start {
			t.Fatalf("AddWorkdays(%s, -%d) = %s; want %s", due, n, got, start)
		}
	}
}

func TestOverrides(t *testing.T) {
	var o Overrides
	if err := o.Close(MustParse("2026-03-04"), "台风停止办公"); err != nil {
		t.Fatal(err)
	}
	if err := o.Open(MustParse("2026-03-07"), "集中办理积压申请"); err != nil {
		t.Fatal(err)
	}
	if err := o.Close(MustParse("2026-03-05"), "  "); !errors.Is(err, ErrOverride) {
		t.Errorf("Close with blank reason: got %v; want ErrOverride", err)
	}
	cal := New(&o)
	o.Remove(MustParse("2026-03-04")) // the calendar keeps its copy
	if cal.IsWorkday(MustParse("2026-03-04")) || !cal.IsWorkday(MustParse("2026-03-07")) {
		t.Errorf("overrides not applied")
	}
	if day := cal.Day(MustParse("2026-03-04")); day.Kind != LocalClosure || day.Name != "台风停止办公" {
		t.Errorf("Day(closure): got %v %q", day.Kind, day.Name)
	}
	// 2026-03-02 + 5: 03-03, (04 closed), 05, 06, 07 (opened), 09.
	if got := cal.AddWorkdays(MustParse("2026-03-02"), 5); got.String() != "2026-03-09" {
		t.Errorf("AddWorkdays with overrides: got %s; want 2026-03-09", got)
	}
	notable := cal.Notable(MustParse("2026-03-01"), MustParse("2026-03-10"))
	if len(notable) != 2 || notable[0].Kind != LocalClosure || notable[1].Kind != LocalOpening {
		t.Errorf("Notable: got %+v", notable)
	}
	if got := cal.Overrides().Len(); got != 2 {
		t.Errorf("Overrides().Len() = %d; want 2", got)
	}
	if National().IsWorkday(MustParse("2026-03-07")) {
		t.Errorf("National calendar sees a local opening")
	}
}

func TestUncovered(t *testing.T) {
	cal := National()
	tests := []struct {
		from, to string
		want     []int
	}{
		{"2026-11-01", "2026-12-31", nil},
		{"2027-11-01", "2027-12-31", []int{2028}},
		{"2027-12-01", "2028-02-01", []int{2028}},
		{"2001-06-01", "2002-01-10", []int{2001}},
	}
	for _, tt := range tests {
		got := cal.Uncovered(MustParse(tt.from), MustParse(tt.to))
		if len(got) != len(tt.want) || (len(got) > 0 && got[0] != tt.want[0]) {
			t.Errorf("Uncovered(%s, %s) = %v; want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func BenchmarkAddWorkdays20(b *testing.B) {
	cal := National()
	start := MustParse("2026-02-10")
	for b.Loop() {
		cal.AddWorkdays(start, 20)
	}
}

func BenchmarkAddWorkdays20Overrides(b *testing.B) {
	var o Overrides
	_ = o.Close(MustParse("2026-03-04"), "台风")
	cal := New(&o)
	start := MustParse("2026-02-10")
	for b.Loop() {
		cal.AddWorkdays(start, 20)
	}
}
