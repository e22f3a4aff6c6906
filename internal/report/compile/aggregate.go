package compile

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/gongkai/gongkai/internal/report"
)

// An Absence is a cell that some of the aggregated reports leave empty.
type Absence struct {
	Cell report.CellID
	// Agencies are the agencies whose report lacks the cell, in input order.
	Agencies []string
}

// numRef is one whole-number cell of a report, by id.
type numRef struct {
	id report.CellID
	n  *report.Num
}

// numRefs lists every whole-number cell of r in template order, rows the
// report lacks included as nil pointers (so that all reports of one
// template list the same ids in the same order).
func numRefs(r *report.Report) []numRef {
	var out []numRef
	add := func(id string, n *report.Num) { out = append(out, numRef{report.CellID(id), n}) }
	tri := func(key string, t *report.Triple) {
		add("proactive."+key+".issued", &t.Issued)
		add("proactive."+key+".repealed", &t.Repealed)
		add("proactive."+key+".in_force", &t.InForce)
	}
	p := &r.Proactive
	tri("regulations", &p.Regulations)
	tri("normative_documents", &p.NormativeDocuments)
	add("proactive.licensing_decisions", &p.LicensingDecisions)
	add("proactive.penalty_decisions", &p.PenaltyDecisions)
	add("proactive.coercion_decisions", &p.CoercionDecisions)
	if q := r.Proactive2019; q != nil {
		tri19 := func(key string, t *report.Triple2019) {
			add("proactive_2019."+key+".made", &t.Made)
			add("proactive_2019."+key+".published", &t.Published)
			add("proactive_2019."+key+".total", &t.Total)
		}
		items := func(key string, it *report.Items2019) {
			add("proactive_2019."+key+".prev_year", &it.PrevYear)
			add("proactive_2019."+key+".change", &it.Change)
			add("proactive_2019."+key+".decisions", &it.Decisions)
		}
		tri19("regulations", &q.Regulations)
		tri19("normative_documents", &q.NormativeDocuments)
		items("licensing", &q.Licensing)
		items("other_services", &q.OtherServices)
		items("penalty", &q.Penalty)
		items("coercion", &q.Coercion)
		items("fees", &q.Fees)
		add("proactive_2019.procurement_count", &q.ProcurementCount)
	}
	for i, row := range r.Requests {
		for c := report.Col(0); c < report.NumCols; c++ {
			var n *report.Num
			if row != nil {
				n = &row[c]
			}
			add(string(report.ReqCell(report.RowID(i), c)), n)
		}
	}
	for g, grp := range r.ReviewLitigation.Groups() {
		for o, n := range grp.Cells() {
			add(string(report.RLCell(g, o)), n)
		}
	}
	return out
}

// Aggregate sums the reports of several agencies on one year into the
// report of a supervising body named agency (条例 第五十条 leaves the
// supervisor's own report to it; the tables of its area are the sums).
// Every cell is the sum of the reports that have it; a cell absent from all
// of them stays absent. The cells some reports lack are returned as
// absences, so the supervisor can tell a 0 from a gap. All reports must be
// on the same year and in the same template. The 2019 template's
// 采购总金额 is written free-form and is not summed.
func Aggregate(agency string, year int, reports []*report.Report) (*report.Report, []Absence, error) {
	if len(reports) == 0 {
		return nil, nil, fmt.Errorf("compile: aggregate: no reports")
	}
	t := reports[0].Template
	for _, r := range reports {
		if r.Year != year {
			return nil, nil, fmt.Errorf("compile: aggregate: report of %s is on %d; want %d", r.Agency, r.Year, year)
		}
		if r.Template != t {
			return nil, nil, fmt.Errorf("compile: aggregate: report of %s uses template %s; want %s", r.Agency, r.Template, t)
		}
	}
	out := report.Empty(t)
	out.Agency, out.Year = agency, year
	for i := range out.Requests {
		if out.Requests[i] == nil {
			out.Requests[i] = &report.Row{}
		}
	}
	dst := numRefs(out)
	missing := make([][]string, len(dst))
	rowSeen := make([]bool, report.NumRows)
	for _, r := range reports {
		for i, ref := range numRefs(r) {
			if ref.n == nil || !ref.n.Valid {
				missing[i] = append(missing[i], r.Agency)
				continue
			}
			d := dst[i].n
			*d = report.N(d.V + ref.n.V)
		}
		for i, row := range r.Requests {
			if row != nil {
				rowSeen[i] = true
			}
		}
	}
	for i, seen := range rowSeen {
		if !seen {
			out.Requests[i] = nil
		}
	}
	var abs []Absence
	for i, m := range missing {
		if len(m) > 0 {
			abs = append(abs, Absence{Cell: dst[i].id, Agencies: m})
		}
	}
	fees, feesMissing, err := sumFees(reports)
	if err != nil {
		return nil, nil, err
	}
	out.Proactive.FeesWanYuan = fees
	if len(feesMissing) > 0 {
		abs = append(abs, Absence{Cell: "proactive.fees_wan_yuan", Agencies: feesMissing})
	}
	return out, abs, nil
}

