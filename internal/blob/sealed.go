package blob

import (
	"context"
	"io"
	"time"
)

// A Sealer encrypts streams bound to a name (pii.Keyring is one).
type Sealer interface {
	// SealReader returns a reader of plain sealed, bound to ad.
	SealReader(plain io.Reader, ad []byte) (io.Reader, error)
	// OpenReader returns a reader of the plain bytes of sealed, which
	// must have been sealed with the same ad.
	OpenReader(sealed io.Reader, ad []byte) (io.Reader, error)
}

// Sealed is a Store whose objects are sealed by a Sealer before they are
// stored and opened as they are read, each bound to its key: the store
// (a directory, a bucket and their backups) holds only ciphertext, and a
// file moved under another key does not open.
type Sealed struct {
	Store
	s Sealer
}

// Seal returns st with every object sealed by s.
func Seal(st Store, s Sealer) *Sealed { return &Sealed{Store: st, s: s} }

// Put seals r and stores it under key; it returns the plain bytes read.
func (st *Sealed) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	if err := CheckKey(key); err != nil {
		return 0, err
	}
	cr := &countReader{r: r}
	sr, err := st.s.SealReader(cr, []byte(key))
	if err != nil {
		return 0, err
	}
	if _, err := st.Store.Put(ctx, key, sr); err != nil {
		return cr.n, err
	}
	return cr.n, nil
}

// Get opens key's object; reading it returns an error at the first
// segment that does not authenticate.
func (st *Sealed) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	rc, err := st.Store.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	r, err := st.s.OpenReader(rc, []byte(key))
	if err != nil {
		rc.Close()
		return nil, err
	}
	return readCloser{r, rc}, nil
}

// List lists the objects of the underlying store.
func (st *Sealed) List(ctx context.Context, prefix string, fn func(key string, modified time.Time) error) error {
	return st.Store.List(ctx, prefix, fn)
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type readCloser struct {
	io.Reader
	io.Closer
}
