package catalog

import (
	"strconv"

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
