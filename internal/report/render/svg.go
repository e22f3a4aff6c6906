package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// The SVG is written by hand: the 图解 that agencies publish beside the
// text, as one accessible image (a <title>, a <desc> that states every
// figure in words, and text labels rather than paths).

const (
	svgW     = 880
	svgFont  = `"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif`
	barX     = 240 // where bars start
	barMax   = 530 // longest bar
	barH     = 20
	barGap   = 10
	colorBar = "#2f6fb0"
)

// Colours of the four outcomes of table 四, and of the result categories.
var (
	outcomeColors = [4]string{"#2e7d32", "#c62828", "#8e8e8e", "#f9a825"}
	resultColors  = [6]string{"#2e7d32", "#7cb342", "#c62828", "#ef6c00", "#6d4c41", "#8e8e8e"}
)

// A figure is one bar or tile: a label and a value that may be absent.
type figure struct {
	label string
	v     int64
	ok    bool // false: the report leaves it empty (未填报)
	color string
	text  string // the value as written, for a decimal tile
}

// sumNums adds the present cells; ok is false when none is present.
func sumNums(ns ...report.Num) (int64, bool) {
	var t int64
	ok := false
	for _, n := range ns {
		if n.Valid {
			t += n.V
			ok = true
		}
	}
	return t, ok
}

func rowSum(q *report.Requests, c report.Col, ids ...report.RowID) (int64, bool) {
	var ns []report.Num
	for _, id := range ids {
		if q[id] != nil {
			ns = append(ns, q[id][c])
		}
	}
	return sumNums(ns...)
}

func cellOf(q *report.Requests, id report.RowID, c report.Col) report.Num {
	if q[id] == nil {
		return report.Num{}
	}
	return q[id][c]
}

// resultFigures are the six result categories of table 三, 总计 column.
func resultFigures(q *report.Requests) []figure {
	t := report.ColTotal
	groups := []struct {
		label string
		ids   []report.RowID
	}{
		{"予以公开", []report.RowID{report.Granted}},
		{"部分公开", []report.RowID{report.PartiallyGranted}},
		{"不予公开", []report.RowID{report.WithheldStateSecret, report.WithheldProhibitedByLaw, report.WithheldSecurityStability, report.WithheldThirdParty,
			report.WithheldInternalAffairs, report.WithheldProcessInfo, report.WithheldEnforcementFile, report.WithheldAdministrativeQuery}},
		{"无法提供", []report.RowID{report.UnavailableNotHeld, report.UnavailableNeedsCreation, report.UnavailableUnclear}},
		{"不予处理", []report.RowID{report.RejectedPetition, report.RejectedDuplicate, report.RejectedPublication, report.RejectedMassRepeated, report.RejectedReconfirm}},
		{"其他处理", []report.RowID{report.OtherNoCorrection, report.OtherFeeUnpaid, report.OtherOther}},
	}
	out := make([]figure, len(groups))
	for i, g := range groups {
		v, ok := rowSum(q, t, g.ids...)
		out[i] = figure{g.label, v, ok, resultColors[i], ""}
	}
	return out
}

// flowFigures are the counts of requests: received, carried over, answered
// and carried forward (总计 column).
func flowFigures(q *report.Requests) []figure {
	t := report.ColTotal
	f := func(label string, id report.RowID) figure {
		n := cellOf(q, id, t)
		return figure{label, n.V, n.Valid, colorBar, ""}
	}
	nat := cellOf(q, report.New, report.NaturalPerson)
	org, orgOK := sumNums(cellOf(q, report.New, report.Commercial), cellOf(q, report.New, report.Research), cellOf(q, report.New, report.SocialWelfare),
		cellOf(q, report.New, report.LegalService), cellOf(q, report.New, report.OtherOrg))
	return []figure{
		f("本年新收申请", report.New),
		{"其中：自然人", nat.V, nat.Valid, "#64b5f6", ""},
		{"其中：法人或其他组织", org, orgOK, "#90caf9", ""},
		f("上年结转申请", report.CarriedOver),
		f("本年办理（总计）", report.RowTotal),
		f("结转下年度办理", report.CarriedForward),
	}
}

