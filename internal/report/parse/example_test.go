package parse_test

import (
	"fmt"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/parse"
)

func ExampleFile() {
	r, err := parse.File("../../../testdata/reports/2022-ningbo-beilun-sifaju.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Template, r.Agency, r.Year, r.Date)
	fmt.Println(r.Requests[report.New][report.ColTotal], r.Source.Cells[report.ReqCell(report.New, report.ColTotal)])
	// Output:
	// 2021 宁波市北仑区司法局 2022 2023-01-15
	// 1 第 85 行
}
