package pagecache

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// A Generation tracks the database's public generation (the number every
// committed write to public content moves; sqlstore.Store.PublicGeneration)
// without a database round trip per request. It reads the number again
//
//   - after a write committed in this process (Touch, which the store
//     calls after each commit): the next page read waits for that read,
//     so a page read right after a publication here is never one from
//     before it;
//   - and at most Every after its last read otherwise, for writes by
//     another process (a second server on PostgreSQL, the CLI on the
//     SQLite file): their pages are stale for at most Every.
type Generation struct {
	read   func(context.Context) (int64, error)
	every  time.Duration
	now    func() time.Time
	writes atomic.Uint64
	cur    atomic.Pointer[genState]
	mu     sync.Mutex // held while the number is read
}

type genState struct {
	gen    int64
	writes uint64 // the writes count before the read
	at     time.Time
}

// DefaultEvery is how stale a page may be after a write by another
// process: one second.
const DefaultEvery = time.Second

// NewGeneration returns a Generation reading the number with read at
// most every interval (DefaultEvery if zero) unless Touch asks sooner.
func NewGeneration(read func(context.Context) (int64, error), every time.Duration) *Generation {
	if every <= 0 {
		every = DefaultEvery
	}
	return &Generation{read: read, every: every, now: time.Now}
}

// Touch tells g that a write committed in this process: the next Current
// reads the number again before it answers.
func (g *Generation) Touch() { g.writes.Add(1) }

// Current returns the generation. It reads the database only after a
// Touch or when its last read is older than the interval; while one
// request makes the periodic read the others go on with the number read
// before, but after a Touch every request waits for the new number.
func (g *Generation) Current(ctx context.Context) (int64, error) {
	w := g.writes.Load()
	st := g.cur.Load()
	if st != nil && st.writes == w {
		if g.now().Sub(st.at) < g.every {
			return st.gen, nil
		}
		if !g.mu.TryLock() {
			return st.gen, nil
		}
	} else {
		g.mu.Lock()
	}
	defer g.mu.Unlock()
	w = g.writes.Load()
	if st := g.cur.Load(); st != nil && st.writes == w && g.now().Sub(st.at) < g.every {
		return st.gen, nil // read by the request that held the lock
	}
	gen, err := g.read(ctx)
	if err != nil {
		return 0, err
	}
	g.cur.Store(&genState{gen: gen, writes: w, at: g.now()})
	return gen, nil
}
