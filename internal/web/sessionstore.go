package web

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/alexedwards/scs/v2"
)

// HashedStore wraps the database's session store so that its rows are
// keyed by a hash of the session token, never the token itself: someone
// who can read the sessions table (a backup, a leaked dump, SQL access)
// cannot present a row's key as a cookie (#10 item 5, SECURITY.md O-SES).
// The hash is SHA-256 under its own label, so it differs from the
// SessionID the staff index and the "my sessions" forms show.
type HashedStore struct {
	// Inner is sqlite3store or postgresstore.
	Inner scs.Store
}

var _ scs.Store = HashedStore{}

// StoreKey returns the row key a session token is stored under.
func StoreKey(token string) string {
	sum := sha256.Sum256([]byte("gongkai-session-store:" + token))
	return hex.EncodeToString(sum[:])
}

// Find implements scs.Store.
func (h HashedStore) Find(token string) ([]byte, bool, error) {
	return h.Inner.Find(StoreKey(token))
}

// Commit implements scs.Store.
func (h HashedStore) Commit(token string, b []byte, expiry time.Time) error {
	return h.Inner.Commit(StoreKey(token), b, expiry)
}

// Delete implements scs.Store.
func (h HashedStore) Delete(token string) error {
	return h.Inner.Delete(StoreKey(token))
}
