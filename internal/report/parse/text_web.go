package parse

import (
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// crawlerHeadLines is how far from the top crawler header lines are looked for.
const crawlerHeadLines = 24

// crawlerHeader handles one line near the top of a crawled page. Crawlers
// and archives put the page's metadata before the body:
//
//	标题: 平潭综合实验区公安局2022年政府信息公开工作年度报告
//	发布时间: 2023-01-09 19:52
//	文号:
//	原文链接: https://…
//	==================== 正文 ====================
//
// The 标题 line becomes the title (its value alone, so the agency name
// never starts with 标题); 发布时间 and its kin stay, as a date source for R8
// when the report has no signature date; the rest are dropped. keep is
// false for a line to drop.
func crawlerHeader(t string) (string, bool) {
	if strings.ContainsAny(t, "=＝") && (strings.Trim(t, "=＝-— ") == "正文" || strings.Trim(t, "=＝") == "") {
		return "", false
	}
	i := strings.IndexAny(t, ":：")
	if i <= 0 || i > 15 {
		return t, true
	}
	key := foldTrad(strings.TrimSpace(t[:i]))
	_, sz := firstRune(t[i:])
	val := strings.TrimSpace(t[i+sz:])
	switch key {
	case "标题", "题名", "文章标题", "title", "Title":
		return val, val != ""
	case "发布时间", "发布日期", "成文日期", "发文日期", "印发日期", "时间", "日期":
		return t, true
	case "文号", "发文字号", "发布机构", "发文机关", "栏目", "原文链接", "链接", "网址", "来源", "信息来源",
		"索引号", "分类", "主题分类", "作者", "关键词", "主题词", "浏览次数", "访问量", "URL", "url", "有效性":
		return "", false
	}
	return t, true
}

// firstRune returns the first rune of s and its size.
func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// isCellPerLine reports whether s is an HTML-to-text conversion that puts
// every table cell on a line of its own ending in a pipe ("0 |", "规章 |"),
// with "|" alone for an empty cell and "||", "|||" for the positions a
// merged cell covers.
func isCellPerLine(s string) bool {
	lines, cells := 0, 0
	for len(s) > 0 {
		var l string
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			l, s = s[:i], s[i+1:]
		} else {
			l, s = s, ""
		}
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		lines++
		if _, ok := cellLine(l); ok {
			cells++
		}
	}
	return cells >= 10 && cells*3 >= lines
}

// cellLine reads one line of a cell-per-line conversion: the cell's text,
// nil for a line of pipes only (a merged cell's covered positions), ok
// false for a line of another shape.
func cellLine(t string) (*string, bool) {
	t = strings.ReplaceAll(t, "｜", "|")
	if strings.Trim(t, "| ") == "" {
		if strings.Count(t, "|") == 1 {
			e := ""
			return &e, true
		}
		return nil, true
	}
	if !strings.HasSuffix(t, "|") || strings.Count(t, "|") != 1 {
		return nil, false
	}
	c := strings.TrimSpace(strings.TrimSuffix(t, "|"))
	return &c, true
}

// appendSegments adds the lines of an unglued run-together line to d and
// returns how many cells it added. A heading is a line of its own and the
// prose after it is cut at runs of spaces (so that a signature and its
// date, run together at the end of a page, stand on lines of their own); a
// row label and its values make one line; a column header is a line, and
// values after it (table 四's fifteen) another.
func appendSegments(d *Doc, segs []segment, n int) int {
	cells := 0
	add := func(texts ...string) {
		l := Line{Cells: make([]Cell, 0, len(texts))}
		for i, t := range texts {
			p := report.Pos{Line: n}
			if len(texts) > 1 {
				p.Col = i + 1
			}
			l.Cells = append(l.Cells, Cell{Text: t, Pos: p, Glued: true})
		}
		cells += len(texts)
		d.Lines = append(d.Lines, l)
	}
	prose := func(s string) {
		for _, f := range strings.Fields(s) {
			add(f)
		}
	}
	for _, g := range segs {
		switch {
		case g.label == "":
			prose(g.rest)
			continue
		case g.kind == aHeading:
			add(g.label)
			prose(g.rest)
			continue
		case g.kind == aHeader:
			add(g.label)
			if len(g.vals) > 0 {
				add(g.vals...)
			}
		default:
			add(append([]string{g.label}, g.vals...)...)
		}
		if g.rest != "" {
			prose(g.rest)
		}
	}
	return cells
}
