package sqlstore

// SetSearchMem turns the in-memory copy of the search index on or off
// (off: every search reads the index through SQL, as inside a
// transaction), for benchmarks comparing the two.
func (s *Store) SetSearchMem(on bool) { s.mem.off = !on }

// SearchMemSize returns how many documents and postings the in-memory
// copy holds.
func (s *Store) SearchMemSize() (docs, postings int) {
	s.mem.mu.RLock()
	defer s.mem.mu.RUnlock()
	return s.mem.docs(), s.mem.entries
}
