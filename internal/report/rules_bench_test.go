package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

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

// FuzzValidate checks that Validate never panics on any report that
// decodes, with or without a previous year's report.
func FuzzValidate(f *testing.F) {
	for _, name := range []string{"2022-ningbo-beilun-sifaju.json", "2023-huaian-hongze.json"} {
		b, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"schema":"gongkai.annual-report/v1","template":"2019","year":-5,"requests":{"new":[-1,null,3,4,5,6,-7]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		prev, _ := Decode(bytes.NewReader(b))
		prev.Year--
		for _, fd := range append(Validate(r, nil), Validate(r, prev)...) {
			if _, ok := RuleByID(fd.Rule); !ok || fd.Message == "" {
				t.Fatalf("bad finding %+v", fd)
			}
		}
	})
}
