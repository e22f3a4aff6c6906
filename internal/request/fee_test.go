package request

import (
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

func TestPerRequestFees(t *testing.T) {
	tests := []struct{ n, rate int }{
		{1, 0}, {10, 0}, {11, 100}, {30, 100}, {31, 200}, {40, 200}, {41, 300}, {50, 300}, {51, 400}, {100, 800},
	}
	for _, tt := range tests {
		if got := PerRequestRate(tt.n); got != tt.rate {
			t.Errorf("PerRequestRate(%d) = %d; want %d", tt.n, got, tt.rate)
		}
	}
	totals := []struct{ count, yuan int }{{0, 0}, {10, 0}, {11, 100}, {30, 2000}, {35, 3000}, {40, 4000}, {45, 5500}}
	for _, tt := range totals {
		if got := PerRequestTotal(tt.count); got != tt.yuan {
			t.Errorf("PerRequestTotal(%d) = %d; want %d", tt.count, got, tt.yuan)
		}
	}
}

// TestThirtyFiveInOneMonth is the worked example of regulation.md §3:
// 35 applications in a month cost 20×100 + 5×200 = 3,000元, charged per
// request by its ordinal in order of receipt.
func TestThirtyFiveInOneMonth(t *testing.T) {
	var received []calendar.Date
	// Given out of order, plus two requests of other months that do not count.
	for i := 34; i >= 0; i-- {
		received = append(received, calendar.D(2026, 3, 1+i%28))
	}
	received = append(received, md("2026-02-27"), md("2026-04-01"))
	ords := MonthlyOrdinals(received)
	total, seen := 0, map[int]bool{}
	for i, n := range ords {
		if received[i].Month() != 3 {
			if n != 1 {
				t.Errorf("request on %s: ordinal %d; want 1", received[i], n)
			}
			continue
		}
		seen[n] = true
		total += QuotePerRequest(n).Yuan
	}
	if total != 3000 || len(seen) != 35 {
		t.Errorf("35 requests in March: total %d元 over %d ordinals; want 3000元 over 35", total, len(seen))
	}
	// Earlier receipt, lower ordinal.
	for i := range received {
		for j := range received {
			if received[i].Month() == received[j].Month() && received[i].Before(received[j]) && ords[i] >= ords[j] {
				t.Fatalf("%s has ordinal %d, later %s has %d", received[i], ords[i], received[j], ords[j])
			}
		}
	}
}

func TestPerPage(t *testing.T) {
	tests := []struct{ pages, yuan int }{
		{0, 0}, {30, 0}, {31, 10}, {100, 700}, {101, 720}, {150, 1700}, {200, 2700}, {201, 2740}, {250, 4700},
	}
	for _, tt := range tests {
		if got := QuotePerPage(tt.pages); got.Yuan != tt.yuan {
			t.Errorf("QuotePerPage(%d) = %d元; want %d元", tt.pages, got.Yuan, tt.yuan)
		}
	}
	q := QuotePerPage(150)
	if len(q.Bands) != 3 || q.Bands[1].Units != 70 || q.Bands[2].Units != 50 {
		t.Errorf("bands of 150 pages: %+v", q.Bands)
	}
	if want := "按量计收：共 150 页；第 1–30 页 30 页 × 0 元；第 31–100 页 70 页 × 10 元；第 101–150 页 50 页 × 20 元；合计 1700 元（《政府信息公开信息处理费管理办法》第五条）。"; q.Zh() != want {
		t.Errorf("Zh:\n got %s\nwant %s", q.Zh(), want)
	}
}

func TestVolume(t *testing.T) {
	var earlier []calendar.Date
	for i := 0; i < 10; i++ {
		earlier = append(earlier, calendar.D(2026, 3, 2+i))
	}
	if f := CheckVolume(DefaultVolumeThreshold, earlier[:9], md("2026-03-20")); f != nil {
		t.Errorf("10th request flagged: %+v", f)
	}
	f := CheckVolume(DefaultVolumeThreshold, earlier, md("2026-03-20"))
	if f == nil || f.Month != 11 || f.Zh == "" {
		t.Fatalf("11th request: got %+v; want a flag with month 11", f)
	}
	if f := CheckVolume(DefaultVolumeThreshold, earlier, md("2026-04-01")); f != nil {
		t.Errorf("first April request flagged: %+v", f)
	}
	if f := CheckVolume(VolumeThreshold{}, earlier, md("2026-03-20")); f != nil {
		t.Errorf("disabled threshold flagged: %+v", f)
	}
	var year []calendar.Date
	for i := 0; i < 50; i++ {
		year = append(year, md("2025-06-01").AddDays(i*7))
	}
	if f := CheckVolume(VolumeThreshold{PerYear: 50}, year, md("2026-05-20")); f == nil || f.Year != 51 {
		t.Errorf("51st in a year: got %+v", f)
	}
}

func TestLikelyRepeats(t *testing.T) {
	priors := []Prior{
		{ID: "2025-118", ApplicantKey: "A", Content: "申请公开：2025年本区老旧小区改造项目清单及资金安排", Outcome: Granted, Ended: md("2025-11-03")},
		{ID: "2025-119", ApplicantKey: "A", Content: "本区2024年度城市管理行政处罚案件数量", Outcome: Granted, Ended: md("2025-11-04")},
		{ID: "2025-120", ApplicantKey: "B", Content: "2025年本区老旧小区改造项目清单及资金安排", Outcome: Granted, Ended: md("2025-11-05")},
		{ID: "2026-003", ApplicantKey: "A", Content: "2025年本区老旧小区改造项目清单及资金安排", Outcome: Granted}, // not answered yet
	}
	got := LikelyRepeats("A", "请提供 2025 年本区老旧小区改造项目清单、资金安排。", priors, 0)
	if len(got) != 1 || got[0].Prior.ID != "2025-118" || got[0].Score < 0.8 {
		t.Fatalf("got %+v; want one match with 2025-118", got)
	}
	if got[0].Zh == "" || len(got[0].Shared) == 0 {
		t.Errorf("match lacks an explanation: %+v", got[0])
	}
	if s := Similarity("城市管理行政处罚案件", "老旧小区改造项目"); s > 0.1 {
		t.Errorf("unrelated texts similarity %.2f", s)
	}
	if s := Similarity("ＡＢＣ１２３", "abc123"); s != 1 {
		t.Errorf("full-width vs half-width similarity %.2f; want 1", s)
	}
}

func FuzzSimilarity(f *testing.F) {
	f.Add("2025年本区老旧小区改造项目清单", "老旧小区")
	f.Add("", "的的的")
	f.Fuzz(func(t *testing.T, a, b string) {
		s := Similarity(a, b)
		if s < 0 || s > 1 || s != Similarity(b, a) {
			t.Errorf("Similarity(%q, %q) = %v, reversed %v", a, b, s, Similarity(b, a))
		}
		sharedPassages(Normalise(a), Normalise(b), 3)
	})
}