// tileFigures are the key numbers of table 二.
func tileFigures(r *report.Report) []figure {
	n := func(label string, x report.Num) figure { return figure{label, x.V, x.Valid, "", ""} }
	if p := r.Proactive2019; p != nil {
		return []figure{
			n("规章 本年新制作", p.Regulations.Made), n("规范性文件 本年新制作", p.NormativeDocuments.Made),
			n("行政许可 处理决定", p.Licensing.Decisions), n("行政处罚 处理决定", p.Penalty.Decisions),
			n("行政强制 处理决定", p.Coercion.Decisions), n("政府集中采购 项目", p.ProcurementCount),
		}
	}
	p := &r.Proactive
	return []figure{
		n("规章 现行有效", p.Regulations.InForce), n("行政规范性文件 现行有效", p.NormativeDocuments.InForce),
		n("行政许可 处理决定", p.LicensingDecisions), n("行政处罚 处理决定", p.PenaltyDecisions),
		n("行政强制 处理决定", p.CoercionDecisions),
		{"行政事业性收费（万元）", 0, p.FeesWanYuan.Valid, "", p.FeesWanYuan.S},
	}
}

type svgWriter struct {
	w   *bufio.Writer
	err error
}

func (s *svgWriter) printf(format string, a ...any) {
	if s.err == nil {
		_, s.err = fmt.Fprintf(s.w, format, a...)
	}
}

func valueText(f figure) string {
	switch {
	case !f.ok:
		return "未填报"
	case f.text != "":
		return f.text
	}
	return fmt.Sprintf("%d 件", f.v)
}

