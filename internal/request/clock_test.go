package request

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
	"github.com/gongkai/gongkai/internal/calendar"
)

var md = calendar.MustParse

// TestDueHolidays covers every 春节 and 国庆 of 2022–2026 with their make-up
// days, and pauses, corrections and extensions around them. The expected
// dates were computed by a separate day walk over the table of
// regulation.md §5 (not over lunar-go).
func TestDueHolidays(t *testing.T) {
	tests := []struct {
		name     string
		clock    Clock
		want     string
		mentions []string // substrings the explanation must contain
	}{
		{"2022 春节", Clock{Received: md("2022-01-28")}, "2022-03-02",
			[]string{"2022-01-29（星期六）春节调休上班，计为第 1 个工作日", "2022-01-30（星期日）春节调休上班，计为第 2 个工作日", "2022-01-31 至 2022-02-06 春节放假"}},
		{"2022 国庆", Clock{Received: md("2022-09-30")}, "2022-11-02",
			[]string{"2022-10-01 至 2022-10-07 国庆节放假", "2022-10-08（星期六）国庆节调休上班，计为第 1 个工作日", "2022-10-09（星期日）国庆节调休上班，计为第 2 个工作日"}},
		{"2023 春节", Clock{Received: md("2023-01-20")}, "2023-02-22",
			[]string{"2023-01-21 至 2023-01-27 春节放假", "2023-01-28（星期六）春节调休上班，计为第 1 个工作日", "2023-01-29（星期日）春节调休上班，计为第 2 个工作日"}},
		{"2023 中秋国庆", Clock{Received: md("2023-09-28")}, "2023-11-01",
			[]string{"2023-10-07（星期六）", "2023-10-08（星期日）", "国庆"}},
		{"2024 春节", Clock{Received: md("2024-02-02")}, "2024-03-06",
			[]string{"2024-02-04（星期日）春节调休上班，计为第 1 个工作日", "2024-02-10 至 2024-02-17 春节放假", "2024-02-18（星期日）春节调休上班，计为第 7 个工作日"}},
		{"2024 国庆", Clock{Received: md("2024-09-27")}, "2024-10-30",
			[]string{"2024-09-29（星期日）国庆节调休上班，计为第 1 个工作日", "2024-10-01 至 2024-10-07 国庆节放假", "2024-10-12（星期六）国庆节调休上班，计为第 7 个工作日"}},
		{"2025 春节", Clock{Received: md("2025-01-24")}, "2025-02-27",
			[]string{"2025-01-26（星期日）春节调休上班，计为第 1 个工作日", "2025-01-28 至 2025-02-04 春节放假（8 天，其中 6 天为星期一至星期五）", "2025-02-08（星期六）春节调休上班"}},
		{"2025 国庆中秋", Clock{Received: md("2025-09-26")}, "2025-10-30",
			[]string{"2025-09-28（星期日）", "2025-10-01 至 2025-10-08 中秋节、国庆节放假", "2025-10-11（星期六）"}},
		{"2026 春节", Clock{Received: md("2026-02-13")}, "2026-03-19",
			[]string{"2026-02-14（星期六）春节调休上班，计为第 1 个工作日", "2026-02-15 至 2026-02-23 春节放假（9 天", "2026-02-28（星期六）春节调休上班，计为第 6 个工作日"}},
		{"2026 国庆", Clock{Received: md("2026-09-18")}, "2026-10-22",
			[]string{"2026-09-20（星期日）国庆节调休上班，计为第 1 个工作日", "2026-09-25 至 2026-09-27 中秋节放假", "2026-10-01 至 2026-10-07 国庆节放假", "2026-10-10（星期六）"}},
		{"2022 春节 extended", Clock{Received: md("2022-01-28"), Extension: 20}, "2022-03-30",
			[]string{"延长答复期限 20 个工作日", "第 40 个工作日"}},
		{"2026 春节 extended", Clock{Received: md("2026-02-13"), Extension: 20}, "2026-04-17",
			[]string{"2026-04-04 至 2026-04-06 清明节放假"}},
		{"2025 国庆 extended 10", Clock{Received: md("2025-09-26"), Extension: 10}, "2025-11-13", nil},
		{"2026 春节 third party", Clock{Received: md("2026-02-02"),
			Pauses: []Pause{{Kind: PauseThirdParty, From: md("2026-02-05"), To: md("2026-03-02")}}}, "2026-03-25",
			[]string{"2026-02-05 至 2026-03-02 征求第三方意见", "期间 13 个工作日不计入"}},
		{"2026 春节 third party capped", Clock{Received: md("2026-02-02"),
			Pauses: []Pause{{Kind: PauseThirdParty, From: md("2026-02-05"), To: md("2026-04-30")}}}, "2026-03-27",
			[]string{"期间 15 个工作日不计入", "超过 15 个工作日的部分"}},
		{"2024 国庆 other agency + extension", Clock{Received: md("2024-09-20"), Extension: 20,
			Pauses: []Pause{{Kind: PauseOtherAgency, From: md("2024-09-25"), To: md("2024-10-15")}}}, "2024-12-05",
			[]string{"征求其他行政机关意见", "第 40 个工作日"}},
		{"2025 春节 fee", Clock{Received: md("2025-01-10"),
			Pauses: []Pause{{Kind: PauseFee, From: md("2025-01-15"), To: md("2025-02-10")}}}, "2025-03-05",
			[]string{"收费通知至缴费"}},
		{"2023 国庆 correction", Clock{Received: md("2023-09-15"), Corrected: md("2023-09-27")}, "2023-10-31",
			[]string{"收到补正后的申请，答复期限自该日重新起算（条例第三十条）", "起算日 2023-09-27"}},
		{"2023 国庆 correction, pause, extension", Clock{Received: md("2023-09-15"), Corrected: md("2023-09-27"), Extension: 5,
			Pauses: []Pause{{Kind: PauseThirdParty, From: md("2023-10-09"), To: md("2023-10-20")}}}, "2023-11-20", nil},
		{"2022 国庆 overlapping pauses", Clock{Received: md("2022-09-26"), Pauses: []Pause{
			{Kind: PauseThirdParty, From: md("2022-09-28"), To: md("2022-10-12")},
			{Kind: PauseOtherAgency, From: md("2022-10-10"), To: md("2022-10-20")}}}, "2022-11-15",
			[]string{"不重复扣除"}},
		{"2026 pause after due", Clock{Received: md("2026-09-18"),
			Pauses: []Pause{{Kind: PauseFee, From: md("2026-10-30"), To: md("2026-11-05")}}}, "2026-10-22",
			[]string{"开始于期限届满之后，不影响期限"}},
		{"2026 short period", Clock{Received: md("2026-09-18"), Workdays: 5}, "2026-09-24", nil},
	}
	cal := calendar.National()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dl, err := Due(cal, tt.clock)
			if err != nil {
				t.Fatal(err)
			}
			if dl.Due.String() != tt.want {
				t.Errorf("due: got %s; want %s", dl.Due, tt.want)
			}
			text := joinZh(dl.Lines)
			for _, m := range tt.mentions {
				if !strings.Contains(text, m) {
					t.Errorf("explanation lacks %q:\n%s", m, text)
				}
			}
			if strings.Contains(text, "内部校验不一致") {
				t.Errorf("explanation reports an internal mismatch:\n%s", text)
			}
			last := dl.Lines[len(dl.Lines)-1]
			if last.Kind != LineDue || last.En == "" {
				t.Errorf("last line: got %+v; want the due line with English", last)
			}
		})
	}
}