// sumFees adds the fees cells (万元, decimals) exactly, keeping as many
// decimals as the most precise input.
func sumFees(reports []*report.Report) (report.Dec, []string, error) {
	var (
		sum     big.Rat
		prec    int
		seen    bool
		missing []string
	)
	for _, r := range reports {
		d := r.Proactive.FeesWanYuan
		if !d.Valid {
			missing = append(missing, r.Agency)
			continue
		}
		var v big.Rat
		if !report.IsDecimal(d.S) {
			return report.Dec{}, nil, fmt.Errorf("compile: aggregate: fees of %s %q are not a decimal", r.Agency, d.S)
		}
		if _, ok := v.SetString(d.S); !ok {
			return report.Dec{}, nil, fmt.Errorf("compile: aggregate: fees of %s %q are not a decimal", r.Agency, d.S)
		}
		if i := strings.IndexByte(d.S, '.'); i >= 0 {
			prec = max(prec, len(d.S)-i-1)
		}
		sum.Add(&sum, &v)
		seen = true
	}
	if !seen {
		return report.Dec{}, missing, nil
	}
	return report.D(sum.FloatString(prec)), missing, nil
}

// A CellValue is one whole-number cell of a report, Value invalid when
// the report leaves it empty (or lacks its row).
type CellValue struct {
	ID    report.CellID
	Value report.Num
}

// CellValues lists every whole-number cell of r in template order, the
// absent ones included with an invalid Value, as Aggregate sums them: the
// normalized form a supervisor's overview is computed from. The fees cell
// (万元, a decimal) is not among them.
func CellValues(r *report.Report) []CellValue {
	refs := numRefs(r)
	out := make([]CellValue, len(refs))
	for i, ref := range refs {
		out[i].ID = ref.id
		if ref.n != nil {
			out[i].Value = *ref.n
		}
	}
	return out
}

// FromSums builds the aggregate report of template t from the sum of each
// cell of StoredCells (computed elsewhere, in SQL): a cell without a sum
// stays absent, never 0; the fees cell's sum is in millionths of 万元
// (report.DecScale) and is written back as a decimal.
func FromSums(t report.Template, agency string, year int, sums map[report.CellID]int64) *report.Report {
	out := report.Empty(t)
	out.Agency, out.Year = agency, year
	for _, ref := range numRefs(out) {
		if v, ok := sums[ref.id]; ok && ref.n != nil {
			*ref.n = report.N(v)
		}
	}
	if v, ok := sums[FeesCell]; ok {
		out.Proactive.FeesWanYuan = report.N(v).Unscaled()
	}
	return out
}

// FeesCell is table 二's fees cell (第二十条第（八）项, 万元, a decimal).
const FeesCell report.CellID = "proactive.fees_wan_yuan"

// StoredCells is CellValues followed by the fees cell as a whole number of
// millionths of 万元 (report.Dec.Scaled: 分, so that SQL sums it exactly):
// the cells a supervisor's overview stores and sums, absent ones included.
func StoredCells(r *report.Report) []CellValue {
	return append(CellValues(r), CellValue{ID: FeesCell, Value: r.Proactive.FeesWanYuan.Scaled()})
}
