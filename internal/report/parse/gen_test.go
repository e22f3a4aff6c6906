package parse

import "github.com/gongkai/gongkai/internal/report/reportgen"

// The generator of random valid reports lives in reportgen; these names
// keep the tests short.
type genFamily = reportgen.Family

const (
	famGlued     = reportgen.Glued
	famCellLines = reportgen.CellLines
	famPipes     = reportgen.Pipes
	famLayout    = reportgen.Layout
)

var (
	genFamilies = reportgen.Families
	genReport   = reportgen.Report
	genRender   = reportgen.Render
	genBBox     = reportgen.BBox
)
