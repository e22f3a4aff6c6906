// Package render writes a *report.Report the way agencies publish it: JSON,
// a standalone HTML page, DOCX, XLSX and SVG charts.
//
// HTML, DOCX and XLSX draw the same table grids (layout.go), which follow
// the national template cell by cell: table 二 as its blocks, table 三 with
// its corner note, three-level column header and grouped row labels, table
// 四 with its grouped header. A cell the report leaves empty is drawn empty,
// never as 0.
package render

import (
	"io"

	"github.com/gongkai/gongkai/internal/report"
)

// JSON writes the report in the gongkai.annual-report/v1 shape.
func JSON(w io.Writer, r *report.Report) error { return report.Encode(w, r) }
