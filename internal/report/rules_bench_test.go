package report

import "testing"

// BenchmarkValidate measures Validate on the fixture reports, in reports/s.
func BenchmarkValidate(b *testing.B) {
	reps := []*Report{
		loadFixture(b, "2022-ningbo-beilun-sifaju.json"),
		loadFixture(b, "2023-huaian-hongze.json"),
	}
	reps[0].Sections.Overview = "2022年，本年度共计收到一次公开申请，已按照相关规定处理。全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
	prev := loadFixture(b, "2022-ningbo-beilun-sifaju.json")
	prev.Year = 2021
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, r := range reps {
			Validate(r, prev)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "reports/s")
}

// FuzzNarrative checks that R9 never panics on any free text.
func FuzzNarrative(f *testing.F) {
	for _, s := range []string{"共收到政府信息公开申请三十五件。", "未发生行政复议", "结转下年度3件，", "一万二千零五次公开申请", "（）,,：：。"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := validReport()
		r.Sections.Overview = s
		for _, f := range Validate(r, nil) {
			if f.Rule != RuleNarrative {
				t.Fatalf("free text caused %s", f.Rule)
			}
		}
		ParseCount(s)
	})
}
