package render

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// HTMLOptions changes how HTMLWithOptions writes a report.
type HTMLOptions struct {
	// Fragment writes only the <article> (and the findings list), without
	// <html>, <head> and the style sheet, for embedding in another page
	// that links Stylesheet.
	Fragment bool
}

// Stylesheet is the CSS of the standalone page: A4 print layout, the
// template's fonts with fallbacks, table borders and finding highlights.
const Stylesheet = `@page { size: A4; margin: 25mm 20mm 22mm; }
html { background: #fff; color: #000; }
body { margin: 0; font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 16px; line-height: 1.8; }
.page { max-width: 170mm; margin: 0 auto; padding: 12px 16px 32px; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 22px; font-weight: bold; text-align: center; line-height: 1.5; margin: 16px 0 20px; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 17px; font-weight: normal; margin: 18px 0 6px; break-after: avoid; page-break-after: avoid; }
p { margin: 4px 0; text-indent: 2em; }
p.sig { text-align: right; text-indent: 0; margin: 0; }
p.sig:first-of-type { margin-top: 28px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 13px; line-height: 1.4; }
caption { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 13px; padding: 4px 0; }
th, td { border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle; font-weight: normal; }
th.blk { font-weight: bold; background: #f2f2f2; }
th.lbl { text-align: left; }
td.note { font-size: 12px; }
td.num { font-variant-numeric: tabular-nums; min-width: 2.2em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.t2, table.t4 { break-inside: avoid; page-break-inside: avoid; }
table.t4 { font-size: 12px; }
.flag-error { background: #ffd6d6; outline: 2px solid #c00; outline-offset: -2px; }
.flag-warning { background: #fff1c2; outline: 2px solid #c77700; outline-offset: -2px; }
.findings { border: 1px solid #999; padding: 6px 12px; margin: 12px 0 20px; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 14px; line-height: 1.6; }
.findings h2 { margin: 4px 0; }
.findings li.error::marker { color: #c00; }
.findings .sev { font-weight: bold; }
.findings li.error .sev { color: #c00; }
.findings li.warning .sev { color: #a35f00; }
@media print {
  .page { max-width: none; padding: 0; }
  section.s3 { break-before: page; page-break-before: always; }
  .flag-error, .flag-warning { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`

// HTML writes a standalone page in the template's table layout; cells named
// in findings are highlighted.
func HTML(w io.Writer, r *report.Report, findings []report.Finding) error {
	return HTMLWithOptions(w, r, findings, HTMLOptions{})
}

