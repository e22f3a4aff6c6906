package annual_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// randomReport fills about two cells in three of tables 三 and 四 and of
// table 二 with small numbers (zeros among them), and the fees (万元) with
// a decimal of up to six places; the rest stay absent.
func randomReport(rng *rand.Rand, name string, year int) *report.Report {
	r := report.Empty(compile.TemplateFor(year))
	r.Agency, r.Year, r.Date = name, year, fmt.Sprintf("%d-%02d-15", year+1, 1+rng.IntN(4))
	set := func(n *report.Num) {
		if rng.IntN(3) > 0 {
			*n = report.N(int64(rng.IntN(4)))
		}
	}
	for _, row := range r.Requests {
		if row != nil {
			for c := range row {
				set(&row[c])
			}
		}
	}
	for _, g := range r.ReviewLitigation.Groups() {
		for _, n := range g.Cells() {
			set(n)
		}
	}
	set(&r.Proactive.Regulations.Issued)
	set(&r.Proactive.LicensingDecisions)
	if rng.IntN(3) > 0 {
		places := rng.IntN(7)
		f := strconv.Itoa(rng.IntN(5000))
		if places > 0 {
			f += "." + fmt.Sprintf("%0*d", places, rng.IntN(int(math.Pow10(places))))
		}
		r.Proactive.FeesWanYuan = report.D(f)
	}
	return r
}

