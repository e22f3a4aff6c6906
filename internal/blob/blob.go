// Package blob stores files too large for a database row — request
// attachments, 主动公开 attachments — as opaque objects by key: in a local
// directory (the default, under the data directory) or in S3-compatible
// object storage through gocloud.dev/blob. Every operation streams: Put
// reads from an io.Reader and Get returns an io.ReadCloser, so memory per
// file is bounded by a buffer whatever the file's size. Sealed wraps a
// Store so that every object is encrypted in segments (package pii's
// streams, SECURITY.md E-DC-02) before it leaves the process.
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ErrNotFound is wrapped by Get and Delete when no object has the key.
var ErrNotFound = errors.New("blob: not found")

// ErrKey is wrapped by every error about a malformed key.
var ErrKey = errors.New("blob: bad key")

// A Store keeps objects by key. Keys are slash-separated paths of
// lower-case letters, digits, '-', '_' and '.' (see CheckKey).
type Store interface {
	// Put stores r's bytes under key, replacing any object there, and
	// returns how many bytes it stored. When Put returns nil the object
	// is durable (synced to disk, or acknowledged by the object store);
	// on an error nothing is left under key.
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
	// Get opens the object under key; the caller closes it.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes the object under key; a missing object is ErrNotFound.
	Delete(ctx context.Context, key string) error
	// Exists reports whether an object is under key.
	Exists(ctx context.Context, key string) (bool, error)
	// List calls fn with every object whose key starts with prefix and
	// its modification time, in no particular order, until fn returns an
	// error (which List returns).
	List(ctx context.Context, prefix string, fn func(key string, modified time.Time) error) error
	// Close releases the store's resources.
	Close() error
}

// CheckKey reports whether key is a valid object key: 1–256 bytes of
// lower-case ASCII letters, digits, '-', '_', '.' and '/', not starting or
// ending with '/', with no empty, "." or ".." segment. Keys are made by
// the program (never from a file name an applicant chose).
func CheckKey(key string) error {
	if key == "" || len(key) > 256 || strings.HasPrefix(key, "/") || strings.HasSuffix(key, "/") {
		return fmt.Errorf("%w: %q", ErrKey, key)
	}
	for _, c := range key {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
			return fmt.Errorf("%w: %q has %q", ErrKey, key, c)
		}
	}
	for seg := range strings.SplitSeq(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("%w: %q", ErrKey, key)
		}
	}
	return nil
}

// Open opens the store a configuration names: url "" is the local
// directory dir (created 0700 when missing), "file:///abs/dir" another
// local directory; "s3://bucket?region=…&
// endpoint=…&use_path_style=true" is S3-compatible object storage
// (credentials from the usual AWS_* variables or files); "mem://" keeps
// objects in memory (tests and demos).
func Open(ctx context.Context, url, dir string) (Store, error) {
	if strings.TrimSpace(url) == "" {
		if strings.TrimSpace(dir) == "" {
			return nil, errors.New("blob: no directory and no URL configured")
		}
		return NewDir(dir)
	}
	if p, ok := strings.CutPrefix(url, "file://"); ok {
		if !strings.HasPrefix(p, "/") {
			return nil, fmt.Errorf("blob: %s: a file URL needs an absolute path (file:///var/lib/gongkai/blobs)", url)
		}
		return NewDir(p)
	}
	return OpenBucket(ctx, url)
}
