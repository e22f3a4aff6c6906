// Package render writes a *report.Report the way agencies publish it: JSON,
// a standalone HTML page, DOCX, XLSX and SVG charts.
package render

import (
	"errors"
	"io"

	"github.com/gongkai/gongkai/internal/report"
)

var errTODO = errors.New("render: not yet implemented")

// JSON writes the report in the gongkai.annual-report/v1 shape.
func JSON(w io.Writer, r *report.Report) error { return report.Encode(w, r) }

// HTML writes a standalone page in the template's table layout; cells named
// in findings are highlighted. Placeholder until the renderer lands.
func HTML(w io.Writer, r *report.Report, findings []report.Finding) error { return errTODO }

// DOCX writes a Word document in the template layout. Placeholder.
func DOCX(w io.Writer, r *report.Report) error { return errTODO }

// XLSX writes a workbook, one sheet per table. Placeholder.
func XLSX(w io.Writer, r *report.Report) error { return errTODO }

// SVG writes a chart of the key figures. Placeholder.
func SVG(w io.Writer, r *report.Report) error { return errTODO }
