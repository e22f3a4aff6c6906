package catalog

import (
	"context"
	"io"

	"github.com/gongkai/gongkai/internal/idcheck"
)

// Blobs is where attachment bytes live, outside the rows (package blob
// implements it on a local directory or object storage).
type Blobs interface {
	// Put stores r's bytes under key and returns how many it stored.
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
	// Get opens the object under key; the caller closes it.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
}

func checkCreditCode(s string) error {
	_, err := idcheck.CheckCreditCode(s)
	return err
}
