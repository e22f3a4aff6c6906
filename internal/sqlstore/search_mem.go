package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"maps"
	"slices"
	"sync"

	"github.com/gongkai/gongkai/internal/search"
)

var _ search.Store = (*Store)(nil)

// searchMemBudget bounds the postings the in-memory lists hold (about 9
// bytes each): past it, the lists used least recently are dropped.
var searchMemBudget = 16 << 20

// memChunkBits sets the documents of one chunk of the metadata: 4,096.
const memChunkBits = 12

// memBatch is how many changed documents one read of a refresh covers.
const memBatch = 500

// memMaxChanges is how many changed documents a refresh applies one by
// one; past it (a reindex, a bulk import) everything is reloaded.
const memMaxChanges = 20000

// A memChunk holds the metadata of 4,096 consecutive document ids.
type memChunk struct {
	meta    [1 << memChunkBits]search.Meta
	present [1 << memChunkBits]bool
}

// A memList is a list held in memory: a key's postings or a long term's
// verified matches.
type memList struct {
	l    search.List
	used int64 // the searchMem clock when last used
}

// searchMem is the store's in-memory copy of what a search matches
// against (issue #12, speed at 1,000,000 items): every search document's
// filter columns, the postings of the keys searched for, and the verified
// matches of the longer terms searched for, at a generation of the
// search_generation row (migration 00365). Before each search outside a
// transaction the copy is brought up to the database's generation by
// re-reading the documents search_changes lists since its own (or all of
// them, past memMaxChanges): a search that starts after a commit finds
// what it wrote and not what it withdrew, in this process or any other.
// Lists are loaded the first time a search needs them and kept while
// they fit searchMemBudget.
type searchMem struct {
	mu     sync.RWMutex
	gen    int64 // 0: nothing loaded
	tab    search.Table
	agIdx  map[int64]int32
	strIdx map[string]int32
	chunks map[int64]*memChunk
	lists  map[string]*memList // "k"+key, "t"+term
	// the folded texts of the fresh documents (migration 00366), whose
	// postings are in no block: replaced, never changed in place, so a
	// load may read it without the lock
	fresh   map[int64]string
	entries int
	clock   int64
	epoch   int64 // counts the reloads
	off     bool  // tests and benchmarks: always decline
}

// meta returns a document's metadata, or nil when it has none.
func (m *searchMem) meta() func(int64) *search.Meta {
	var last *memChunk
	lastN := int64(-1)
	return func(id int64) *search.Meta {
		n := id >> memChunkBits
		if n != lastN {
			last, lastN = m.chunks[n], n
		}
		if last == nil || !last.present[id&(1<<memChunkBits-1)] {
			return nil
		}
		return &last.meta[id&(1<<memChunkBits-1)]
	}
}

// listName is the name under which a term's list is kept: a term of one
// or two characters is its own key ("k"), a longer one a verified term
// ("t").
func listName(term string) string {
	if search.Exact(term) {
		return "k" + term
	}
	return "t" + term
}

// SearchEvaluate implements search.Store: it runs the query over the
// in-memory copy (searchMem), brought up to the database's generation
// first. Inside a transaction, whose uncommitted writes only its own
// reads see, it reads what the query needs in the transaction instead
// (searchDirect), as it does with the copy off.
func (s *Store) SearchEvaluate(ctx context.Context, q search.Query, f search.Filter, start, n int) (search.Evaluation, error) {
	if len(q.Terms) == 0 {
		return search.Evaluation{}, nil
	}
	if _, inTx := ctx.Value(txKey{s}).(*sql.Tx); inTx || s.mem.off {
		e, err := s.searchDirect(ctx, q, f, start, n)
		return e, s.mapErr("search", err)
	}
	m := &s.mem
	for range 3 {
		var gen int64
		if err := s.queryRow(ctx, "SELECT gen FROM search_generation WHERE id = 1").Scan(&gen); err != nil {
			return search.Evaluation{}, s.mapErr("search", err)
		}
		m.mu.RLock()
		if m.gen >= gen {
			lists := make([]*search.List, 0, len(q.Terms))
			for _, t := range q.Terms {
				if l := m.lists[listName(t)]; l != nil {
					lists = append(lists, &l.l)
				}
			}
			if len(lists) == len(q.Terms) {
				e := q.Evaluate(lists, &m.tab, m.meta, f, start, n)
				m.mu.RUnlock()
				m.touch(q.Terms)
				return e, nil
			}
		}
		m.mu.RUnlock()
		if err := s.memPrepare(ctx, q.Terms); err != nil {
			return search.Evaluation{}, err
		}
	}
	// reloaded under it three times (reindexes): read it directly
	e, err := s.searchDirect(ctx, q, f, start, n)
	return e, s.mapErr("search", err)
}

// touch marks the terms' lists as used now.
func (m *searchMem) touch(terms []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.clock++
	for _, t := range terms {
		if l := m.lists[listName(t)]; l != nil {
			l.used = m.clock
		}
	}
}

