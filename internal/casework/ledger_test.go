package casework_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/request"
)

// TestLedgerTwoYears is issue 4's property through the database: a ledger
// of two years of random requests imports, and the report on the second
// year compiled from the stored requests balances (R1–R4), carries over
// exactly the first year's carried_forward (R6), and equals the report
// compiled straight from the ledger; the export of each year compiles to
// the same report again.
func TestLedgerTwoYears(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		led := gen.Ledger(gen.Options{Seed: 42, N: 1500, From: d("2022-01-01"), To: d("2023-12-31"), AsOf: d("2024-01-31"), Notes: true})
		res, err := w.svc.ImportLedger(ctx, audit.CLI, w.a.ID, led)
		if err != nil {
			t.Fatal(err)
		}
		if res.Requests != 1500 || res.Open == 0 || res.Appeals == 0 {
			t.Errorf("import %+v", res)
		}
		first, _, err := w.svc.Compile(ctx, w.a.ID, "北仑区司法局", 2022)
		if err != nil {
			t.Fatal(err)
		}
		second, n, err := w.svc.Compile(ctx, w.a.ID, "北仑区司法局", 2023)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1500 {
			t.Errorf("compiled %d cases", n)
		}
		for _, f := range report.Validate(second.Report, first.Report) {
			switch f.Rule[:3] {
			case "R1-", "R2-", "R3-", "R4-", "R6-":
				t.Errorf("Validate: %s %s", f.Rule, f.Message)
			}
		}
		q := second.Report.Requests
		if fmt.Sprint(q[report.CarriedOver]) != fmt.Sprint(first.Report.Requests[report.CarriedForward]) || q[report.CarriedOver][report.ColTotal].V == 0 {
			t.Errorf("carried over %v; first year's carried forward %v", q[report.CarriedOver], first.Report.Requests[report.CarriedForward])
		}
		direct, err := compile.Compile("北仑区司法局", 2023, led.Cases())
		if err != nil {
			t.Fatal(err)
		}
		if diff := report.Diff(second.Report, direct.Report); len(diff) > 0 {
			t.Errorf("database and ledger reports differ: %v", diff)
		}
		for _, year := range []int{2022, 2023} {
			out, err := w.svc.ExportLedger(ctx, audit.CLI, w.a.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			fromFile, err := compile.Compile("北仑区司法局", year, out.Cases())
			if err != nil {
				t.Fatal(err)
			}
			fromDB, _, _ := w.svc.Compile(ctx, w.a.ID, "北仑区司法局", year)
			if diff := report.Diff(fromFile.Report, fromDB.Report); len(diff) > 0 {
				t.Errorf("%d: export compiles differently: %v", year, diff)
			}
			if len(out.NoteHeaders) != 1 || out.NoteHeaders[0] != "备注" {
				t.Errorf("note headers %v", out.NoteHeaders)
			}
		}
	})
}

// TestLedgerImportAllOrNothing: a second import of the same numbers is
// refused with a problem per row, and nothing of it is stored.
func TestLedgerImportAllOrNothing(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		led := gen.Ledger(gen.Options{Seed: 1, N: 30, From: d("2023-01-01"), To: d("2023-12-31")})
		if _, err := w.svc.ImportLedger(ctx, audit.CLI, w.a.ID, led); err != nil {
			t.Fatal(err)
		}
		more := gen.Ledger(gen.Options{Seed: 2, N: 40, From: d("2023-01-01"), To: d("2023-12-31")})
		_, err := w.svc.ImportLedger(ctx, audit.CLI, w.a.ID, more)
		var probs ledger.Problems
		if !errors.As(err, &probs) || len(probs) != 30 || probs[0].Column != "申请编号" {
			t.Fatalf("err = %v; want 30 problems", err)
		}
		recs, _ := w.st.ListRequests(ctx, casework_Filter(w.a.ID))
		if len(recs) != 30 {
			t.Errorf("%d stored; want the first 30 only", len(recs))
		}
		// Another agency may use the same numbers.
		if _, err := w.svc.ImportLedger(ctx, audit.CLI, w.b.ID, more); err != nil {
			t.Errorf("other agency: %v", err)
		}
		// Open imported requests go on in the workflow; ended ones are history.
		open, ended := 0, 0
		for _, r := range recs {
			_, err := w.svc.Step(ctx, w.clerk, r.ID, casework.Step{Action: request.ActStart})
			switch {
			case r.Ended.IsZero():
				open++
				if err != nil {
					t.Errorf("continue imported %s (%s): %v", r.Tracking, r.State, err)
				}
			default:
				ended++
				if !errors.Is(err, apperr.Conflict) {
					t.Errorf("start an ended imported %s: %v; want Conflict", r.Tracking, err)
				}
			}
		}
		if open == 0 || ended == 0 {
			t.Errorf("%d open, %d ended: the test means little", open, ended)
		}
	})
}

func ExampleService_ImportLedger() {
	fmt.Println("gongkai ledger import --agency 北仑区司法局 台账.xlsx")
	// Output: gongkai ledger import --agency 北仑区司法局 台账.xlsx
}
