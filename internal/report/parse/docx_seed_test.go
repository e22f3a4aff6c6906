package parse

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
)

// The seed report (testdata/reports/2022-ningbo-beilun-sifaju.txt)
// as a document model, from which the tests write DOCX and XLSX fixtures:
// paragraphs, and tables laid out like the national template (merged
// headers, the rowspan=22 办理结果 group).

// A fxCell is a table cell with its spans, as in HTML.
type fxCell struct {
	text             string
	colspan, rowspan int
}

// A fxBlock is a paragraph (rows nil) or a table.
type fxBlock struct {
	para string
	rows [][]fxCell
}

func fxC(text string) fxCell             { return fxCell{text, 1, 1} }
func fxCS(text string, n int) fxCell     { return fxCell{text, n, 1} }
func fxRS(text string, n int) fxCell     { return fxCell{text, 1, n} }
func fxCRS(text string, c, r int) fxCell { return fxCell{text, c, r} }

// fxNums returns one cell per space-separated word: "1 0 0".
func fxNums(s string) []fxCell {
	var out []fxCell
	for _, f := range strings.Fields(s) {
		out = append(out, fxC(f))
	}
	return out
}

func fxRow(cells ...any) []fxCell {
	var out []fxCell
	for _, x := range cells {
		switch v := x.(type) {
		case fxCell:
			out = append(out, v)
		case []fxCell:
			out = append(out, v...)
		case string:
			out = append(out, fxC(v))
		default:
			panic(fmt.Sprintf("row: %T", x))
		}
	}
	return out
}

var fxIntro = []string{
	"宁波市北仑区司法局2022年度政府信息公开年度报告",
	"2022年，我局认真落实省、市、区关于推进政务公开的要求和部署，结合司法行政工作实际，及时公布公开司法行政重点工作，提升政府信息公开质量与水平，让社会各界全面了解我局各项工作开展情况，现就我局今年政务工作报告如下：",
	"一、总体情况",
	"2022年，区司法局认真贯彻落实《中华人民共和国政府信息公开条例》规定规定，落实法治建设，提升依法行政水平，做深做实法律服务。",
	"（一）主动公开",
	"2022年，我局通过政府信息公开平台、部门网站、微信公众号等公开信息共计459条，其中，政府信息公开平台63条，“法治北仑”微信公众号396条。",
	"（二）依申请公开",
	"我局高度重视依申请公开工作，全力满足群众需求，明确由局综合科具体负责办理依申请公开事项。2022年，本年度共计收到一次公开申请，已按照相关规定处理。",
	"（三）政府信息管理",
	"我局成立了由局主要领导任组长、局分管领导任副组长，各科室负责同志为成员的政府信息公开工作领导小组，负责全局政府信息公开工作，确保政府信息公开工作抓好抓实。",
	"（四）平台保障情况",
	"加强信息公开平台建设，拓展信息公开渠道、优化发布形式，方便群众及时查询信息。",
	"（五）监督保障情况",
	"日常加强信息发布的自查整改，对照信息公开网络测评要求，对发现的问题立即整改到位。全年没有发生因政务公开工作被追究责任的情况。",
}

var fxOutro = []string{
	"五、存在的主要问题及改进情况",
	"2022年，通过全局干部的共同努力，我局政府信息公开工作更加规范化、制度化，但与上级的要求和群众需求还存在差距，主要是公开信息还不够全面，渠道有待拓展，内容有待丰富。",
	"六、其他需要报告的事项",
	"本机关全年没有收到超出一定数量或者频次范围的政府信息公开申请，也未对申请人收取信息处理费。特此说明。",
	"北仑区司法局",
	"2023年1月15日",
}