// memPrepare brings the copy up to the database's generation and loads
// the lists of the terms it lacks. The lists are read without holding the copy, so that
// searches whose lists are there go on meanwhile (verifying a long term
// that is new may read thousands of texts); once installed, the documents
// changed since the generation they were read at are applied to them.
func (s *Store) memPrepare(ctx context.Context, terms []string) error {
	m := &s.mem
	m.mu.Lock()
	if err := s.memRefresh(ctx); err != nil {
		m.mu.Unlock()
		return s.mapErr("search", err)
	}
	epoch, gen0, fresh := m.epoch, m.gen, m.fresh
	keep := map[string]bool{}
	have := map[string]search.List{} // keys held, for the long terms (copies: the copy may change meanwhile)
	var keys, long []string
	for _, t := range terms {
		keep[listName(t)] = true
		if m.lists[listName(t)] != nil {
			continue
		}
		if search.Exact(t) {
			keys = append(keys, t)
			continue
		}
		long = append(long, t)
		for _, k := range search.TermKeys(t) {
			keep["k"+k] = true
			if l := m.lists["k"+k]; l != nil {
				have[k] = search.List{Docs: slices.Clone(l.l.Docs)}
			} else {
				keys = append(keys, k)
			}
		}
	}
	m.mu.Unlock()
	loaded := map[string]search.List{}
	for _, k := range keys {
		if _, ok := loaded["k"+k]; ok {
			continue
		}
		l, err := s.loadKey(ctx, k, fresh)
		if err != nil {
			return s.mapErr("search", err)
		}
		loaded["k"+k], have[k] = l, l
	}
	for _, t := range long {
		l, err := s.memLoadTerm(ctx, t, have)
		if err != nil {
			return s.mapErr("search", err)
		}
		loaded["t"+t] = l
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := s.memRefresh(ctx); err != nil {
		return s.mapErr("search", err)
	}
	if m.epoch != epoch {
		return nil // reloaded meanwhile: the lists read are of old ids (the caller tries again)
	}
	m.clock++
	meta := m.meta()
	for name, l := range loaded {
		if m.lists[name] == nil {
			l = keepPresent(l, meta) // ids in blocks of documents deleted since
			m.lists[name] = &memList{l: l}
			m.entries += listCost(&l)
		}
	}
	if m.gen > gen0 {
		if err := s.memReapply(ctx, gen0); err != nil {
			m.gen = 0 // half applied: reload next time
			return s.mapErr("search", err)
		}
	}
	for name := range keep {
		if l := m.lists[name]; l != nil {
			l.used = m.clock
		}
	}
	m.evict(keep)
	return nil
}

// memReapply applies again the documents changed after gen0 up to the
// copy's generation (m.mu held), or reloads everything when they are too
// many or pruned.
func (s *Store) memReapply(ctx context.Context, gen0 int64) error {
	m := &s.mem
	var floor int64
	if err := s.queryRow(ctx, "SELECT floor FROM search_generation WHERE id = 1").Scan(&floor); err != nil {
		return err
	}
	changed, err := s.int64s(ctx, "SELECT DISTINCT doc_id FROM search_changes WHERE gen > ? AND gen <= ? ORDER BY doc_id", gen0, m.gen)
	if err != nil {
		return err
	}
	if gen0 < floor || len(changed) > memMaxChanges {
		return s.memReload(ctx, m.gen)
	}
	if len(m.fresh) > 2*MergeMinDocs+memBatch {
		// merges since the copy was read: drop the texts of the
		// documents whose postings are in blocks now
		ids, err := s.int64s(ctx, "SELECT doc_id FROM search_fresh")
		if err != nil {
			return err
		}
		fresh := make(map[int64]string, len(ids))
		for _, id := range ids {
			if f, ok := m.fresh[id]; ok {
				fresh[id] = f
			}
		}
		m.fresh = fresh
	}
	for len(changed) > 0 {
		k := min(len(changed), memBatch)
		if err := s.memApply(ctx, changed[:k]); err != nil {
			return err
		}
		changed = changed[k:]
	}
	return nil
}

// listCost is what a list counts against searchMemBudget: its postings
// and a little for the list itself, so that many empty lists (queries
// that match nothing) are bounded too.
func listCost(l *search.List) int { return l.Len() + 64 }

// evict drops the lists used least recently, but those in keep, down to
// three quarters of searchMemBudget once the lists hold more than it.
func (m *searchMem) evict(keep map[string]bool) {
	if m.entries <= searchMemBudget {
		return
	}
	names := slices.Collect(maps.Keys(m.lists))
	slices.SortFunc(names, func(a, b string) int { return cmp.Compare(m.lists[a].used, m.lists[b].used) })
	for _, name := range names {
		if m.entries <= searchMemBudget/4*3 {
			return
		}
		if !keep[name] {
			m.entries -= listCost(&m.lists[name].l)
			delete(m.lists, name)
		}
	}
}

// memRefresh brings the copy up to the database's generation (m.mu held).
func (s *Store) memRefresh(ctx context.Context) error {
	m := &s.mem
	var gen, floor int64
	if err := s.queryRow(ctx, "SELECT gen, floor FROM search_generation WHERE id = 1").Scan(&gen, &floor); err != nil {
		return err
	}
	switch {
	case m.gen == 0 || m.gen < floor:
		return s.memReload(ctx, gen)
	case gen > m.gen:
		gen0 := m.gen
		m.gen = gen
		if err := s.memReapply(ctx, gen0); err != nil {
			m.gen = 0 // half applied: reload next time
			return err
		}
	}
	return nil
}

// memReload drops the copy and reads every document's metadata again.
func (s *Store) memReload(ctx context.Context, gen int64) error {
	m := &s.mem
	m.gen, m.tab, m.entries = 0, search.Table{}, 0
	m.epoch++
	m.agIdx, m.strIdx = map[int64]int32{}, map[string]int32{}
	m.chunks, m.lists = map[int64]*memChunk{}, map[string]*memList{}
	if err := s.memReadMeta(ctx, "", nil); err != nil {
		return err
	}
	fresh, err := s.freshTexts(ctx)
	if err != nil {
		return err
	}
	m.fresh = fresh
	m.gen = gen
	return nil
}
