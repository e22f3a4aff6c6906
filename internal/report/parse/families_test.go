package parse

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

// gluedReport builds a crawled page whose body is one line with every
// cell run together; rows maps a row label (as printed) to its digits and
// order lists the labels as printed.
func gluedReport(header string, rows [][2]string, rl string) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("一、总体情况2023年，本局（……）二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件102第二十条第（五）项信息内容本年处理决定数量行政许可12第二十条第（六）项信息内容本年处理决定数量行政处罚3行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0")
	b.WriteString("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
	for _, r := range rows {
		b.WriteString(r[0] + r[1])
	}
	b.WriteString("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")
	b.WriteString(rl)
	b.WriteString("五、存在的主要问题及改进情况（……）六、其他需要报告的事项无。 某市某区交通运输局 2024年1月18日 （联系人：张三，电话：0591-1234567）\n")
	return b.String()
}

// tableRows returns the rows of table 三 as a crawler prints them, every
// row "0000000" except those given.
func tableRows(over map[report.RowID]string) [][2]string {
	var out [][2]string
	for i, ri := range report.Rows {
		label := ri.Label
		switch report.RowID(i) {
		case report.Granted:
			label = "三、本年度办理结果" + label
		case report.WithheldStateSecret, report.UnavailableNotHeld, report.RejectedPetition, report.OtherNoCorrection:
			label = ri.Group + label
		}
		d := "0000000"
		if v, ok := over[report.RowID(i)]; ok {
			d = v
		}
		out = append(out, [2]string{label, d})
	}
	return out
}

const crawlHeader = "标题: 某市某区交通运输局2023年政府信息公开工作年度报告\n发布时间: 2024-01-20 10:00\n文号: \n发布机构: 某市某区交通运输局\n原文链接: https://example.gov.cn/a/1.html\n===== 正文 =====\n"