// fxTable2 is table 二 (4 grid columns).
func fxTable2() [][]fxCell {
	return [][]fxCell{
		fxRow(fxCS("第二十条第（一）项", 4)),
		fxRow("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
		fxRow("规章", fxNums("0 0 0")),
		fxRow("行政规范性文件", fxNums("0 0 1")),
		fxRow(fxCS("第二十条第（五）项", 4)),
		fxRow("信息内容", fxCS("本年处理决定数量", 3)),
		fxRow("行政许可", fxCS("0", 3)),
		fxRow(fxCS("第二十条第（六）项", 4)),
		fxRow("信息内容", fxCS("本年处理决定数量", 3)),
		fxRow("行政处罚", fxCS("0", 3)),
		fxRow("行政强制", fxCS("0", 3)),
		fxRow(fxCS("第二十条第（八）项", 4)),
		fxRow("信息内容", fxCS("本年收费金额（单位：万元）", 3)),
		fxRow("行政事业性收费", fxCS("0", 3)),
	}
}

// fxTable3 is table 三 (10 grid columns, 28 rows).
func fxTable3() [][]fxCell {
	zero := fxNums("0 0 0 0 0 0 0")
	one := fxNums("1 0 0 0 0 0 1")
	return [][]fxCell{
		fxRow(fxCRS("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), fxCS("申请人情况", 7)),
		fxRow(fxRS("自然人", 2), fxCS("法人或其他组织", 5), fxRS("总计", 2)),
		fxRow("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
		fxRow(fxCS("一、本年新收政府信息公开申请数量", 3), one),
		fxRow(fxCS("二、上年结转政府信息公开申请数量", 3), zero),
		fxRow(fxRS("三、本年度办理结果", 22), fxCS("（一）予以公开", 2), one),
		fxRow(fxCS("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2), zero),
		fxRow(fxRS("（三）不予公开", 8), "1.属于国家秘密", zero),
		fxRow("2.其他法律行政法规禁止公开", zero),
		fxRow("3.危及“三安全一稳定”", zero),
		fxRow("4.保护第三方合法权益", zero),
		fxRow("5.属于三类内部事务信息", zero),
		fxRow("6.属于四类过程性信息", zero),
		fxRow("7.属于行政执法案卷", zero),
		fxRow("8.属于行政查询事项", zero),
		fxRow(fxRS("（四）无法提供", 3), "1.本机关不掌握相关政府信息", zero),
		fxRow("2.没有现成信息需要另行制作", zero),
		fxRow("3.补正后申请内容仍不明确", zero),
		fxRow(fxRS("（五）不予处理", 5), "1.信访举报投诉类申请", zero),
		fxRow("2.重复申请", zero),
		fxRow("3.要求提供公开出版物", zero),
		fxRow("4.无正当理由大量反复申请", zero),
		fxRow("5.要求行政机关确认或重新出具已获取信息", zero),
		fxRow(fxRS("（六）其他处理", 3), "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", zero),
		fxRow("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", zero),
		fxRow("3.其他", zero),
		fxRow(fxCS("（七）总计", 2), one),
		fxRow(fxCS("四、结转下年度继续办理", 3), zero),
	}
}

// fxTable4 is table 四 (15 grid columns).
func fxTable4() [][]fxCell {
	var labels []fxCell
	for range 3 {
		labels = append(labels, fxNums("结果维持 结果纠正 其他结果 尚未审结 总计")...)
	}
	return [][]fxCell{
		fxRow(fxCRS("行政复议", 5, 2), fxCS("行政诉讼", 10)),
		fxRow(fxCS("未经复议直接起诉", 5), fxCS("复议后起诉", 5)),
		labels,
		fxNums("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
	}
}

// fxSeed is the whole seed report.
func fxSeed() []fxBlock {
	var out []fxBlock
	for _, p := range fxIntro {
		out = append(out, fxBlock{para: p})
	}
	out = append(out, fxBlock{para: "二、主动公开政府信息情况"}, fxBlock{rows: fxTable2()},
		fxBlock{para: "三、收到和处理政府信息公开申请情况"}, fxBlock{rows: fxTable3()},
		fxBlock{para: "四、政府信息公开行政复议、行政诉讼情况"}, fxBlock{rows: fxTable4()})
	for _, p := range fxOutro {
		out = append(out, fxBlock{para: p})
	}
	return out
}

// A fxSlot is one grid position of a laid-out fixture table: the cell that
// covers it, and where in that cell it lies.
type fxSlot struct {
	cell   fxCell
	origin bool // the cell's top-left position
	top    bool // in the cell's first fxRow
	left   bool // in the cell's first column
}

// fxLayout places a fixture table's cells on its grid, as the HTML table
// algorithm does.
func fxLayout(rows [][]fxCell) [][]fxSlot {
	var grid [][]fxSlot
	cols := 0
	grow := func(r, n int) {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		for len(grid[r]) < n {
			grid[r] = append(grid[r], fxSlot{})
		}
	}
	for r, cells := range rows {
		grow(r, 0)
		col := 0
		for _, cell := range cells {
			for col < len(grid[r]) && grid[r][col].cell.colspan > 0 {
				col++
			}
			for dr := range cell.rowspan {
				grow(r+dr, col+cell.colspan)
				for dc := range cell.colspan {
					grid[r+dr][col+dc] = fxSlot{cell: cell, origin: dr == 0 && dc == 0, top: dr == 0, left: dc == 0}
				}
			}
			col += cell.colspan
			cols = max(cols, col)
		}
	}
	for r := range grid {
		grow(r, cols)
	}
	return grid
}

// fxGrid is the grid a reader should produce for a fixture table.
func fxGrid(rows [][]fxCell) [][]ooxml.GridCell {
	var out [][]ooxml.GridCell
	for _, line := range fxLayout(rows) {
		g := make([]ooxml.GridCell, len(line))
		for i, s := range line {
			if s.origin {
				g[i].Text = s.cell.text
			} else if s.cell.colspan > 0 {
				g[i].Covered = true
			}
		}
		out = append(out, g)
	}
	return out
}
