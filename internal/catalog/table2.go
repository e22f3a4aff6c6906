package catalog

import (
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

// A RegisterDoc is what table 二 needs of a published 规章 or 行政规范性文件.
type RegisterDoc struct {
	IndexNo           string
	DocType           DocType
	FormedOn          calendar.Date
	Validity          Validity
	ValidityChangedOn calendar.Date
	PublishedAt       time.Time // first publication (the 2019 template counts it)
}

// A Table2 is table 二 of the 2021 template compiled from records, with
// the records behind each cell (索引号, 文书号, or fee ids as "fee:ID").
type Table2 struct {
	Proactive report.Proactive
	Cells     map[report.CellID][]string
}

// CompileTable2 fills table 二 of the report on year from the register
// (catalog.md §3, decision where the template is silent):
//
//   - 本年制发: items of the type formed in the year;
//   - 本年废止: items whose validity became repealed or expired in the year;
//   - 现行有效: formed on or before 31 December and not repealed or expired
//     by then, so R7 (in force = last year's + issued − repealed) holds by
//     construction;
//   - 处理决定数量: decisions dated in the year, by kind (第二十条第（五）、（六）项);
//   - 收费金额: the sum of fees dated in the year, exact, in 万元 (第（八）项).
func CompileTable2(year int, docs []RegisterDoc, decisions []Decision, fees []Fee) Table2 {
	lo, hi := calendar.D(year, 1, 1), calendar.D(year, 12, 31)
	in := func(d calendar.Date) bool { return !d.IsZero() && !d.Before(lo) && !d.After(hi) }
	t := Table2{Cells: map[report.CellID][]string{}}
	var counts = map[report.CellID]int64{}
	add := func(id report.CellID, ref string) {
		counts[id]++
		t.Cells[id] = append(t.Cells[id], ref)
	}
	for _, d := range docs {
		key := map[DocType]string{Regulation: "regulations", Normative: "normative_documents"}[d.DocType]
		if key == "" || d.FormedOn.IsZero() {
			continue
		}
		p := "proactive." + key + "."
		if in(d.FormedOn) {
			add(report.CellID(p+"issued"), d.IndexNo)
		}
		ended := d.Validity.Ended() && !d.ValidityChangedOn.IsZero()
		if ended && in(d.ValidityChangedOn) {
			add(report.CellID(p+"repealed"), d.IndexNo)
		}
		if !d.FormedOn.After(hi) && !(ended && !d.ValidityChangedOn.After(hi)) {
			add(report.CellID(p+"in_force"), d.IndexNo)
		}
	}
	for _, d := range decisions {
		if !in(d.On) {
			continue
		}
		id := map[DecisionKind]report.CellID{Licensing: "proactive.licensing_decisions", Penalty: "proactive.penalty_decisions",
			Coercion: "proactive.coercion_decisions"}[d.Kind]
		if id != "" {
			add(id, d.DocNo)
		}
	}
	var fen int64
	for _, f := range fees {
		if in(f.On) {
			fen += f.Fen
			t.Cells["proactive.fees_wan_yuan"] = append(t.Cells["proactive.fees_wan_yuan"], "fee:"+strconv.FormatInt(f.ID, 10))
		}
	}
	n := func(id string) report.Num { return report.N(counts[report.CellID(id)]) }
	t.Proactive = report.Proactive{
		Regulations: report.Triple{Issued: n("proactive.regulations.issued"), Repealed: n("proactive.regulations.repealed"),
			InForce: n("proactive.regulations.in_force")},
		NormativeDocuments: report.Triple{Issued: n("proactive.normative_documents.issued"),
			Repealed: n("proactive.normative_documents.repealed"), InForce: n("proactive.normative_documents.in_force")},
		LicensingDecisions: n("proactive.licensing_decisions"),
		PenaltyDecisions:   n("proactive.penalty_decisions"),
		CoercionDecisions:  n("proactive.coercion_decisions"),
		FeesWanYuan:        report.D(WanYuan(fen)),
	}
	return t
}

// A Table2019 is table 二 of the 2019 (试行) template, used for the
// reports on 2019 and 2020 (regulation.md §1.2), compiled from records as
// far as they go, with the records behind each cell.
type Table2019 struct {
	Proactive report.Proactive2019
	Cells     map[report.CellID][]string
}

// Filled2019 are the cells of the 2019 template's table 二 that
// CompileTable2019 fills; the others stay absent.
var Filled2019 = []report.CellID{
	"proactive_2019.regulations.made", "proactive_2019.regulations.published", "proactive_2019.regulations.total",
	"proactive_2019.normative_documents.made", "proactive_2019.normative_documents.published", "proactive_2019.normative_documents.total",
	"proactive_2019.licensing.decisions", "proactive_2019.penalty.decisions", "proactive_2019.coercion.decisions",
}

// CompileTable2019 fills table 二 of the 2019 template for the report on
// year from the register and the decisions (decision where the template
// is silent, catalog.md §3 read for the older columns):
//
//   - 规章 / 规范性文件 本年新制作数量: items of the type formed in the year;
//   - 本年新公开数量: items of the type first published in the year (a
//     Beijing day);
//   - 对外公开总数量: items of the type first published by 31 December of
//     the year and not withdrawn — repealed or expired ones included, since
//     they stay public, marked 废止/失效 (61号);
//   - 行政许可 / 行政处罚 / 行政强制 处理决定数量: decisions dated in the
//     year, by kind (第二十条第（五）、（六）项).
//
// Every other cell stays absent, never 0: 上一年项目数量 and 本年增/减 count
// the agency's 事项 (its list of licensing, enforcement and fee items),
// 其他对外管理服务事项 has no decision kind, and 政府集中采购 has no record in
// gongkai. Staff enter those by hand.
func CompileTable2019(year int, docs []RegisterDoc, decisions []Decision) Table2019 {
	hi := calendar.D(year, 12, 31)
	t := Table2019{Cells: map[report.CellID][]string{}}
	counts := map[report.CellID]int64{}
	add := func(id report.CellID, ref string) {
		counts[id]++
		t.Cells[id] = append(t.Cells[id], ref)
	}
	for _, d := range docs {
		key := map[DocType]string{Regulation: "regulations", Normative: "normative_documents"}[d.DocType]
		if key == "" {
			continue
		}
		p := "proactive_2019." + key + "."
		if !d.FormedOn.IsZero() && d.FormedOn.Year() == year {
			add(report.CellID(p+"made"), d.IndexNo)
		}
		if d.PublishedAt.IsZero() {
			continue
		}
		on := calendar.Of(d.PublishedAt.In(CST))
		if on.Year() == year {
			add(report.CellID(p+"published"), d.IndexNo)
		}
		if !on.After(hi) {
			add(report.CellID(p+"total"), d.IndexNo)
		}
	}
	for _, d := range decisions {
		if d.On.IsZero() || d.On.Year() != year {
			continue
		}
		id := map[DecisionKind]report.CellID{Licensing: "proactive_2019.licensing.decisions", Penalty: "proactive_2019.penalty.decisions",
			Coercion: "proactive_2019.coercion.decisions"}[d.Kind]
		if id != "" {
			add(id, d.DocNo)
		}
	}
	n := func(id string) report.Num { return report.N(counts[report.CellID(id)]) }
	tri := func(key string) report.Triple2019 {
		p := "proactive_2019." + key + "."
		return report.Triple2019{Made: n(p + "made"), Published: n(p + "published"), Total: n(p + "total")}
	}
	t.Proactive = report.Proactive2019{
		Regulations:        tri("regulations"),
		NormativeDocuments: tri("normative_documents"),
		Licensing:          report.Items2019{Decisions: n("proactive_2019.licensing.decisions")},
		Penalty:            report.Items2019{Decisions: n("proactive_2019.penalty.decisions")},
		Coercion:           report.Items2019{Decisions: n("proactive_2019.coercion.decisions")},
	}
	return t
}