func joinZh(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Zh)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestDueErrors(t *testing.T) {
	tests := []struct {
		clock Clock
		field string
	}{
		{Clock{}, "received"},
		{Clock{Received: md("2026-03-02"), Workdays: -1}, "workdays"},
		{Clock{Received: md("2026-03-02"), Extension: 21}, "extend"},
		{Clock{Received: md("2026-03-02"), Corrected: md("2026-03-01")}, "corrected"},
		{Clock{Received: md("2026-03-02"), Pauses: []Pause{{Kind: PauseFee, From: md("2026-03-05"), To: md("2026-03-04")}}}, "pause"},
		{Clock{Received: md("2026-03-02"), Pauses: []Pause{{Kind: PauseFee, From: md("2026-03-01"), To: md("2026-03-04")}}}, "pause"},
		{Clock{Received: md("2026-03-02"), Pauses: []Pause{{Kind: "holiday", From: md("2026-03-03"), To: md("2026-03-04")}}}, "pause"},
	}
	for _, tt := range tests {
		_, err := Due(calendar.National(), tt.clock)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tt.field || !strings.HasPrefix(fe.Key, "clock.") {
			t.Errorf("Due(%+v): got %v; want a FieldError on %s", tt.clock, err, tt.field)
		}
	}
}

func TestDueUncoveredWarning(t *testing.T) {
	dl, err := Due(calendar.National(), Clock{Received: md("2027-12-15")})
	if err != nil {
		t.Fatal(err)
	}
	if len(dl.Uncovered) != 1 || dl.Uncovered[0] != 2028 || !strings.Contains(joinZh(dl.Lines), "2028年的国务院节假日安排尚未收录") {
		t.Errorf("got uncovered %v, lines:\n%s", dl.Uncovered, joinZh(dl.Lines))
	}
}

