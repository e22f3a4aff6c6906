// Package reportgen renders random valid annual reports into the text
// layouts that agencies and crawlers produce (run-together crawler text,
// one cell per line, pipe rows, pdftotext -layout and -bbox-layout), for
// the reader's property tests, its benchmarks and the corpus benchmarks.
package reportgen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// A Family is one layout the generator renders.
type Family string

// The families.
const (
	Glued     Family = "run-together" // crawler text: header lines, body on one line, cells run together
	CellLines Family = "cell-lines"   // HTML-to-text: one cell per line ending in " |"
	Pipes     Family = "pipe-rows"    // "| label | 1 | 0 | … |" rows
	Layout    Family = "layout"       // pdftotext -layout: columns at runs of spaces, wrapped labels
)

// Families lists every text family.
var Families = []Family{Glued, CellLines, Pipes, Layout}

// Agencies are the agency names Report picks from.
var Agencies = []string{"宁波市北仑区司法局", "平潭综合实验区公安局", "湛江市人民政府地方志办公室", "区统计局", "洪泽区人民政府", "某某县交通运输局"}

// genValue returns a small count, now and then a larger one.
func genValue(rng *rand.Rand) int64 {
	switch k := rng.IntN(20); {
	case k < 13:
		return 0
	case k < 18:
		return int64(1 + rng.IntN(3))
	default:
		return int64(10 + rng.IntN(40))
	}
}

// Report returns a random report that satisfies R1–R5, for one of
// Agencies.
func Report(rng *rand.Rand, t report.Template) *report.Report {
	r := report.Empty(t)
	r.Agency = Agencies[rng.IntN(len(Agencies))]
	if t == report.Template2019 {
		r.Year = 2019 + rng.IntN(2)
	} else {
		r.Year = 2021 + rng.IntN(4)
	}
	r.Date = fmt.Sprintf("%d-01-%02d", r.Year+1, 10+rng.IntN(20))
	q := &r.Requests
	row := func(id report.RowID) {
		if q[id] == nil {
			return
		}
		var s int64
		for c := 0; c < 6; c++ {
			v := genValue(rng)
			q[id][c] = report.N(v)
			s += v
		}
		q[id][6] = report.N(s)
	}
	for _, id := range report.ResultRows() {
		row(id)
	}
	row(report.CarriedOver)
	row(report.CarriedForward)
	for c := 0; c < report.NumCols; c++ {
		var tot int64
		for _, id := range report.ResultRows() {
			if q[id] != nil {
				tot += q[id][c].V
			}
		}
		q[report.RowTotal][c] = report.N(tot)
	}
	// new = total + carried_forward − carried_over, not negative.
	for c := 0; c < 6; c++ {
		if d := q[report.CarriedOver][c].V - q[report.RowTotal][c].V - q[report.CarriedForward][c].V; d > 0 {
			q[report.CarriedForward][c].V += d
		}
	}
	var cf, nw int64
	for c := 0; c < 6; c++ {
		cf += q[report.CarriedForward][c].V
		v := q[report.RowTotal][c].V + q[report.CarriedForward][c].V - q[report.CarriedOver][c].V
		q[report.New][c] = report.N(v)
		nw += v
	}
	q[report.CarriedForward][6] = report.N(cf)
	q[report.New][6] = report.N(nw)
	for _, g := range r.ReviewLitigation.Groups() {
		c := g.Cells()
		var s int64
		for o := 0; o < 4; o++ {
			v := genValue(rng) % 5
			*c[o] = report.N(v)
			s += v
		}
		*c[4] = report.N(s)
	}
	if t == report.Template2019 {
		p := r.Proactive2019
		for _, tr := range []*report.Triple2019{&p.Regulations, &p.NormativeDocuments} {
			tr.Made, tr.Published, tr.Total = report.N(genValue(rng)%10), report.N(genValue(rng)%10), report.N(genValue(rng)%10)
		}
		for _, it := range []*report.Items2019{&p.Licensing, &p.OtherServices, &p.Penalty, &p.Coercion, &p.Fees} {
			it.PrevYear, it.Change, it.Decisions = report.N(genValue(rng)%10), report.N(0), report.N(genValue(rng)%10)
		}
		p.Fees.Decisions = report.Num{}
		p.ProcurementCount, p.ProcurementAmount = report.N(genValue(rng)%10), "0"
		return r
	}
	p := &r.Proactive
	for _, tr := range []*report.Triple{&p.Regulations, &p.NormativeDocuments} {
		tr.Issued, tr.Repealed, tr.InForce = report.N(genValue(rng)%10), report.N(genValue(rng)%10), report.N(genValue(rng)%10)
	}
	p.LicensingDecisions, p.PenaltyDecisions, p.CoercionDecisions = report.N(genValue(rng)), report.N(genValue(rng)), report.N(genValue(rng))
	p.FeesWanYuan = report.D("0")
	return r
}