// TestGluedSplits checks the arithmetic that splits run-together digits.
func TestGluedSplits(t *testing.T) {
	zero := "000000000000000"
	tests := []struct {
		name      string
		rows      map[report.RowID]string
		rl        string
		want      map[report.CellID]string // "" for absent
		rules     []string                 // error rules expected
		ambiguous []report.CellID          // absent with the candidates listed
	}{
		{
			name: "two-digit cells forced by the row sum",
			rows: map[report.RowID]string{report.New: "120000012", report.Granted: "120000012", report.RowTotal: "120000012"},
			rl:   zero,
			want: map[report.CellID]string{"requests.new.natural_person": "12", "requests.new.total": "12", "requests.total.natural_person": "12"},
		},
		{
			// 10|1|0|0|0|0|11 or 1|0|10|0|0|0|11: the row sum, R1 and R3 hold
			// for both when the three rows agree — the reader must not choose.
			name:      "ambiguous split is reported, not guessed",
			rows:      map[report.RowID]string{report.New: "101000011", report.Granted: "101000011", report.RowTotal: "101000011"},
			rl:        zero,
			want:      map[report.CellID]string{"requests.new.natural_person": "", "requests.new.commercial": "", "requests.new.research": "", "requests.new.social_welfare": "0", "requests.new.total": "11"},
			rules:     []string{report.RuleCells},
			ambiguous: []report.CellID{"requests.new.natural_person", "requests.new.commercial", "requests.new.research", "requests.total.research"},
		},
		{
			// The new row alone is ambiguous (10|1|… or 1|0|10|…); granted
			// and total are single digits, so R1 forces new = total.
			name: "column sums force the ambiguous row",
			rows: map[report.RowID]string{report.New: "101000011", report.Granted: "10 1 0 0 0 0 11", report.RowTotal: "10 1 0 0 0 0 11"},
			rl:   zero,
			want: map[report.CellID]string{"requests.new.natural_person": "10", "requests.new.commercial": "1", "requests.new.research": "0"},
		},
		{
			// Every row splits one way: the printed 总计 row breaks R3.
			name:  "a real R3 error is found",
			rows:  map[report.RowID]string{report.New: "3000003", report.Granted: "2000002", report.RowTotal: "3000003"},
			rl:    zero,
			want:  map[report.CellID]string{"requests.total.natural_person": "3", "requests.granted.natural_person": "2"},
			rules: []string{report.RuleResults},
		},
		{
			// The 总计 row is ambiguous by itself (10|1|… or 1|0|10|…); R3
			// over the single-digit result rows holds for neither, R1 forces
			// the first: R3's error is still reported.
			name:  "R3 error found when R1 forces the split",
			rows:  map[report.RowID]string{report.New: "10 1 0 0 0 0 11", report.Granted: "1000001", report.RowTotal: "101000011"},
			rl:    zero,
			want:  map[report.CellID]string{"requests.total.natural_person": "10", "requests.total.commercial": "1", "requests.total.research": "0"},
			rules: []string{report.RuleResults},
		},
		{
			name:  "a real R1 error is found",
			rows:  map[report.RowID]string{report.New: "2000002", report.Granted: "1000001", report.RowTotal: "1000001"},
			rl:    zero,
			want:  map[report.CellID]string{"requests.new.total": "2", "requests.total.total": "1"},
			rules: []string{report.RuleBalance},
		},
		{
			name: "spaces keep the cells they separate",
			rows: map[report.RowID]string{report.New: "2 0 00 0 0 2", report.Granted: "2 0 0 0 0 0 2", report.RowTotal: "2 0 00 0 0 2"},
			rl:   zero,
			want: map[report.CellID]string{"requests.new.natural_person": "2", "requests.new.total": "2"},
		},
		{
			name: "full-width digits",
			rows: map[report.RowID]string{report.New: "１０００００１", report.Granted: "１０００００１", report.RowTotal: "１０００００１"},
			rl:   zero,
			want: map[report.CellID]string{"requests.new.natural_person": "1", "requests.total.total": "1"},
		},
		{
			// 15 values in 17 digits: 2|10|0|0|12 is the only split of the
			// first group that sums (21|0|0|0|12 and 2|1|0|0|0… do not).
			name: "table 四 split by its group sums",
			rows: nil,
			rl:   "21000120000000000",
			want: map[report.CellID]string{"review_litigation.review.upheld": "2", "review_litigation.review.corrected": "10", "review_litigation.review.total": "12", "review_litigation.litigation_after_review.total": "0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := gluedReport(crawlHeader, tableRows(tt.rows), tt.rl)
			r, err := Parse("crawled.txt", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if r.Agency != "某市某区交通运输局" || r.Year != 2023 || r.Date != "2024-01-18" {
				t.Errorf("metadata: %q %d %q", r.Agency, r.Year, r.Date)
			}
			cells := map[report.CellID]report.Cell{}
			for _, c := range r.Cells() {
				cells[c.ID] = c
			}
			for id, w := range tt.want {
				c := cells[id]
				got := c.String()
				if !c.Present() {
					got = ""
				}
				if got != w {
					t.Errorf("%s: got %q; want %q", id, got, w)
				}
			}
			for _, id := range tt.ambiguous {
				found := false
				for _, p := range r.Source.Problems {
					if p.Cell == id && strings.Contains(p.Reason, "种拆分") && strings.Contains(p.Reason, "|") {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: no problem with the candidate splits in %+v", id, r.Source.Problems)
				}
			}
			got := errorRules(report.Validate(r, nil))
			if strings.Join(got, ",") != strings.Join(tt.rules, ",") {
				for _, f := range report.Validate(r, nil) {
					t.Log(f.Rule, f.Message)
				}
				t.Errorf("rules: got %v; want %v", got, tt.rules)
			}
		})
	}
}

// TestGluedRowOrderAndWrap: rows printed in another order and a crawler
// page whose 2019-template table has one （六）其他处理 row.
func TestGluedRowOrder(t *testing.T) {
	rows := tableRows(map[report.RowID]string{report.New: "3000003", report.Granted: "2000002", report.UnavailableNotHeld: "1000001", report.RowTotal: "3000003"})
	// 结转下年度 printed before （七）总计.
	n := len(rows)
	rows[n-1], rows[n-2] = rows[n-2], rows[n-1]
	r, err := Parse("order.txt", []byte(gluedReport(crawlHeader, rows, "000000000000000")))
	if err != nil {
		t.Fatal(err)
	}
	if got := errorRules(report.Validate(r, nil)); len(got) != 0 {
		t.Errorf("rules broken: %v", got)
	}
	if v := r.Requests[report.RowTotal][0]; v != report.N(3) {
		t.Errorf("total.natural_person = %v", v)
	}
}

// TestGluedArabicItem: 第二十条第（1）项 written with a digit is a header,
// not a value.
func TestGluedArabicItem(t *testing.T) {
	text := strings.ReplaceAll(gluedReport(crawlHeader, tableRows(nil), "000000000000000"), "第二十条第（一）项", "第二十条第（1）项")
	r, err := Parse("item.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Proactive.NormativeDocuments; p.Issued != report.N(1) || p.InForce != report.N(2) {
		t.Errorf("normative documents: %+v", p)
	}
	for _, p := range r.Source.Problems {
		t.Errorf("problem %s %q: %s", p.Cell, p.Text, p.Reason)
	}
}

// TestGluedProse: a long sentence that names rows of table 三 with counts
// is prose, not a run-together table, and does not claim the rows before
// the table does.
func TestGluedProse(t *testing.T) {
	prose := "2023年，本机关本年新收政府信息公开申请数量12件，上年结转政府信息公开申请数量1件，其中予以公开8件，部分公开2件，不予公开1件，无法提供1件，结转下年度继续办理1件，办理情况均按时答复，未发生行政复议和行政诉讼。\n"
	text := "某区民政局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + prose +
		"一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12\n二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n"
	r, err := Parse("prose.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Requests[report.New]; got[0] != report.N(12) || got[6] != report.N(12) {
		t.Errorf("new: %v", *got)
	}
	for _, p := range r.Source.Problems {
		t.Errorf("problem %s %q: %s", p.Cell, p.Text, p.Reason)
	}
}

// TestPipeFamilies covers the pipe layouts of HTML-to-text converters.
func TestPipeFamilies(t *testing.T) {
	t.Run("pipe row with empty cells keeps its columns", func(t *testing.T) {
		text := "三、收到和处理政府信息公开申请情况\n| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n" +
			"| 一、本年新收政府信息公开申请数量 | 258 | 12 |  |  | 1 | 1 | 272 |\n" +
			"（一）予以公开 | 258 | 12 |  |  | 1 | 1 | 272 |\n"
		r, err := Parse("pipes.txt", []byte("某县水利局2023年政府信息公开工作年度报告\n"+text))
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range []report.RowID{report.New, report.Granted} {
			got := r.Requests[row]
			want := report.Row{report.N(258), report.N(12), {}, {}, report.N(1), report.N(1), report.N(272)}
			if *got != want {
				t.Errorf("%s: got %v; want %v", report.Rows[row].ID, *got, want)
			}
		}
	})
	t.Run("pipe row that lost its trailing blank cells", func(t *testing.T) {
		text := "某县水利局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
			"| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n" +
			"（一）予以公开 | 258 | 12 |  |  | 1 | 1 |\n（二）部分公开 | 1 | 2 | 3 |\n"
		r, err := Parse("pipes.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		want := report.Row{report.N(258), report.N(12), {}, {}, report.N(1), report.N(1), {}}
		if got := r.Requests[report.Granted]; *got != want {
			t.Errorf("granted: got %v; want %v", *got, want)
		}
		lost := false
		for _, p := range r.Source.Problems {
			if p.Cell == "requests.granted.total" && strings.Contains(p.Reason, "截去") {
				lost = true
			}
		}
		if !lost {
			t.Errorf("no problem for the lost total cell: %+v", r.Source.Problems)
		}
		// Without a blank cell inside, a short row is not placed by guess.
		if got := r.Requests[report.PartiallyGranted]; got[0].Valid {
			t.Errorf("partially_granted placed: %v", *got)
		}
	})
	t.Run("one cell per line with slash and blank cells", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("根据《条例》规定，特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告。\n二、主动公开政府信息情况\n")
		for _, l := range []string{"第二十条第（一）项 |", "|||", "信息内容 |", "本年制发件数 |", "本年废止件数 |", "现行有效件数 |",
			"规章 |", "/ |", "|", "3 |", "行政规范性文件 |", "0 |", "1 |", "5 |", "第二十条第（五）项 |", "|||", "信息内容 |", "本年处理决定数量 |", "||", "行政许可 |", "7 |", "||",
			"三、收到和处理政府信息公开申请情况", "申请人情况 |", "||||||||", "自然人 |", "法人或其他组织 |", "总计 |",
			"一、本年新收政府信息公开申请数量 |", "2 |", "|", "0 |", "0 |", "0 |", "0 |", "2 |", "||"} {
			b.WriteString(l + "\n")
		}
		r, err := Parse("cells.txt", []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if r.Agency != "湛江市人民政府地方志办公室" || r.Year != 2023 {
			t.Errorf("metadata: %q %d", r.Agency, r.Year)
		}
		p := r.Proactive
		if p.Regulations.Issued.Valid || p.Regulations.Repealed.Valid || p.Regulations.InForce != report.N(3) {
			t.Errorf("regulations: %+v", p.Regulations)
		}
		if p.NormativeDocuments.InForce != report.N(5) || p.LicensingDecisions != report.N(7) {
			t.Errorf("proactive: %+v", p)
		}
		want := report.Row{report.N(2), {}, report.N(0), report.N(0), report.N(0), report.N(0), report.N(2)}
		if *r.Requests[report.New] != want {
			t.Errorf("new: got %v; want %v", *r.Requests[report.New], want)
		}
		// The page stops after row 一: the rest is missing, not blank.
		if r.Requests[report.CarriedForward] != nil {
			t.Error("rows the page never reached should be missing")
		}
		rules := errorRules(report.Validate(r, nil))
		if strings.Join(rules, ",") != report.RuleCells+","+report.RuleSections {
			t.Errorf("rules: %v", rules)
		}
	})
}

// TestMetadataSources covers agency, year and date without a title line.
func TestMetadataSources(t *testing.T) {
	body := "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n（一）予以公开 1 0 0 0 0 0 1\n"
	tests := []struct {
		name, text, agency string
		year               int
		date               string
	}{
		{"first sentence", "根据《中华人民共和国政府信息公开条例》规定,现公布区统计局2023年政府信息公开工作年度报告。本报告由六部分组成。\n" + body, "区统计局", 2023, ""},
		{"特编制", "根据《条例》要求，特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告。\n" + body, "湛江市人民政府地方志办公室", 2023, ""},
		{"crawler header, publication date", "标题: 某县统计局2022年政府信息公开工作年度报告\n发布时间: 2023-01-30 08:00\n栏目: 年报\n原文链接: http://x/y\n===== 正文 =====\n" + body, "某县统计局", 2022, "2023-01-30"},
		{"signature only", body + "某县档案馆\n2023年1月9日\n", "某县档案馆", 2022, "2023-01-09"},
		{"signature agency", "本报告统计期限自2022年1月1日起至2022年12月31日止。\n" + body + "某县档案馆\n2023年1月9日\n", "某县档案馆", 2022, "2023-01-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("m.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if r.Agency != tt.agency || r.Year != tt.year || r.Date != tt.date {
				t.Errorf("got %q %d %q; want %q %d %q", r.Agency, r.Year, r.Date, tt.agency, tt.year, tt.date)
			}
		})
	}
}

// TestNotAReport: pages that are not reports fail with the reason.
func TestNotAReport(t *testing.T) {
	tests := []struct{ name, text string }{
		{"list page", "政府信息公开年报\n某局2022年政府信息公开工作年度报告 2023-01-10\n某局2021年政府信息公开工作年度报告 2022-01-12\n"},
		{"labels without numbers", "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n（一）予以公开\n"},
		{"a single row, no agency or year", "当前位置：首页\n一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n下一页\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("page.txt", []byte(tt.text))
			if err == nil || !errors.Is(err, ErrNotReport) && !errors.Is(err, ErrNoRequestTable) {
				t.Fatalf("err = %v; want not a report", err)
			}
		})
	}
}