// bruteWorkday is an oracle independent of package calendar: lunar-go asked
// day by day, else Monday–Friday.
func bruteWorkday(d time.Time) bool {
	if w, ok := bruteMemo[d]; ok {
		return w
	}
	w := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
	if h := HolidayUtil.GetHoliday(d.Format(time.DateOnly)); h != nil {
		w = h.IsWork()
	}
	bruteMemo[d] = w
	return w
}

// bruteMemo caches lunar-go's slow per-day answers within the test.
var bruteMemo = map[time.Time]bool{}

// bruteDue walks day by day: mark the paused days, then count.
func bruteDue(c Clock) time.Time {
	tm := func(d calendar.Date) time.Time { return d.Time() }
	start := tm(c.Received)
	if !c.Corrected.IsZero() {
		start = tm(c.Corrected)
	}
	n := c.Workdays
	if n == 0 {
		n = 20
	}
	removed := map[time.Time]bool{}
	for _, p := range c.Pauses {
		from, to := tm(p.From), tm(p.To)
		limit, k := from, p.Kind.Cap()
		for k > 0 {
			limit = limit.AddDate(0, 0, 1)
			if bruteWorkday(limit) {
				k--
			}
		}
		if limit.Before(to) {
			to = limit
		}
		if from.Before(start) {
			from = start
		}
		for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
			removed[d] = true
		}
	}
	d, left := start, n+c.Extension
	for left > 0 {
		d = d.AddDate(0, 0, 1)
		if bruteWorkday(d) && !removed[d] {
			left--
		}
	}
	return d
}

// TestDueAgreesWithBruteForce is the property test: for random receipts,
// periods, corrections, pauses and extensions, Due agrees with a plain day walk.
func TestDueAgreesWithBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2026))
	kinds := []PauseKind{PauseThirdParty, PauseOtherAgency, PauseFee}
	cal := calendar.National()
	n := 10000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		c := Clock{Received: calendar.D(2019, 1, 1).AddDays(r.IntN(365 * 9)), Workdays: r.IntN(30), Extension: r.IntN(21)}
		if r.IntN(4) == 0 {
			c.Corrected = c.Received.AddDays(r.IntN(30))
		}
		for j := r.IntN(4); j > 0; j-- {
			from := c.Received.AddDays(r.IntN(60))
			c.Pauses = append(c.Pauses, Pause{Kind: kinds[r.IntN(3)], From: from, To: from.AddDays(r.IntN(40))})
		}
		dl, err := Due(cal, c)
		if err != nil {
			t.Fatalf("Due(%+v): %v", c, err)
		}
		if d, err := DueDate(cal, c); err != nil || d != dl.Due {
			t.Fatalf("DueDate(%+v) = %s, %v; Due says %s", c, d, err, dl.Due)
		}
		if want := calendar.Of(bruteDue(c)); dl.Due != want {
			t.Fatalf("Due(%+v) = %s; brute force %s\n%s", c, dl.Due, want, joinZh(dl.Lines))
		}
		if strings.Contains(joinZh(dl.Lines), "内部校验不一致") {
			t.Fatalf("Due(%+v): internal mismatch\n%s", c, joinZh(dl.Lines))
		}
	}
}

