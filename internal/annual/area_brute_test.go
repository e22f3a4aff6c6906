package annual_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// randomCases are a few requests received in year, some answered.
func randomCases(rng *rand.Rand, year int) []compile.Case {
	var cs []compile.Case
	for i := range rng.IntN(5) {
		c := compile.Case{ID: fmt.Sprintf("%d-%04d", year, i), Received: calendar.D(year, time.Month(1+rng.IntN(11)), 1+rng.IntN(28)),
			Applicant: report.Col(rng.IntN(6))}
		if rng.IntN(2) == 0 {
			c.Outcome, c.Ended = report.Granted+report.RowID(rng.IntN(3)), calendar.D(year, 12, 30)
		}
		cs = append(cs, c)
	}
	return cs
}

// areaWorld is a random area below a 人民政府: agencies that published in
// gongkai, imported their report, keep records without publishing, or
// have nothing, no-report offices, and a 人民政府 below whose published
// report is an area report.
type areaWorld struct {
	gov      agency.Agency
	all      []agency.Agency
	children map[int64][]agency.Agency
	cases    fakeCases
}

func newAreaWorld(t *testing.T, st *sqlstore.Store, rng *rand.Rand, seed uint64, year int) *areaWorld {
	t.Helper()
	ctx := context.Background()
	w := &areaWorld{children: map[int64][]agency.Agency{}, cases: fakeCases{}}
	gov, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("区%d人民政府", seed), Kind: agency.Government, CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	w.gov, w.all = gov, []agency.Agency{gov}
	w.cases[gov.ID] = randomCases(rng, year)
	// An agency outside the area: never summed.
	if _, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("区外%d局", seed), Kind: agency.Department, CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	publish := func(a agency.Agency, rep *report.Report, imported bool) {
		snap, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(year+1, 1, 10, 3, 0, 0, 0, time.UTC)
		rec := annual.Record{AgencyID: a.ID, Year: year, Status: annual.Published, Snapshot: snap, UpdatedBy: "x", UpdatedAt: at, PublishedBy: "head", PublishedAt: at}
		if imported {
			err = st.ImportReport(ctx, rec, annual.ImportSource{File: a.Name + ".txt", Format: "text", BlobKey: "k", SHA256: "s", Size: 1, ImportedBy: "super", ImportedAt: at})
		} else {
			rec.Status = annual.Draft
			if err = st.SaveReportEntries(ctx, rec); err == nil {
				rec.Status = annual.Published
				err = st.PublishReport(ctx, rec)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 30 {
		p := w.all[rng.IntN(len(w.all))]
		kind := []agency.Kind{agency.Department, agency.Department, agency.Township, agency.Other, agency.Government}[rng.IntN(5)]
		a, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("机关%d-%02d", seed, i), Kind: kind, ParentID: p.ID,
			NoReport: rng.IntN(10) == 0, CreatedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		w.all = append(w.all, a)
		w.children[p.ID] = append(w.children[p.ID], a)
		rep := randomReport(rng, a.Name, year)
		rep.Proactive.FeesWanYuan = []report.Dec{{}, report.D("1.5"), report.D("0.25"), report.D("3")}[rng.IntN(4)]
		switch rng.IntN(5) {
		case 0: // published in gongkai; a government's, an area report
			publish(a, rep, false)
			if a.Kind == agency.Government {
				if err := st.SaveArea(ctx, annual.Area{AgencyID: a.ID, Year: year, Base: rep, Own: rep, CompiledBy: "x", CompiledAt: time.Now()}); err != nil {
					t.Fatal(err)
				}
			}
		case 1:
			publish(a, rep, true)
		case 2: // records only: requests, and sometimes a draft with table 二
			w.cases[a.ID] = randomCases(rng, year)
			if rng.IntN(2) == 0 {
				e := annual.Entries{Proactive: rep.Proactive}
				if err := st.SaveReportEntries(ctx, annual.Record{AgencyID: a.ID, Year: year, Entries: e, Status: annual.Draft, UpdatedBy: "x", UpdatedAt: time.Now()}); err != nil {
					t.Fatal(err)
				}
			}
		case 3: // a draft and nothing else: it keeps its report here
			if err := st.SaveReportEntries(ctx, annual.Record{AgencyID: a.ID, Year: year, Status: annual.Draft, UpdatedBy: "x", UpdatedAt: time.Now()}); err != nil {
				t.Fatal(err)
			}
		}
		// case 4: nothing at all — absent, never 0
	}
	return w
}

// bruteArea is the area computed the obvious way: walk the tree, take each
// agency's report (published snapshot, or compiled from its cases and its
// draft's table 二, or nothing), and add up every cell that is present.
func bruteArea(t *testing.T, st *sqlstore.Store, w *areaWorld, year int) (sums map[report.CellID]*big.Rat, absent map[report.CellID][]string) {
	t.Helper()
	ctx := context.Background()
	sums, absent = map[report.CellID]*big.Rat{}, map[report.CellID][]string{}
	add := func(name string, rep *report.Report) {
		for _, c := range rep.Cells() {
			if !c.Present() {
				absent[c.ID] = append(absent[c.ID], name)
				continue
			}
			v := new(big.Rat)
			if c.IsDec {
				v.SetString(c.Dec.S)
			} else {
				v.SetInt64(c.Num.V)
			}
			if sums[c.ID] == nil {
				sums[c.ID] = new(big.Rat)
			}
			sums[c.ID].Add(sums[c.ID], v)
		}
	}
	own, err := compile.Compile(w.gov.Name, year, w.cases[w.gov.ID])
	if err != nil {
		t.Fatal(err)
	}
	add(w.gov.Name, own.Report)
	var walk func(id int64)
	walk = func(id int64) {
		for _, a := range w.children[id] {
			if a.NoReport {
				walk(a.ID)
				continue
			}
			rec, err := st.ReportRecord(ctx, a.ID, year)
			switch {
			case err == nil && rec.Status == annual.Published:
				rep, err := rec.Report()
				if err != nil {
					t.Fatal(err)
				}
				add(a.Name, rep)
				if _, err := st.Area(ctx, a.ID, year); err == nil && a.Kind == agency.Government {
					continue // its area report covers its subtree
				}
			case err == nil || len(w.cases[a.ID]) > 0:
				res, err := compile.Compile(a.Name, year, w.cases[a.ID])
				if err != nil {
					t.Fatal(err)
				}
				res.Report.Proactive = rec.Entries.Proactive
				add(a.Name, res.Report)
			default:
				add(a.Name, report.Empty(compile.TemplateFor(year)))
			}
			walk(a.ID)
		}
	}
	walk(w.gov.ID)
	return sums, absent
}

// TestAreaEqualsBruteForce compiles the whole-area draft of a 人民政府 over
// random subtrees mixing published, imported, records-only and absent
// agencies, and checks every cell of tables 二, 三 and 四 (the fees
// included) against the brute-force sum of the agencies that have it, and
// the absences against the agencies that lack it, on both dialects.
func TestAreaEqualsBruteForce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		const year = 2022
		var partial, whole, sources int
		for seed := uint64(1); seed <= 4; seed++ {
			rng := rand.New(rand.NewPCG(seed, 49))
			w := newAreaWorld(t, st, rng, seed, year)
			svc, err := annual.New(st, w.cases, st, &audit.Log{Store: st})
			if err != nil {
				t.Fatal(err)
			}
			clerk := staff(1, "clerk", w.gov.ID, nil, account.Clerk)
			a, err := svc.CompileArea(ctx, clerk, w.gov.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			sums, absent := bruteArea(t, st, w, year)
			for _, c := range a.Base.Cells() {
				want, ok := sums[c.ID]
				switch {
				case !ok && c.Present():
					t.Errorf("seed %d: %s is %s; want absent (no agency has it)", seed, c.ID, c.String())
				case ok && !c.Present():
					t.Errorf("seed %d: %s is absent; want %s", seed, c.ID, want.FloatString(2))
				case ok:
					got := new(big.Rat)
					if c.IsDec {
						got.SetString(c.Dec.S)
					} else {
						got.SetInt64(c.Num.V)
					}
					if got.Cmp(want) != 0 {
						t.Errorf("seed %d: %s is %s; want %s", seed, c.ID, c.String(), want.FloatString(2))
					}
				}
			}
			gotAbsent := map[report.CellID][]string{}
			for _, ab := range a.Absences {
				gotAbsent[ab.Cell] = ab.Agencies
			}
			for id, names := range absent {
				if _, ok := sums[id]; ok {
					partial++
				} else {
					whole++
				}
				g := slices.Clone(gotAbsent[id])
				slices.Sort(g)
				slices.Sort(names)
				if !slices.Equal(g, names) {
					t.Errorf("seed %d: %s absent in %v; want %v", seed, id, g, names)
				}
				delete(gotAbsent, id)
			}
			for id, names := range gotAbsent {
				t.Errorf("seed %d: %s absent in %v; want none", seed, id, names)
			}
			// The stored draft is the government's report, from the area.
			stored, err := st.Area(ctx, w.gov.ID, year)
			if err != nil || len(stored.Sources) != len(a.Sources) || stored.CompiledBy != "clerk" {
				t.Fatalf("seed %d: stored area %+v, %v", seed, stored.Sources, err)
			}
			b, err := svc.Build(ctx, clerk, w.gov.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			if d := report.Diff(b.Report, a.Base); b.Area == nil || len(compile.CellValues(b.Report)) == 0 || len(diffCells(d)) > 0 {
				t.Errorf("seed %d: the draft differs from the area: %v", seed, diffCells(d))
			}
			sources += len(a.Sources)
		}
		if partial == 0 || whole == 0 || sources < 40 {
			t.Errorf("the random areas had %d partly and %d wholly absent cells, %d agencies: the comparison tested little", partial, whole, sources)
		}
	})
}

// diffCells keeps the lines of report.Diff about cells (not the date or
// the agency's name).
func diffCells(d []string) []string {
	var out []string
	for _, l := range d {
		if len(l) > 6 && (l[:6] == "reques" || l[:6] == "proact" || l[:6] == "review") {
			out = append(out, l)
		}
	}
	return out
}
