package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/gongkai/gongkai/internal/attachtext"
)

// attachInterval is how often the server looks for attachments whose text
// search does not hold yet (条例第二十四条: attachment text is searched).
const attachInterval = 10 * time.Second

// runAttachmentText extracts the text of due attachments at start and
// then every attachInterval until ctx ends, one file at a time.
func runAttachmentText(ctx context.Context, a *App, log *slog.Logger) {
	w := &attachtext.Worker{Queue: a.Store, Blobs: a.Blobs}
	t := time.NewTicker(attachInterval)
	defer t.Stop()
	for {
		p, err := w.RunOnce(ctx, false, nil, nil)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("attachment text", slog.String("error", err.Error()))
		case p.Total() > 0:
			log.Info("attachment text", slog.Int("done", p.Done), slog.Int("retry", p.Retry),
				slog.Int("failed", p.Failed), slog.Int("skipped", p.Skipped))
		}
		for _, e := range p.Errors {
			log.Warn("attachment text", slog.String("error", e))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
