package catalog

import (
	"context"
	"errors"
	"io"

	"github.com/gongkai/gongkai/internal/apperr"
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

// creditCodeReason returns the message of why checkCreditCode refused a
// code, to name inside the catalogue's own error.
func creditCodeReason(err error) apperr.Msg {
	var ie *idcheck.Error
	if errors.As(err, &ie) {
		return ie.Reason
	}
	return apperr.MsgOf(err)
}
