package parse

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// BenchmarkFamilies parses and validates generated reports in each layout
// (the work of gongkai report check without the file system); MB/s is
// input bytes. bbox is the word-box XML of a PDF whose labels wrap, read
// without running pdftotext; web-fixtures are the three real crawled pages.
func BenchmarkFamilies(b *testing.B) {
	type input struct {
		name string
		data []byte
		bbox bool
	}
	var sets []struct {
		name string
		ins  []input
	}
	for _, f := range genFamilies {
		var ins []input
		for seed := uint64(1); seed <= 16; seed++ {
			rng := rand.New(rand.NewPCG(seed, 99))
			ins = append(ins, input{data: []byte(genRender(genReport(rng, report.Template2021), f))})
		}
		sets = append(sets, struct {
			name string
			ins  []input
		}{string(f), ins})
	}
	var bb, web []input
	for seed := uint64(1); seed <= 16; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		bb = append(bb, input{data: []byte(genBBox(genReport(rng, report.Template2021), 10)), bbox: true})
	}
	files, _ := filepath.Glob(filepath.Join(webFixtures, "*.txt"))
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		web = append(web, input{name: f, data: d})
	}
	sets = append(sets, struct {
		name string
		ins  []input
	}{"bbox", bb}, struct {
		name string
		ins  []input
	}{"web-fixtures", web})
	for _, s := range sets {
		b.Run(s.name, func(b *testing.B) {
			n := 0
			for _, in := range s.ins {
				n += len(in.data)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, in := range s.ins {
					var r *report.Report
					var err error
					if in.bbox {
						pages, perr := bboxPages(string(in.data))
						if perr != nil {
							b.Fatal(perr)
						}
						r, err = FromDoc(gridDoc("gen.pdf", pages))
					} else {
						r, err = Parse("gen.txt", in.data)
					}
					if err != nil {
						b.Fatal(err)
					}
					_ = report.Validate(r, nil)
				}
			}
			b.ReportMetric(float64(b.N*len(s.ins))/b.Elapsed().Seconds(), "reports/s")
		})
	}
}