// bruteOverview is the overview computed the slow, obvious way: every
// agency of the scope read and its report decoded, validated and summed
// with compile.Aggregate, as before the facts were stored — and the
// absences compile.Aggregate lists, every agency under every cell.
func bruteOverview(t testing.TB, st *sqlstore.Store, scope []int64, year int, today calendar.Date) (annual.Overview, []compile.Absence) {
	t.Helper()
	ctx := context.Background()
	ov := annual.Overview{Year: year}
	var reps []*report.Report
	for _, id := range scope {
		ag, err := st.Agency(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if ag.NoReport {
			continue
		}
		dl := annual.DeadlineOf(ag, year)
		row := annual.AgencyStatus{AgencyID: id, Agency: ag.Name, Kind: ag.Kind, Deadline: calendar.D(dl.Year(), dl.Month(), dl.Day())}
		rec, err := st.ReportRecord(ctx, id, year)
		if err == nil {
			row.Status = rec.Status
		}
		if row.Status == annual.Published {
			rep, err := rec.Report()
			if err != nil {
				t.Fatal(err)
			}
			row.Errors, row.Warnings = report.Count(report.ValidateWith(rep, nil, annual.ValidateOptions(ag)))
			row.PublishedAt = rec.PublishedAt
			row.Late = calendar.Of(rec.PublishedAt.In(time.FixedZone("CST", 8*3600))).After(row.Deadline)
			reps = append(reps, rep)
			ov.Published++
		} else {
			row.Late = today.After(row.Deadline)
			e := report.Empty(compile.TemplateFor(year))
			e.Agency, e.Year = ag.Name, year
			reps = append(reps, e)
		}
		ov.Rows = append(ov.Rows, row)
	}
	if len(reps) == 0 {
		return ov, nil
	}
	agg, abs, err := compile.Aggregate("", year, reps)
	if err != nil {
		t.Fatal(err)
	}
	ov.Aggregate = agg
	return ov, abs
}

// TestOverviewEqualsBruteForce builds random hierarchies with random
// kinds, no-report offices, drafts and published reports with absent
// cells, and checks that the overview read from the stored facts equals
// the brute-force recomputation for random scopes, on both dialects.
func TestOverviewEqualsBruteForce(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		const year = 2022
		var published, absences, rows, fees int
		for seed := uint64(1); seed <= 3; seed++ {
			rng := rand.New(rand.NewPCG(seed, 13))
			var ids []int64
			for i := range 40 {
				a := agency.Agency{Name: fmt.Sprintf("机关%d-%02d", seed, i), Kind: agency.Kinds[rng.IntN(len(agency.Kinds))],
					NoReport: rng.IntN(8) == 0, CreatedAt: time.Now()}
				if i > 0 {
					a.ParentID = ids[rng.IntN(len(ids))]
				}
				a, err := st.CreateAgency(ctx, a)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, a.ID)
				if rng.IntN(4) == 0 {
					continue // nothing stored
				}
				rec := annual.Record{AgencyID: a.ID, Year: year, Status: annual.Draft, UpdatedBy: "clerk", UpdatedAt: time.Now()}
				if err := st.SaveReportEntries(ctx, rec); err != nil {
					t.Fatal(err)
				}
				if rng.IntN(3) == 0 {
					continue // a draft
				}
				rep := randomReport(rng, a.Name, year)
				snap, err := json.Marshal(rep)
				if err != nil {
					t.Fatal(err)
				}
				rec.Status, rec.Snapshot, rec.PublishedBy = annual.Published, snap, "head"
				rec.PublishedAt = time.Date(year+1, time.Month(1+rng.IntN(4)), 1+rng.IntN(28), 3, 0, 0, 0, time.UTC)
				if err := st.PublishReport(ctx, rec); err != nil {
					t.Fatal(err)
				}
				if rng.IntN(5) > 0 { // the rest are "published before 00162": the overview backfills them
					f := annual.FactsOf(a.ID, year, rep, report.ValidateWith(rep, nil, annual.ValidateOptions(a)))
					if err := st.SaveReportFacts(ctx, f); err != nil {
						t.Fatal(err)
					}
				}
			}
			now := time.Date(year+1, 2, 10, 2, 0, 0, 0, time.UTC)
			svc, err := annual.New(st, fakeCases{}, st, &audit.Log{Store: st})
			if err != nil {
				t.Fatal(err)
			}
			svc.Now = func() time.Time { return now }
			check := func(stage string) {
				t.Helper()
				for _, scope := range randomScopes(t, st, rng, ids) {
					root := scope[0]
					w := casework.Staffer{Subject: authSubject(root, scope)}
					got, err := svc.Overview(ctx, w, year)
					if err != nil {
						t.Fatal(err)
					}
					want, wantAbs := bruteOverview(t, st, scope, year, calendar.Of(now.In(time.FixedZone("CST", 8*3600))))
					for i := range got.Rows {
						got.Rows[i].PublishedAt, want.Rows[i].PublishedAt = got.Rows[i].PublishedAt.UTC(), want.Rows[i].PublishedAt.UTC()
					}
					published, absences, rows = published+got.Published, absences+len(got.Absent), rows+len(got.Rows)
					if !reflect.DeepEqual(got.Rows, want.Rows) || got.Published != want.Published {
						t.Fatalf("seed %d %s scope %v: rows\n%+v\nwant\n%+v", seed, stage, scope, got.Rows, want.Rows)
					}
					if abs := got.Absences(); !reflect.DeepEqual(abs, wantAbs) {
						t.Errorf("seed %d %s scope %v: absences\n%v\nwant\n%v", seed, stage, scope, abs, wantAbs)
					}
					checkAbsentPages(t, got)
					checkCellAbsences(t, svc, scope, got)
					if (got.Aggregate == nil) != (want.Aggregate == nil) {
						t.Fatalf("seed %d %s scope %v: aggregate %v; want %v", seed, stage, scope, got.Aggregate, want.Aggregate)
					}
					if got.Aggregate != nil {
						g, wnt := compile.CellValues(got.Aggregate), compile.CellValues(want.Aggregate)
						if !reflect.DeepEqual(g, wnt) {
							t.Errorf("seed %d %s scope %v: aggregate cells differ", seed, stage, scope)
						}
						// The fees are summed in 分 and written back without
						// trailing zeros: the same number, maybe not the
						// same text.
						if gf, wf := got.Aggregate.Proactive.FeesWanYuan, want.Aggregate.Proactive.FeesWanYuan; !sameDecimal(gf, wf) {
							t.Errorf("seed %d %s scope %v: fees %v; want %v", seed, stage, scope, gf, wf)
						}
						if got.Aggregate.Proactive.FeesWanYuan.Valid {
							fees++
						}
					}
				}
			}
			check("published")
			// Corrections replace a published report's facts: the sums
			// kept per subtree follow.
			for i := 0; i < 8; i++ {
				id := ids[rng.IntN(len(ids))]
				rec, err := st.ReportRecord(ctx, id, year)
				if err != nil || rec.Status != annual.Published {
					continue
				}
				ag, err := st.Agency(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				rep := randomReport(rng, ag.Name, year)
				if rec.Snapshot, err = json.Marshal(rep); err != nil {
					t.Fatal(err)
				}
				if _, err := st.CorrectReport(ctx, rec, annual.Version{Note: "更正", PublishedBy: "head", PublishedAt: now}); err != nil {
					t.Fatal(err)
				}
				if err := st.SaveReportFacts(ctx, annual.FactsOf(id, year, rep, report.ValidateWith(rep, nil, annual.ValidateOptions(ag)))); err != nil {
					t.Fatal(err)
				}
			}
			check("corrected")
			// Moves: an agency and its subtree go under another parent
			// (never one inside the subtree, which the schema refuses).
			for moved := 0; moved < 4; {
				id, to := ids[1+rng.IntN(len(ids)-1)], ids[rng.IntN(len(ids))]
				sub, err := st.Subtree(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				q := fmt.Sprintf("UPDATE agencies SET parent_id = %d WHERE id = %d", to, id)
				_, err = st.DB().ExecContext(ctx, q)
				if slices.Contains(sub, to) {
					if err == nil {
						t.Fatalf("moving agency %d under %d inside its own subtree: no error", id, to)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				moved++
			}
			check("moved")
			for _, id := range ids { // the overview backfilled what was missing
				ag, err := st.Agency(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if rec, err := st.ReportRecord(ctx, id, year); err == nil && rec.Status == annual.Published && !ag.NoReport {
					if _, err := st.ReportFacts(ctx, id, year); err != nil {
						t.Errorf("agency %d: no facts after the overview: %v", id, err)
					}
				}
			}
		}
		if published == 0 || absences == 0 || rows == 0 || fees == 0 {
			t.Errorf("the random worlds had %d rows, %d published, %d absences, %d fees summed: the comparison tested little", rows, published, absences, fees)
		}
	})
}

// randomScopes returns scopes to compare on: the whole tree, two random
// subtrees, the union of two subtrees (an office that oversees another's
// subtree, 条例第五十条) and a random scattering of agencies. Each is
// sorted, as agency.Scope and Subtree return them.
func randomScopes(t *testing.T, st *sqlstore.Store, rng *rand.Rand, ids []int64) [][]int64 {
	t.Helper()
	ctx := context.Background()
	all, err := st.ListAgencies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	children := map[int64][]int64{}
	for _, a := range all {
		children[a.ParentID] = append(children[a.ParentID], a.ID)
	}
	// sub walks the parents, not the closure table, and checks Subtree
	// (which reads the closure) agrees.
	sub := func(id int64) []int64 {
		s := []int64{id}
		for i := 0; i < len(s); i++ {
			s = append(s, children[s[i]]...)
		}
		slices.Sort(s)
		if got, err := st.Subtree(ctx, id); err != nil || !slices.Equal(got, s) {
			t.Fatalf("Subtree(%d) = %v, %v; want %v", id, got, err, s)
		}
		return s
	}
	pick := func() int64 { return ids[rng.IntN(len(ids))] }
	union := append(sub(pick()), sub(pick())...)
	slices.Sort(union)
	union = slices.Compact(union)
	var scattered []int64
	for _, id := range ids {
		if rng.IntN(3) == 0 {
			scattered = append(scattered, id)
		}
	}
	if len(scattered) == 0 {
		scattered = ids[:1]
	}
	return [][]int64{sub(ids[0]), sub(pick()), sub(pick()), union, scattered}
}

// sameDecimal reports whether two decimal cells are both absent or hold
// the same number.
func sameDecimal(a, b report.Dec) bool {
	if !a.Valid || !b.Valid {
		return a.Valid == b.Valid
	}
	x, okx := new(big.Rat).SetString(a.S)
	y, oky := new(big.Rat).SetString(b.S)
	return okx && oky && x.Cmp(y) == 0
}

func authSubject(agencyID int64, scope []int64) auth.Subject {
	return auth.Subject{UserID: 99, Login: "super", AgencyID: agencyID, Roles: []account.Role{account.Supervisor}, Scope: scope}
}
