package catalog_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// doc2019 is a generated register item with its day of first publication.
type doc2019 struct {
	dt        catalog.DocType
	formed    calendar.Date
	published time.Time
	withdrawn bool
}

// oracle2019 counts the 2019 template's table 二 straight from the words
// of CompileTable2019's doc: made by formation year, published by the
// Beijing day of first publication, total published by 31 December,
// withdrawn items never counted, decisions by kind and date.
func oracle2019(year int, docs []doc2019, ds []catalog.Decision) report.Proactive2019 {
	tri := func(dt catalog.DocType) report.Triple2019 {
		var made, pub, total int64
		for _, d := range docs {
			if d.dt != dt || d.withdrawn {
				continue
			}
			py, _, _ := d.published.In(catalog.CST).Date()
			if d.formed.Year() == year {
				made++
			}
			if py == year {
				pub++
			}
			if py <= year {
				total++
			}
		}
		return report.Triple2019{Made: report.N(made), Published: report.N(pub), Total: report.N(total)}
	}
	var k [3]int64
	for _, d := range ds {
		if d.On.Year() == year {
			k[map[catalog.DecisionKind]int{catalog.Licensing: 0, catalog.Penalty: 1, catalog.Coercion: 2}[d.Kind]]++
		}
	}
	return report.Proactive2019{Regulations: tri(catalog.Regulation), NormativeDocuments: tri(catalog.Normative),
		Licensing: report.Items2019{Decisions: report.N(k[0])}, Penalty: report.Items2019{Decisions: report.N(k[1])},
		Coercion: report.Items2019{Decisions: report.N(k[2])}}
}

// TestTable2019FromRandomRecords generates items and decisions over
// 2018–2021, stores them through the service and checks table 二 of the
// 2019 template for 2019 and 2020 against the oracle: the cells records
// give are filled (including publications at 23:30 Beijing time on 31
// December, which belong to that year), and every other cell stays absent,
// never 0. On SQLite and PostgreSQL.
func TestTable2019FromRandomRecords(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		rng := rand.New(rand.NewPCG(19, 2020))
		var docs []doc2019
		var text strings.Builder
		for i := range 120 {
			d := doc2019{dt: []catalog.DocType{catalog.Regulation, catalog.Normative, catalog.Normative, catalog.Policy}[rng.IntN(4)],
				formed: calendar.D(2018, 1, 1).AddDays(rng.IntN(4 * 365))}
			pubDay := d.formed.AddDays(rng.IntN(60))
			d.published = time.Date(pubDay.Year(), pubDay.Month(), pubDay.Day(), 9, 0, 0, 0, catalog.CST)
			if i%10 == 0 { // late in the evening of a year's last day
				d.published = time.Date(d.formed.Year(), 12, 31, 23, 30, 0, 0, catalog.CST)
			}
			extra := ""
			if d.dt.HasValidity() {
				extra = `,"validity":"in_force"`
				if rng.IntN(4) == 0 {
					extra = fmt.Sprintf(`,"validity":"repealed","validity_changed_on":"%s","replaced_by":"Z/99999"`, pubDay.AddDays(200))
				}
			}
			if d.withdrawn = rng.IntN(15) == 0; d.withdrawn {
				extra += `,"withdrawn":{"at":"2022-05-01T00:00:00Z","reason":"误发"}`
			}
			docs = append(docs, d)
			fmt.Fprintf(&text, `{"index_no":"Z/%05d","title":"文件%d","category":"rules/normative","doc_type":"%s","formed_on":"%s","published_at":"%s"%s}`+"\n",
				i, i, d.dt, d.formed, d.published.Format(time.RFC3339), extra)
		}
		lines, err := catalog.ReadItems(strings.NewReader(text.String()), w.a.Name, tree, nil)
		w.must(err)
		_, err = w.svc.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, nil)
		w.must(err)
		var ds []catalog.Decision
		for i := range 150 {
			ds = append(ds, catalog.Decision{DocNo: fmt.Sprintf("决〔%d〕", i), On: calendar.D(2018, 6, 1).AddDays(rng.IntN(3 * 365)),
				Kind: []catalog.DecisionKind{catalog.Licensing, catalog.Penalty, catalog.Coercion}[rng.IntN(3)]})
		}
		w.must(w.svc.ImportDecisions(ctx, audit.CLI, w.a.ID, ds))

		for _, year := range []int{2019, 2020} {
			got, err := w.svc.Table2019(ctx, w.a.ID, year)
			w.must(err)
			if want := oracle2019(year, docs, ds); got.Proactive != want {
				t.Errorf("%d:\n got %+v\nwant %+v", year, got.Proactive, want)
			}
			p := got.Proactive
			if n := int64(len(got.Cells["proactive_2019.normative_documents.total"])); n != p.NormativeDocuments.Total.V {
				t.Errorf("%d: %d records behind 对外公开总数量 %d", year, n, p.NormativeDocuments.Total.V)
			}
			for name, n := range map[string]report.Num{"licensing.prev_year": p.Licensing.PrevYear, "licensing.change": p.Licensing.Change,
				"other_services.decisions": p.OtherServices.Decisions, "penalty.prev_year": p.Penalty.PrevYear,
				"fees.prev_year": p.Fees.PrevYear, "fees.change": p.Fees.Change, "procurement_count": p.ProcurementCount} {
				if n.Valid {
					t.Errorf("%d: %s = %d; records cannot give it, it must stay absent", year, name, n.V)
				}
			}
			if p.ProcurementAmount != "" {
				t.Errorf("%d: 采购总金额 %q; want absent", year, p.ProcurementAmount)
			}
		}
		for id := range (catalog.CompileTable2019(2020, nil, nil)).Cells {
			t.Errorf("no records, yet cell %s has records behind it", id)
		}
		empty := catalog.CompileTable2019(2020, nil, nil).Proactive
		if !empty.NormativeDocuments.Made.Valid || empty.NormativeDocuments.Made.V != 0 || !slices.Contains(catalog.Filled2019, "proactive_2019.coercion.decisions") {
			t.Errorf("no records: %+v; the cells records give are 0, not absent", empty)
		}
	})
}
