package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
)

// runFactsBackfill stores, in the background at start, the facts of the
// published reports that have none — a database migrated by an older
// `gongkai migrate`, or one whose backfill was cut off — logging the
// progress at most every 10 seconds. Meanwhile an overview of a scope
// with more such reports than annual.DefaultInlineBackfill is refused
// (503, annual.facts_pending), never summed without them.
func runFactsBackfill(ctx context.Context, a *App, log *slog.Logger) {
	var last time.Time
	p, err := a.Annual.BackfillFacts(ctx, 0, func(p annual.BackfillProgress) {
		if time.Since(last) < 10*time.Second && p.Done+p.Failed < p.Total {
			return
		}
		last = time.Now()
		log.Info("report facts backfill", slog.Int("done", p.Done+p.Failed), slog.Int("total", p.Total),
			slog.Int("failed", p.Failed), slog.Duration("elapsed", p.Elapsed))
	})
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("report facts backfill", slog.String("error", err.Error()), slog.Int("done", p.Done))
	case p.Total > 0 && err == nil:
		log.Info("report facts backfill done", slog.Int("stored", p.Done), slog.Int("failed", p.Failed), slog.Duration("elapsed", p.Elapsed))
	}
}
