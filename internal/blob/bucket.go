package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/memblob" // mem:// for tests and demos
	_ "gocloud.dev/blob/s3blob"  // s3:// for S3-compatible object storage
	"gocloud.dev/gcerrors"
)

// partSize is the buffer of an upload to object storage: S3's smallest
// multipart part. With one part in flight at a time it bounds the memory
// of each Put.
const partSize = 5 << 20

// A Bucket is a Store in object storage through gocloud.dev/blob.
type Bucket struct {
	b *blob.Bucket
}

// OpenBucket opens the bucket a gocloud.dev URL names (s3://…, mem://).
func OpenBucket(ctx context.Context, url string) (*Bucket, error) {
	b, err := blob.OpenBucket(ctx, url)
	if err != nil {
		// gocloud's message repeats the URL: keep its query out.
		return nil, fmt.Errorf("blob: open %s: %s", redactURL(url), strings.ReplaceAll(err.Error(), url, redactURL(url)))
	}
	return &Bucket{b: b}, nil
}

// Put uploads r under key in parts of 5 MiB, one at a time.
func (s *Bucket) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	if err := CheckKey(key); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := s.b.NewWriter(ctx, key, &blob.WriterOptions{BufferSize: partSize, MaxConcurrency: 1,
		ContentType: "application/octet-stream"})
	if err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	n, err := io.Copy(w, r)
	if err != nil {
		cancel() // abandons the upload: nothing is written
		w.Close()
		return n, fmt.Errorf("blob: write %s: %w", key, err)
	}
	if err := w.Close(); err != nil {
		return n, fmt.Errorf("blob: write %s: %w", key, err)
	}
	return n, nil
}

// Get opens key for reading.
func (s *Bucket) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := CheckKey(key); err != nil {
		return nil, err
	}
	r, err := s.b.NewReader(ctx, key, nil)
	if err != nil {
		return nil, s.wrap(key, err)
	}
	return r, nil
}

// Delete removes key.
func (s *Bucket) Delete(ctx context.Context, key string) error {
	if err := CheckKey(key); err != nil {
		return err
	}
	return s.wrap(key, s.b.Delete(ctx, key))
}

// Exists reports whether key exists.
func (s *Bucket) Exists(ctx context.Context, key string) (bool, error) {
	if err := CheckKey(key); err != nil {
		return false, err
	}
	ok, err := s.b.Exists(ctx, key)
	return ok, s.wrap(key, err)
}

// List iterates over the objects under prefix.
func (s *Bucket) List(ctx context.Context, prefix string, fn func(key string, modified time.Time) error) error {
	it := s.b.List(&blob.ListOptions{Prefix: prefix})
	for {
		o, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("blob: list %s: %w", prefix, err)
		}
		if o.IsDir {
			continue
		}
		if err := fn(o.Key, o.ModTime); err != nil {
			return err
		}
	}
}

// Close closes the bucket.
func (s *Bucket) Close() error { return s.b.Close() }

func (s *Bucket) wrap(key string, err error) error {
	switch {
	case err == nil:
		return nil
	case gcerrors.Code(err) == gcerrors.NotFound:
		return fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return fmt.Errorf("blob: %s: %w", key, err)
}

// redactURL drops the query of a bucket URL from messages: it may hold
// an endpoint's credentials.
func redactURL(u string) string {
	if before, _, ok := strings.Cut(u, "?"); ok {
		return before + "?…"
	}
	return u
}
