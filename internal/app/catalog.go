package app

import (
	"context"
	"log/slog"
	"time"
)

// publishInterval is how often the server publishes the 主动公开 items
// whose set publication time has come (catalog.md §4: 负责人签发，定时发布).
const publishInterval = time.Minute

// runScheduledPublication publishes due items at start and then every
// publishInterval until ctx ends.
func runScheduledPublication(ctx context.Context, a *App, log *slog.Logger) {
	t := time.NewTicker(publishInterval)
	defer t.Stop()
	for {
		publishDue(ctx, a, log)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// publishDue is one pass of runScheduledPublication; it returns how many
// items it published.
func publishDue(ctx context.Context, a *App, log *slog.Logger) int {
	n, err := a.Catalog.PublishDue(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("scheduled publication", slog.String("error", err.Error()))
	case n > 0:
		log.Info("scheduled publication", slog.Int("published", n))
	}
	return n
}