// A genRow is one row of a rendered table: its label (possibly in two
// parts, a group label and the row's own) and its values.
type genRow struct {
	label string
	vals  []string
}

// genTables lists the rows of tables 二, 三 and 四 with the headers between
// them, in template order; a row without values is a header.
func genTables(r *report.Report) (t2, t3, t4 []genRow) {
	ns := func(ns ...report.Num) []string {
		out := make([]string, len(ns))
		for i, n := range ns {
			out[i] = n.String()
		}
		return out
	}
	if r.Template == report.Template2019 {
		p := r.Proactive2019
		t2 = []genRow{{label: "第二十条第（一）项"}, {label: "信息内容 本年新制作数量 本年新公开数量 对外公开总数量"},
			{"规章", ns(p.Regulations.Made, p.Regulations.Published, p.Regulations.Total)},
			{"规范性文件", ns(p.NormativeDocuments.Made, p.NormativeDocuments.Published, p.NormativeDocuments.Total)},
			{label: "第二十条第（五）项"}, {label: "信息内容 上一年项目数量 本年增/减 处理决定数量"},
			{"行政许可", ns(p.Licensing.PrevYear, p.Licensing.Change, p.Licensing.Decisions)},
			{"其他对外管理服务事项", ns(p.OtherServices.PrevYear, p.OtherServices.Change, p.OtherServices.Decisions)},
			{label: "第二十条第（六）项"}, {label: "信息内容 上一年项目数量 本年增/减 处理决定数量"},
			{"行政处罚", ns(p.Penalty.PrevYear, p.Penalty.Change, p.Penalty.Decisions)},
			{"行政强制", ns(p.Coercion.PrevYear, p.Coercion.Change, p.Coercion.Decisions)},
			{label: "第二十条第（八）项"}, {label: "信息内容 上一年项目数量 本年增/减"},
			{"行政事业性收费", ns(p.Fees.PrevYear, p.Fees.Change)},
			{label: "第二十条第（九）项"}, {label: "信息内容 采购项目数量 采购总金额（元）"},
			{"政府集中采购", []string{p.ProcurementCount.String(), p.ProcurementAmount}},
		}
	} else {
		p := &r.Proactive
		t2 = []genRow{{label: "第二十条第（一）项"}, {label: "信息内容 本年制发件数 本年废止件数 现行有效件数"},
			{"规章", ns(p.Regulations.Issued, p.Regulations.Repealed, p.Regulations.InForce)},
			{"行政规范性文件", ns(p.NormativeDocuments.Issued, p.NormativeDocuments.Repealed, p.NormativeDocuments.InForce)},
			{label: "第二十条第（五）项"}, {label: "信息内容 本年处理决定数量"},
			{"行政许可", ns(p.LicensingDecisions)},
			{label: "第二十条第（六）项"}, {label: "信息内容 本年处理决定数量"},
			{"行政处罚", ns(p.PenaltyDecisions)}, {"行政强制", ns(p.CoercionDecisions)},
			{label: "第二十条第（八）项"}, {label: "信息内容 本年收费金额（单位：万元）"},
			{"行政事业性收费", []string{p.FeesWanYuan.String()}},
		}
	}
	t3 = []genRow{{label: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"}, {label: "申请人情况"},
		{label: "自然人 法人或其他组织 总计"}, {label: "商业企业 科研机构 社会公益组织 法律服务机构 其他"}}
	group := ""
	for i, ri := range report.Rows {
		row := r.Requests[i]
		if row == nil {
			continue
		}
		label := ri.Label
		if report.RowID(i) == report.OtherOther && r.Template == report.Template2019 {
			label, ri.Group = "（六）其他处理", "三、本年度办理结果"
		}
		if ri.Group != group {
			if ri.Group != "" && ri.Group != "三、本年度办理结果" || report.RowID(i) == report.Granted {
				label = ri.Group + " " + label
			}
			group = ri.Group
		}
		t3 = append(t3, genRow{label, ns(row[:]...)})
	}
	var v4 []string
	for _, g := range r.ReviewLitigation.Groups() {
		for _, n := range g.Cells() {
			v4 = append(v4, n.String())
		}
	}
	t4 = []genRow{{label: "行政复议 行政诉讼"}, {label: "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉"},
		{label: "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计"}, {vals: v4}}
	return t2, t3, t4
}

// Render renders r in family f.
func Render(r *report.Report, f Family) string {
	t2, t3, t4 := genTables(r)
	y, m, d := 0, 0, 0
	fmt.Sscanf(r.Date, "%d-%d-%d", &y, &m, &d)
	title := fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Agency, r.Year)
	var b strings.Builder
	switch f {
	case Glued:
		fmt.Fprintf(&b, "标题: %s\n发布时间: %d-%02d-%02d 09:30\n文号: \n原文链接: https://example.gov.cn/art/%d.html\n==================== 正文 ====================\n", title, y, m, d, r.Year)
		fmt.Fprintf(&b, "根据《中华人民共和国政府信息公开条例》，特编制本报告。一、总体情况%d年，我局（……）二、主动公开政府信息情况", r.Year)
		glue := func(rows []genRow) {
			for _, g := range rows {
				b.WriteString(strings.ReplaceAll(g.label, " ", ""))
				b.WriteString(strings.Join(g.vals, ""))
			}
		}
		glue(t2)
		b.WriteString("三、收到和处理政府信息公开申请情况")
		glue(t3)
		b.WriteString("四、政府信息公开行政复议、行政诉讼情况")
		glue(t4)
		fmt.Fprintf(&b, "五、存在的主要问题及改进情况（……）六、其他需要报告的事项无。 %s %d年%d月%d日\n", r.Agency, y, m, d)
		return b.String()
	case CellLines:
		fmt.Fprintf(&b, "根据《中华人民共和国政府信息公开条例》规定，现公布%s%d年政府信息公开工作年度报告。\n一、总体情况\n%d年，我局认真做好政府信息公开工作。\n二、主动公开政府信息情况\n", r.Agency, r.Year, r.Year)
		cells := func(rows []genRow) {
			for _, g := range rows {
				for _, w := range strings.Fields(g.label) {
					b.WriteString(w + " |\n")
				}
				if g.label != "" && len(g.vals) == 0 {
					b.WriteString("|||\n")
				}
				for _, v := range g.vals {
					b.WriteString(v + " |\n")
				}
				if len(g.vals) > 0 && len(g.vals) < 7 {
					b.WriteString("||\n")
				}
			}
		}
		cells(t2)
		b.WriteString("三、收到和处理政府信息公开申请情况\n")
		cells(t3)
		b.WriteString("四、政府信息公开行政复议、行政诉讼情况\n")
		cells(t4)
		fmt.Fprintf(&b, "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n%s\n%d年%d月%d日\n", r.Agency, y, m, d)
		return b.String()
	case Pipes:
		fmt.Fprintf(&b, "%s\n\n一、总体情况\n\n%d年，本机关认真做好政府信息公开工作。\n\n二、主动公开政府信息情况\n\n", title, r.Year)
		pipes := func(rows []genRow) {
			for _, g := range rows {
				cells := append(strings.Fields(g.label), g.vals...)
				b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			}
		}
		pipes(t2)
		b.WriteString("\n三、收到和处理政府信息公开申请情况\n\n")
		pipes(t3)
		b.WriteString("\n四、政府信息公开行政复议、行政诉讼情况\n\n")
		pipes(t4)
		fmt.Fprintf(&b, "\n五、存在的主要问题及改进情况\n\n无。\n\n六、其他需要报告的事项\n\n无。\n\n%s\n%d年%d月%d日\n", r.Agency, y, m, d)
		return b.String()
	}
	// Layout: labels padded, values at runs of spaces; long labels wrap
	// onto a second line after the values.
	fmt.Fprintf(&b, "              %s\n\n一、总体情况\n    %d 年，本机关认真做好政府信息公开工作。\n二、主动公开政府信息情况\n", title, r.Year)
	layout := func(rows []genRow) {
		for _, g := range rows {
			fields := strings.Fields(g.label)
			wrap := ""
			if k := len(fields) - 1; k >= 0 && len(g.vals) > 0 {
				if rs := []rune(fields[k]); len(rs) > 20 {
					fields[k], wrap = string(rs[:16]), string(rs[16:])
				}
			}
			b.WriteString("  " + strings.Join(fields, "    "))
			for _, v := range g.vals {
				b.WriteString("      " + v)
			}
			b.WriteString("\n")
			if wrap != "" {
				b.WriteString("          " + wrap + "\n")
			}
		}
	}
	layout(t2)
	b.WriteString("三、收到和处理政府信息公开申请情况\n")
	layout(t3)
	b.WriteString("四、政府信息公开行政复议、行政诉讼情况\n")
	layout(t4)
	fmt.Fprintf(&b, "五、存在的主要问题及改进情况\n    无。\n六、其他需要报告的事项\n    无。\n                                  %s\n                                  %d 年 %d 月 %d 日\n", r.Agency, y, m, d)
	return b.String()
}

