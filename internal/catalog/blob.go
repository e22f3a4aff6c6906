package catalog

import (
	"context"
	"io"

	"github.com/gongkai/gongkai/internal/idcheck"
)

// Blobs is where attachment bytes live, outside the rows (package blob
// implements it on a local directory or object storage).
type Blobs interface {
	// Put stores r under key, replacing nothing: keys are new.
	Put(ctx context.Context, key string, r io.Reader) error
	// Open returns the bytes stored under key, or apperr.NotFound.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
}

func checkCreditCode(s string) error {
	_, err := idcheck.CheckCreditCode(s)
	return err
}
