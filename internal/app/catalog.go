package app

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/blob"
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

// lazyBlobs opens the attachment directory on first use, so that a server
// (or a test) that never stores an attachment creates no directory.
type lazyBlobs struct {
	dir  string
	once sync.Once
	s    blob.Store
	err  error
}

func (l *lazyBlobs) open(ctx context.Context) (blob.Store, error) {
	l.once.Do(func() { l.s, l.err = blob.Open(ctx, "", l.dir) })
	return l.s, l.err
}

// Put implements catalog.Blobs.
func (l *lazyBlobs) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	s, err := l.open(ctx)
	if err != nil {
		return 0, err
	}
	return s.Put(ctx, key, r)
}

// Get implements catalog.Blobs.
func (l *lazyBlobs) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	s, err := l.open(ctx)
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, key)
}
