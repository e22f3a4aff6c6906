package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
)

// writeReports writes, for every imported agency and year, a random
// report (internal/report/reportgen: tables consistent within themselves,
// R1–R5) stating the agency's full name, the year and a date from 3
// January to 6 February of the next year, rendered in one of the reader's
// text layouts. The two years of an agency do not chain (R6): the
// overview counts those reports as published with errors. It returns the
// number of files and their bytes.
func writeReports(dir string, ags []Agency, years []int, seed uint64) (int, int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	files, bytes := 0, int64(0)
	for i, a := range ags {
		if !a.Owes() || !a.Imported {
			continue
		}
		for _, y := range years {
			rng := rand.New(rand.NewPCG(seed, uint64(i)<<16|uint64(y)|1<<63))
			r := reportgen.Report(rng, report.Template2021)
			r.Agency, r.Year = a.Name, y
			r.Date = fmt.Sprintf("%d-%02d-%02d", y+1, 1+btoi(rng.IntN(7) == 0), 3+rng.IntN(26))
			f := reportgen.Families[rng.IntN(len(reportgen.Families))]
			data := []byte(reportgen.Render(r, f))
			name := filepath.Join(dir, fmt.Sprintf("%05d-%d-%s.txt", i, y, f))
			if err := os.WriteFile(name, data, 0o644); err != nil {
				return files, bytes, err
			}
			files++
			bytes += int64(len(data))
		}
	}
	return files, bytes, nil
}
