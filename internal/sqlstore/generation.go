package sqlstore

import (
	"context"
	"sync"
)

// PublicGeneration returns the generation of the public site: a number
// that every committed write to what an anonymous reader can see has
// moved (triggers of migration 00280, in the writing transaction). The
// rendered-page cache (internal/web/pagecache) keeps a page only while
// the generation it was rendered at is current.
func (s *Store) PublicGeneration(ctx context.Context) (int64, error) {
	var gen int64
	if err := s.queryRow(ctx, `SELECT gen FROM public_generation WHERE id = 1`).Scan(&gen); err != nil {
		return 0, s.mapErr("public generation", err)
	}
	return gen, nil
}

// commitHooks are the functions a Store calls after each write it
// commits (see OnCommit).
type commitHooks struct {
	mu sync.RWMutex
	fs []func()
}

// OnCommit adds f to the functions called after every transaction InTx
// commits and after every statement run through the store outside one.
// f must be quick and must not block: the page cache's f only marks its
// generation for a re-read, so a page read right after a publication in
// this process is never served from before it.
func (s *Store) OnCommit(f func()) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	s.hooks.fs = append(s.hooks.fs, f)
}

// committed calls the OnCommit functions.
func (s *Store) committed() {
	s.hooks.mu.RLock()
	defer s.hooks.mu.RUnlock()
	for _, f := range s.hooks.fs {
		f()
	}
}
