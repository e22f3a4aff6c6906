package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/gongkai/gongkai/internal/sqlstore"
)

// searchChangesKept is how many generations of the search change log the
// hourly trim keeps (migration 00365). A copy further behind than the
// store's own threshold for applying changes one by one reloads anyway.
const searchChangesKept = 100_000

// searchUpkeepInterval is how often the search change log is trimmed and
// the postings published since are merged into blocks.
const searchUpkeepInterval = time.Hour

// runSearchUpkeep loads the in-memory copy of the search index at start,
// in the background, so that the first reader's search does not pay for
// it (issue #12: 3–4 s at a million items) — after merging what fresh
// documents there are into blocks — then every interval (Serve: every
// hour) trims the search change log to its newest keep generations (Serve:
// searchChangesKept), which else grows by every publication until a full
// reindex, and merges the postings of the documents published since the
// last merge into blocks once there are enough of them
// (sqlstore.MergeSearchPostings).
func runSearchUpkeep(ctx context.Context, st *sqlstore.Store, log *slog.Logger, every time.Duration, keep int64) {
	mergeSearchPostings(ctx, st, log)
	start := time.Now()
	n, err := st.WarmSearch(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("search warm-up", slog.String("error", err.Error()))
	case err == nil:
		log.Info("search warm-up", slog.Int("documents", n), slog.Duration("elapsed", time.Since(start)))
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		d, err := st.TrimSearchChanges(ctx, keep)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("search change log trim", slog.String("error", err.Error()))
		case d > 0:
			log.Info("search change log trim", slog.Int64("deleted", d))
		}
		mergeSearchPostings(ctx, st, log)
	}
}

// mergeSearchPostings writes the postings of the fresh search documents
// into blocks once there are enough of them (sqlstore.MergeSearchPostings).
func mergeSearchPostings(ctx context.Context, st *sqlstore.Store, log *slog.Logger) {
	start := time.Now()
	m, err := st.MergeSearchPostings(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("search postings merge", slog.String("error", err.Error()))
	case m > 0:
		log.Info("search postings merge", slog.Int64("postings", m), slog.Duration("elapsed", time.Since(start)))
	}
}