// SVG writes the 图解 of the report: the key numbers of table 二, the
// requests received and carried, the results by category, and the outcomes
// of administrative review and litigation.
func SVG(w io.Writer, r *report.Report) error {
	bw := bufio.NewWriter(w)
	s := &svgWriter{w: bw}
	tiles := tileFigures(r)
	flows := flowFigures(&r.Requests)
	results := resultFigures(&r.Requests)
	groups := r.ReviewLitigation.Groups()

	tilesY := 70
	flowY := tilesY + 125
	resultY := flowY + 50 + len(flows)*(barH+barGap)
	reviewY := resultY + 50 + len(results)*(barH+barGap)
	height := reviewY + 50 + 3*(barH+barGap+4) + 40

	title := Title(r) + " 图解"
	s.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="svg-title svg-desc" lang="zh-CN">`+"\n", svgW, height, svgW, height)
	s.printf("<title id=\"svg-title\">%s</title>\n<desc id=\"svg-desc\">%s</desc>\n", esc(title), esc(svgDesc(r, tiles, flows, results)))
	s.printf("<style>text { font-family: %s; fill: #222; } .h { font-size: 20px; font-weight: bold; } .s { font-size: 16px; font-weight: bold; } .l { font-size: 13px; } .v { font-size: 13px; } .n { font-size: 22px; font-weight: bold; fill: #2f6fb0; } .na { fill: #999; }</style>\n", esc(svgFont))
	s.printf("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", svgW, height)
	s.printf("<text class=\"h\" x=\"%d\" y=\"36\" text-anchor=\"middle\">%s</text>\n", svgW/2, esc(title))

	// 主动公开: tiles.
	s.printf("<g aria-label=\"主动公开政府信息情况\">\n<text class=\"s\" x=\"20\" y=\"%d\">主动公开政府信息情况</text>\n", tilesY)
	tw := (svgW - 40) / len(tiles)
	for i, t := range tiles {
		x := 20 + i*tw
		s.printf("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"78\" rx=\"6\" fill=\"#eef4fb\" stroke=\"#c5d8ee\"/>\n", x+4, tilesY+12, tw-8)
		switch {
		case t.ok && t.text != "":
			s.printf("<text class=\"n\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x+tw/2, tilesY+46, esc(t.text))
		case t.ok:
			s.printf("<text class=\"n\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x+tw/2, tilesY+46, t.v)
		default:
			s.printf("<text class=\"n na\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">—</text>\n", x+tw/2, tilesY+46)
		}
		for k, line := range strings.SplitN(t.label, " ", 2) {
			s.printf("<text class=\"l\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x+tw/2, tilesY+66+k*16, esc(line))
		}
	}
	s.printf("</g>\n")

	s.bars("收到和处理政府信息公开申请情况（总计列）", flowY, flows)
	s.bars("本年度办理结果（总计列）", resultY, results)

	// 复议诉讼: stacked bars.
	s.printf("<g aria-label=\"政府信息公开行政复议、行政诉讼情况\">\n<text class=\"s\" x=\"20\" y=\"%d\">政府信息公开行政复议、行政诉讼情况</text>\n", reviewY)
	var maxT int64
	for _, g := range groups {
		if t, _ := sumNums(g.Upheld, g.Corrected, g.Other, g.Pending); t > maxT {
			maxT = t
		}
	}
	y := reviewY + 16
	for gi, g := range groups {
		s.printf("<text class=\"l\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", barX-10, y+15, esc(report.GroupLabels[gi]))
		x := float64(barX)
		parts := [4]report.Num{g.Upheld, g.Corrected, g.Other, g.Pending}
		for o, n := range parts {
			if !n.Valid || n.V <= 0 || maxT == 0 {
				continue
			}
			wd := float64(n.V) / float64(maxT) * barMax
			s.printf("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s：%d 件</title></rect>\n",
				x, y, wd, barH, outcomeColors[o], esc(report.GroupLabels[gi]), report.OutcomeLabels[o], n.V)
			x += wd
		}
		label := "总计 未填报"
		if g.Total.Valid {
			label = fmt.Sprintf("总计 %d 件", g.Total.V)
		}
		s.printf("<text class=\"v\" x=\"%.1f\" y=\"%d\">%s</text>\n", x+8, y+15, label)
		y += barH + barGap + 4
	}
	lx := barX
	for o := 0; o < 4; o++ {
		s.printf("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text class=\"l\" x=\"%d\" y=\"%d\">%s</text>\n",
			lx, y+4, outcomeColors[o], lx+16, y+15, report.OutcomeLabels[o])
		lx += 100
	}
	s.printf("</g>\n</svg>\n")
	if s.err != nil {
		return fmt.Errorf("render svg: %w", s.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render svg: %w", err)
	}
	return nil
}

// bars writes a titled horizontal bar chart.
func (s *svgWriter) bars(title string, y0 int, fs []figure) {
	var maxV int64
	for _, f := range fs {
		if f.ok && f.v > maxV {
			maxV = f.v
		}
	}
	s.printf("<g aria-label=\"%s\">\n<text class=\"s\" x=\"20\" y=\"%d\">%s</text>\n", esc(title), y0, esc(title))
	y := y0 + 16
	for _, f := range fs {
		s.printf("<text class=\"l\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", barX-10, y+15, esc(f.label))
		wd := 0.0
		if f.ok && maxV > 0 && f.v > 0 {
			wd = float64(f.v) / float64(maxV) * barMax
			s.printf("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", barX, y, wd, barH, f.color)
		}
		class := "v"
		if !f.ok {
			class = "v na"
		}
		s.printf("<text class=\"%s\" x=\"%.1f\" y=\"%d\">%s</text>\n", class, float64(barX)+wd+8, y+15, valueText(f))
		y += barH + barGap
	}
	s.printf("</g>\n")
}

// svgDesc states every figure of the chart in words, for screen readers.
func svgDesc(r *report.Report, tiles, flows, results []figure) string {
	var b strings.Builder
	b.WriteString("主动公开：")
	for i, t := range tiles {
		if i > 0 {
			b.WriteString("，")
		}
		b.WriteString(t.label + " " + strings.TrimSuffix(valueText(t), " 件"))
	}
	b.WriteString("。依申请公开：")
	for i, f := range flows {
		if i > 0 {
			b.WriteString("，")
		}
		b.WriteString(strings.TrimSpace(strings.ReplaceAll(f.label, "　", "")) + " " + valueText(f))
	}
	b.WriteString("。办理结果：")
	for i, f := range results {
		if i > 0 {
			b.WriteString("，")
		}
		b.WriteString(f.label + " " + valueText(f))
	}
	b.WriteString("。")
	for gi, g := range r.ReviewLitigation.Groups() {
		b.WriteString(report.GroupLabels[gi] + "：")
		for o, n := range g.Cells() {
			if o > 0 {
				b.WriteString("，")
			}
			b.WriteString(report.OutcomeLabels[o] + " " + n.String())
		}
		b.WriteString("。")
	}
	return b.String()
}