func BenchmarkDue(b *testing.B) {
	cal := calendar.National()
	c := Clock{Received: md("2026-02-13"), Extension: 20,
		Pauses: []Pause{{Kind: PauseThirdParty, From: md("2026-03-02"), To: md("2026-03-20")}}}
	for b.Loop() {
		if _, err := Due(cal, c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDueDateOnly(b *testing.B) {
	cal := calendar.National()
	c := Clock{Received: md("2026-02-13"), Workdays: 20, Extension: 20,
		Pauses: []Pause{{Kind: PauseThirdParty, From: md("2026-03-02"), To: md("2026-03-20")}}}
	for b.Loop() {
		if _, err := DueDate(cal, c); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDueDelayedArticle35(t *testing.T) {
	cal := calendar.National()
	dl, err := Due(cal, Clock{Received: md("2026-03-02"), DelayedTo: md("2026-05-29")})
	if err != nil {
		t.Fatal(err)
	}
	text := joinZh(dl.Lines)
	if dl.Due != md("2026-05-29") || !dl.Delayed || !strings.Contains(text, "按条例第三十三条计算的期限：2026-03-30") ||
		!strings.Contains(text, "依条例第三十五条确定延迟答复的合理期限至 2026-05-29") || dl.Lines[len(dl.Lines)-1].Kind != LineDue {
		t.Errorf("due %s delayed %v:\n%s", dl.Due, dl.Delayed, text)
	}
	// A 第三十五条 date earlier than the computed one changes nothing.
	if d, _ := DueDate(cal, Clock{Received: md("2026-03-02"), DelayedTo: md("2026-03-10")}); d != md("2026-03-30") {
		t.Errorf("early DelayedTo: due %s; want 2026-03-30", d)
	}
	if _, err := Due(cal, Clock{Received: md("2026-03-02"), DelayedTo: md("2026-03-02")}); err == nil {
		t.Errorf("DelayedTo on the start day accepted")
	}
}

// TestDelayMovedByLaterPause: a consultation or fee pause that starts after
// the 第三十五条 date was set moves that date by its working days
// (条例第三十三条第三款); a pause before the delay does not.
func TestDelayMovedByLaterPause(t *testing.T) {
	cal := calendar.National()
	base := Clock{Received: md("2026-03-02"), DelayedTo: md("2026-05-29"), DelayedOn: md("2026-03-16")}
	tests := []struct {
		name   string
		pauses []Pause
		want   calendar.Date
	}{
		{"no pause", nil, md("2026-05-29")},
		{"pause after the delay", []Pause{{Kind: PauseThirdParty, From: md("2026-04-01"), To: md("2026-04-08")}},
			cal.AddWorkdays(md("2026-05-29"), cal.WorkdaysBetween(md("2026-04-01"), md("2026-04-08")))},
		{"pause before the delay", []Pause{{Kind: PauseThirdParty, From: md("2026-03-05"), To: md("2026-03-10")}}, md("2026-05-29")},
		{"pause after the delayed date", []Pause{{Kind: PauseFee, From: md("2026-06-01"), To: md("2026-06-05")}}, md("2026-05-29")},
		{"capped at 15 working days", []Pause{{Kind: PauseThirdParty, From: md("2026-04-01"), To: md("2026-05-20")}},
			cal.AddWorkdays(md("2026-05-29"), 15)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			c.Pauses = tt.pauses
			d, err := DueDate(cal, c)
			if err != nil {
				t.Fatal(err)
			}
			dl, err := Due(cal, c)
			if err != nil {
				t.Fatal(err)
			}
			if d != tt.want || dl.Due != tt.want || !dl.Delayed {
				t.Errorf("due %s / %s; want %s\n%s", d, dl.Due, tt.want, joinZh(dl.Lines))
			}
			if last := dl.Lines[len(dl.Lines)-1]; last.Date != tt.want {
				t.Errorf("last line %q; want the date %s", last.Zh, tt.want)
			}
		})
	}
}
