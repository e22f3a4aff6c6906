package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
)

// The kinds as `gongkai agency import` reads them (列 类型).
const (
	kindGov   = "人民政府"
	kindDept  = "部门"
	kindTown  = "乡镇/街道"
	kindOther = "其他"
)

// CountySize is the number of agencies a county's subtree holds (the
// issue's "a county (300 agencies)"), whatever the scale.
const CountySize = 300

// CountiesPerCity is how many counties each city has.
const CountiesPerCity = 3

// An Agency is one generated agency of the province.
type Agency struct {
	Name   string
	Parent string // "" for the province
	Kind   string
	Level  int // 1 province, 2 city, 3 county, 4 department or 乡镇
	// Oversees is the agency whose subtree this office supervises; set for
	// the 政务公开办 offices, which publish no report (NoReport).
	Oversees string
	NoReport bool
	// Imported marks the agencies whose reports come from files (`report
	// import`); the others compile theirs from request records.
	Imported bool
	// County is the index of the county the agency is in or is, -1 above.
	County int
}

// Owes reports whether the agency publishes an annual report.
func (a Agency) Owes() bool { return !a.NoReport }

// Compiled reports whether the agency's report is compiled from requests.
func (a Agency) Compiled() bool { return a.Owes() && !a.Imported }

// Province names the top of the tree.
const Province = "某省"

// departments are the county departments named before the numbered ones.
var departments = []string{"教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
	"生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会",
	"退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局", "信访局", "档案局",
	"发展和改革局", "科学技术局", "工业和信息化局", "行政审批局", "综合行政执法局", "数据资源局"}

// Hierarchy returns a four-level tree of about n agencies, parents first:
// the province's government and its 政务公开办 (the supervising office that
// publishes no report); cities; counties of CountySize agencies each (a
// government, a 政务公开办, then departments and 乡镇). Every other
// department or 乡镇 is Imported; governments are compiled.
func Hierarchy(n int) []Agency {
	counties := max(1, (n+CountySize/2)/CountySize)
	cities := (counties + CountiesPerCity - 1) / CountiesPerCity
	gov := Province + "人民政府"
	out := []Agency{
		{Name: gov, Kind: kindGov, Level: 1, County: -1},
		{Name: Province + "人民政府办公厅政务公开办", Parent: gov, Kind: kindOther, Level: 2, Oversees: gov, NoReport: true, County: -1},
	}
	leaves := max(counties, n-len(out)-cities-2*counties)
	leaf := 0
	for c := range cities {
		city := fmt.Sprintf("甲%02d市", c+1)
		out = append(out, Agency{Name: city + "人民政府", Parent: gov, Kind: kindGov, Level: 2, County: -1})
		for k := range CountiesPerCity {
			ci := c*CountiesPerCity + k
			if ci >= counties {
				break
			}
			county := fmt.Sprintf("%s乙%02d县", city, k+1)
			cgov := county + "人民政府"
			out = append(out,
				Agency{Name: cgov, Parent: city + "人民政府", Kind: kindGov, Level: 3, County: ci},
				Agency{Name: county + "人民政府办公室政务公开办", Parent: cgov, Kind: kindOther, Level: 4, Oversees: cgov, NoReport: true, County: ci})
			// This county's share of the leaves.
			m := leaves/counties + btoi(ci < leaves%counties)
			for j := range m {
				a := Agency{Parent: cgov, Level: 4, County: ci, Imported: leaf%2 == 1}
				switch {
				case j%3 == 2:
					a.Name, a.Kind = fmt.Sprintf("%s第%d镇人民政府", county, j/3+1), kindTown
				case j/3*2+j%3 < len(departments):
					a.Name, a.Kind = county+departments[j/3*2+j%3], kindDept
				default:
					a.Name, a.Kind = fmt.Sprintf("%s第%d局", county, j), kindDept
				}
				out = append(out, a)
				leaf++
			}
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// WriteAgencyCSV writes ags as a `gongkai agency import` file.
func WriteAgencyCSV(path string, ags []Agency) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(fh)
	fmt.Fprintln(w, "名称*,上级,类型*,统一社会信用代码,监督范围,编制年报")
	for _, a := range ags {
		yes := "是"
		if a.NoReport {
			yes = "否"
		}
		fmt.Fprintf(w, "%s,%s,%s,,%s,%s\n", a.Name, a.Parent, a.Kind, a.Oversees, yes)
	}
	if err := w.Flush(); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

// RequestCount is the number of requests agency i receives in year: from
// min to max, drawn from a generator seeded by the agency and the year so
// that every phase sees the same numbers.
func RequestCount(seed uint64, i, year, lo, hi int) int {
	rng := rand.New(rand.NewPCG(seed, uint64(i)<<16|uint64(year)))
	return lo + rng.IntN(hi-lo+1)
}