// HTMLWithOptions writes the report as HTML; see HTMLOptions.
func HTMLWithOptions(w io.Writer, r *report.Report, findings []report.Finding, o HTMLOptions) error {
	bw := bufio.NewWriter(w)
	h := &htmlWriter{w: bw, flags: flagsByCell(findings)}
	title := Title(r)
	if !o.Fragment {
		h.printf("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n")
		h.printf("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
		h.printf("<meta name=\"generator\" content=\"gongkai\"/>\n")
		h.printf("<meta name=\"gongkai-template\" content=\"%s\"/>\n", esc(string(r.Template)))
		h.printf("<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<main class=\"page\">\n", esc(title), Stylesheet)
	} else {
		h.printf("<div class=\"page\" lang=\"zh-CN\">\n")
	}
	h.findings(findings)
	h.printf("<article>\n<h1>%s</h1>\n", esc(title))
	heads := headings(r.Template)
	grids := tables(r)
	texts := [6]string{0: r.Sections.Overview, 4: r.Sections.Problems, 5: r.Sections.Other}
	for i, hd := range heads {
		h.printf("<section class=\"s%d\" aria-labelledby=\"sec%d\">\n<h2 id=\"sec%d\">%s</h2>\n", i+1, i+1, i+1, esc(hd))
		for _, p := range paragraphs(texts[i]) {
			h.printf("<p>%s</p>\n", esc(p))
		}
		if i >= 1 && i <= 3 {
			h.table(grids[i-1], i+1)
		}
		h.printf("</section>\n")
	}
	if r.Agency != "" || r.Date != "" {
		if r.Agency != "" {
			h.printf("<p class=\"sig\">%s</p>\n", esc(r.Agency))
		}
		if r.Date != "" {
			h.printf("<p class=\"sig\"><time datetime=\"%s\">%s</time></p>\n", esc(r.Date), esc(dateCN(r.Date)))
		}
	}
	h.printf("</article>\n")
	if o.Fragment {
		h.printf("</div>\n")
	} else {
		h.printf("</main>\n</body>\n</html>\n")
	}
	if h.err != nil {
		return fmt.Errorf("render html: %w", h.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}

// A cellFlag is what the findings say about one cell.
type cellFlag struct {
	severity report.Severity
	ids      []string // finding-N element ids
	messages []string
}

func flagsByCell(findings []report.Finding) map[report.CellID]*cellFlag {
	m := make(map[report.CellID]*cellFlag)
	for i, f := range findings {
		for _, c := range f.Cells {
			fl := m[c]
			if fl == nil {
				fl = &cellFlag{severity: report.Warning}
				m[c] = fl
			}
			if f.Severity == report.Error {
				fl.severity = report.Error
			}
			id := "finding-" + strconv.Itoa(i+1)
			if len(fl.ids) == 0 || fl.ids[len(fl.ids)-1] != id {
				fl.ids = append(fl.ids, id)
				fl.messages = append(fl.messages, f.Message)
			}
		}
	}
	return m
}

type htmlWriter struct {
	w     *bufio.Writer
	err   error
	flags map[report.CellID]*cellFlag
}

func (h *htmlWriter) printf(format string, a ...any) {
	if h.err == nil {
		_, h.err = fmt.Fprintf(h.w, format, a...)
	}
}

// esc escapes text for HTML and SVG, dropping the control characters that
// XML cannot hold, so the output stays well-formed XML.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	return html.EscapeString(s)
}

func severityCN(s report.Severity) string {
	if s == report.Error {
		return "错误"
	}
	return "提示"
}

// findings writes the list of findings above the report.
func (h *htmlWriter) findings(fs []report.Finding) {
	if len(fs) == 0 {
		return
	}
	nerr := 0
	for _, f := range fs {
		if f.Severity == report.Error {
			nerr++
		}
	}
	h.printf("<aside class=\"findings\" aria-labelledby=\"findings-title\">\n")
	h.printf("<h2 id=\"findings-title\">检查发现 %d 个问题（错误 %d 个，提示 %d 个）</h2>\n<ol>\n", len(fs), nerr, len(fs)-nerr)
	for i, f := range fs {
		h.printf("<li id=\"finding-%d\" class=\"%s\"><span class=\"sev\">%s</span> <code>%s</code> %s", i+1, esc(string(f.Severity)), severityCN(f.Severity), esc(f.Rule), esc(f.Message))
		if len(f.Where) > 0 {
			h.printf("（%s）", esc(strings.Join(f.Where, "；")))
		}
		h.printf("</li>\n")
	}
	h.printf("</ol>\n</aside>\n")
}

// table writes one grid as an accessible table: header cells carry ids and
// scopes, data cells carry headers, data-cell and any finding highlight.
func (h *htmlWriter) table(g *grid, n int) {
	prefix := "t" + strconv.Itoa(n)
	h.printf("<table class=\"%s\" id=\"%s\">\n<caption>%s</caption>\n", prefix, prefix, esc(g.Caption))
	h.printf("<colgroup>")
	total := 0
	for _, wd := range g.Widths {
		total += wd
	}
	for _, wd := range g.Widths {
		h.printf("<col style=\"width:%.1f%%\"/>", float64(wd)*100/float64(total))
	}
	h.printf("</colgroup>\n")
	hid := func(c *gcell) string { return fmt.Sprintf("%s-h%d-%d", prefix, c.Row, c.Col) }
	blockStart := func(r int) bool {
		i := g.at(r, 0)
		return i >= 0 && g.Cells[i].Kind == kindBlock
	}
	for r := 0; r < g.Rows; r++ {
		switch {
		case r == 0 && g.HeadRows > 0:
			h.printf("<thead>\n")
		case r == g.HeadRows && g.HeadRows > 0:
			h.printf("</thead>\n<tbody>\n")
		case g.HeadRows == 0 && blockStart(r):
			if r > 0 {
				h.printf("</tbody>\n")
			}
			h.printf("<tbody>\n")
		}
		h.printf("<tr>")
		for c := 0; c < g.Cols; c++ {
			i := g.at(r, c)
			if i < 0 {
				continue
			}
			x := &g.Cells[i]
			span := spanAttrs(x)
			switch x.Kind {
			case kindNote:
				h.printf("<td class=\"note\"%s>%s</td>", span, esc(x.Text))
			case kindBlock:
				h.printf("<th id=\"%s\" class=\"blk\" scope=\"rowgroup\"%s>%s</th>", hid(x), span, esc(x.Text))
			case kindColHead:
				scope := "col"
				if x.ColSpan > 1 {
					scope = "colgroup"
				}
				h.printf("<th id=\"%s\" scope=\"%s\"%s>%s</th>", hid(x), scope, span, esc(x.Text))
			case kindRowHead:
				scope := "row"
				if x.RowSpan > 1 {
					scope = "rowgroup"
				}
				h.printf("<th id=\"%s\" class=\"lbl\" scope=\"%s\"%s>%s</th>", hid(x), scope, span, esc(x.Text))
			case kindData:
				h.dataCell(g, x, span, hid)
			}
		}
		h.printf("</tr>\n")
	}
	if g.HeadRows > 0 && g.Rows <= g.HeadRows {
		h.printf("</thead>\n<tbody>\n") // a table 三 without any row
	}
	h.printf("</tbody>\n</table>\n")
}

func spanAttrs(x *gcell) string {
	s := ""
	if x.RowSpan > 1 {
		s += " rowspan=\"" + strconv.Itoa(x.RowSpan) + "\""
	}
	if x.ColSpan > 1 {
		s += " colspan=\"" + strconv.Itoa(x.ColSpan) + "\""
	}
	return s
}

func (h *htmlWriter) dataCell(g *grid, x *gcell, span string, hid func(*gcell) string) {
	var hs []string
	for _, i := range headersOf(g, x) {
		hs = append(hs, hid(&g.Cells[i]))
	}
	class := "num"
	extra := ""
	if fl := h.flags[x.ID]; fl != nil {
		class += " flag-" + string(fl.severity)
		extra = fmt.Sprintf(" title=\"%s\" aria-describedby=\"%s\"", esc(strings.Join(fl.messages, "\n")), strings.Join(fl.ids, " "))
	}
	h.printf("<td class=\"%s\" data-cell=\"%s\" headers=\"%s\"%s%s>%s</td>", class, esc(string(x.ID)), strings.Join(hs, " "), extra, span, esc(x.Text))
}

// headersOf returns the header cells of a data cell: the column headers
// above it (up to and including its block header) from top to bottom, then
// the row labels to its left from left to right.
func headersOf(g *grid, x *gcell) []int {
	var cols []int
scan:
	for r := x.Row - 1; r >= 0; r-- {
		i := g.covering(r, x.Col)
		if i < 0 {
			continue
		}
		switch g.Cells[i].Kind {
		case kindColHead:
			if len(cols) == 0 || cols[len(cols)-1] != i {
				cols = append(cols, i)
			}
		case kindBlock:
			cols = append(cols, i)
			break scan
		}
	}
	sort.SliceStable(cols, func(a, b int) bool { return g.Cells[cols[a]].Row < g.Cells[cols[b]].Row })
	for c := 0; c < x.Col; c++ {
		i := g.covering(x.Row, c)
		if i >= 0 && g.Cells[i].Kind == kindRowHead && g.Cells[i].Col == c {
			cols = append(cols, i)
		}
	}
	return cols
}