// BBox renders r as pdftotext -bbox-layout output of a PDF whose table
// labels wrap: a label longer than wrap characters breaks over lines, its
// values sit beside the middle line, group labels stand in a column of
// their own — the layout that flowed text reads wrongly.
func BBox(r *report.Report, wrap int) string {
	t2, t3, t4 := genTables(r)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>\x01</title></head><body><doc><page width=\"595\" height=\"842\">\n")
	y := 60.0
	const lh = 10.0
	word := func(x, y float64, s string) {
		w := 0.0
		for _, r := range s {
			if r < 0x80 {
				w += 5
			} else {
				w += 9
			}
		}
		fmt.Fprintf(&b, "<word xMin=\"%.3f\" yMin=\"%.3f\" xMax=\"%.3f\" yMax=\"%.3f\">%s</word>\n", x, y, x+w, y+lh-1, s)
	}
	para := func(s string) {
		word(60, y, s)
		y += lh + 8
	}
	table := func(rows []genRow) {
		for _, g := range rows {
			fields := strings.Fields(g.label)
			if len(g.vals) == 0 {
				// a header row: first word in the label column, the rest over the values
				for k, f := range fields {
					x := 140.0
					if k > 0 {
						x = 300 + float64(k-1)*38
					}
					word(x, y, f)
				}
				y += lh + 6
				continue
			}
			label := fields[len(fields)-1]
			var lines []string
			for rs := []rune(label); len(rs) > 0; {
				n := min(wrap, len(rs))
				lines = append(lines, string(rs[:n]))
				rs = rs[n:]
			}
			top := y
			for _, l := range lines {
				word(140, y, l)
				y += lh + 1
			}
			mid := top + float64(len(lines)-1)*(lh+1)/2
			if len(fields) > 1 {
				word(40, mid, strings.Join(fields[:len(fields)-1], ""))
			}
			for k, v := range g.vals {
				word(300+float64(k)*38, mid, v)
			}
			y += 8
		}
	}
	para(fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Agency, r.Year))
	para("一、总体情况")
	para("本机关认真做好政府信息公开工作。")
	para("二、主动公开政府信息情况")
	table(t2)
	para("三、收到和处理政府信息公开申请情况")
	table(t3)
	para("四、政府信息公开行政复议、行政诉讼情况")
	for _, g := range t4[:3] {
		for k, f := range strings.Fields(g.label) {
			word(60+float64(k)*34, y, f)
		}
		y += lh + 6
	}
	for k, v := range t4[3].vals {
		word(60+float64(k)*34, y, v)
	}
	y += lh + 12
	para("五、存在的主要问题及改进情况")
	para("无。")
	para("六、其他需要报告的事项")
	para("无。")
	yy, m, d := 0, 0, 0
	fmt.Sscanf(r.Date, "%d-%d-%d", &yy, &m, &d)
	b.WriteString("</page><page width=\"595\" height=\"842\">\n")
	fmt.Fprintf(&b, "<word xMin=\"400\" yMin=\"100\" xMax=\"480\" yMax=\"109\">%s</word>\n", r.Agency)
	fmt.Fprintf(&b, "<word xMin=\"400\" yMin=\"120\" xMax=\"480\" yMax=\"129\">%d年%d月%d日</word>\n", yy, m, d)
	b.WriteString("</page></doc></body></html>\n")
	return b.String()
}
