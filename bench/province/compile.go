package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// A target is one compiled agency as stored.
type target struct {
	id   int64
	name string
	idx  int // its index in the hierarchy
}

// services are the real services the back office runs, on the bench's
// database.
type services struct {
	cw  *casework.Service
	rep func() *annual.Service // a new annual service (each worker sets its own clock)
}

// head is the agency's 负责人, who alone may publish (条例第四十九条): a
// subject without an account (no user row; the audit events name it
// bench-head), as the annual package's own tests make them.
func head(agencyID int64) casework.Staffer {
	return casework.Staffer{Subject: auth.Subject{UserID: 1, Login: "bench-head", AgencyID: agencyID,
		Roles: []account.Role{account.Head}}, IP: "127.0.0.1"}
}

// entries are the hand entries a 负责人 saves before publishing: table 二
// all present, the three texts and the report's date.
func entries(rng *rand.Rand, date string) annual.Entries {
	n := func() report.Num { return report.N(int64(rng.IntN(4))) }
	z := report.N(0)
	return annual.Entries{Date: date, Proactive: report.Proactive{
		Regulations:        report.Triple{Issued: z, Repealed: z, InForce: z},
		NormativeDocuments: report.Triple{Issued: z, Repealed: z, InForce: z},
		LicensingDecisions: n(), PenaltyDecisions: n(), CoercionDecisions: n(), FeesWanYuan: report.D("0")},
		Sections: report.Sections{Overview: "本机关依法做好政府信息公开工作，依申请公开办理情况见表三。", Problems: "无。", Other: "无。"}}
}

// publishAll saves the hand entries and publishes the report of every
// target for each year in turn, through annual.Service — the back office's
// 保存 and 发布 — on workers goroutines. Each report is published on a day
// from 3 January to 6 February of the next year (noon, China time), so
// about one department in seven is late (31 January).
func publishAll(ctx context.Context, svc services, targets []target, years []int, workers int, seed uint64, progress func(done, total int)) error {
	total := len(targets) * len(years)
	var done atomic.Int64
	for _, year := range years {
		jobs := make(chan target)
		errs := make(chan error, workers)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := svc.rep()
				for t := range jobs {
					rng := rand.New(rand.NewPCG(seed, uint64(t.idx)<<16|uint64(year)|1<<62))
					day := time.Date(year+1, 1, 3, 4, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(35))
					a.Now = func() time.Time { return day }
					w := head(t.id)
					if err := a.Save(ctx, w, t.id, year, entries(rng, day.Format("2006-01-02"))); err != nil {
						errs <- fmt.Errorf("save %s %d: %w", t.name, year, err)
						return
					}
					if _, err := a.Publish(ctx, w, t.id, year); err != nil {
						errs <- fmt.Errorf("publish %s %d: %w", t.name, year, err)
						return
					}
					progress(int(done.Add(1)), total)
				}
			}()
		}
	feed:
		for _, t := range targets {
			select {
			case jobs <- t:
			case err := <-errs:
				close(jobs)
				wg.Wait()
				return err
			case <-ctx.Done():
				break feed
			}
		}
		close(jobs)
		wg.Wait()
		select {
		case err := <-errs:
			return err
		default:
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// compileAll compiles tables 三 and 四 of every target's year from its
// records with the real code — casework.Service.CompileEach: the stored
// rows of a batch of agencies read at once, their appeals, and the
// counting of package compile, the same as casework.Service.Compile (what
// `gongkai report build` and the back office's report page run) agency by
// agency — on workers goroutines, each given chunk targets at a time, and
// returns the totals of table 三 by agency.
func compileAll(ctx context.Context, cw *casework.Service, targets []target, year, workers, chunk int) (map[int64]Totals, int, time.Duration, error) {
	start := time.Now()
	var (
		mu    sync.Mutex
		out   = make(map[int64]Totals, len(targets))
		cases atomic.Int64
		first error
	)
	jobs := make(chan []casework.Named)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range jobs {
				err := cw.CompileEach(ctx, batch, year, func(a casework.Named, res *compile.Result, n int) error {
					q := res.Report.Requests
					t := Totals{New: q[report.New][report.ColTotal].V, Carried: q[report.CarriedOver][report.ColTotal].V,
						Concluded: q[report.RowTotal][report.ColTotal].V, Forward: q[report.CarriedForward][report.ColTotal].V}
					mu.Lock()
					out[a.ID] = t
					mu.Unlock()
					cases.Add(int64(n))
					return nil
				})
				if err != nil {
					mu.Lock()
					if first == nil {
						first = fmt.Errorf("compile %s… %d: %w", batch[0].Name, year, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < len(targets); i += chunk {
		var batch []casework.Named
		for _, t := range targets[i:min(i+chunk, len(targets))] {
			batch = append(batch, casework.Named{ID: t.id, Name: t.name})
		}
		jobs <- batch
	}
	close(jobs)
	wg.Wait()
	return out, int(cases.Load()), time.Since(start), first
}

// sameTotals returns an error naming the first target whose compiled
// totals differ from the GROUP BY's.
func sameTotals(targets []target, compiled, grouped map[int64]Totals, year int) error {
	for _, t := range targets {
		if c, g := compiled[t.id], grouped[t.id]; c != g {
			return fmt.Errorf("%s %d: compiled %+v; GROUP BY %+v", t.name, year, c, g)
		}
	}
	return nil
}
