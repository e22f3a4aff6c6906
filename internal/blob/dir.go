package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tmpDir is the directory inside a Dir where objects are written before
// they are renamed into place; List skips it.
const tmpDir = ".tmp"

// A Dir is a Store in a local directory: one file per object, mode 0600,
// in subdirectories 0700, written to a temporary file, synced, renamed
// into place and the directory synced, so that an object Put returned
// for survives a crash or a power cut (a kill -9 test covers it).
type Dir struct {
	root string
}

// NewDir returns a store in dir, creating it 0700 when missing.
func NewDir(dir string) (*Dir, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(abs, tmpDir), 0o700); err != nil {
		return nil, fmt.Errorf("blob: create %s: %w", abs, err)
	}
	return &Dir{root: abs}, nil
}

// Root returns the directory's absolute path.
func (d *Dir) Root() string { return d.root }

func (d *Dir) path(key string) (string, error) {
	if err := CheckKey(key); err != nil {
		return "", err
	}
	if key == tmpDir || strings.HasPrefix(key, tmpDir+"/") {
		return "", fmt.Errorf("%w: %q is reserved", ErrKey, key)
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

// Put writes r to a temporary file, syncs it and renames it to key.
func (d *Dir) Put(ctx context.Context, key string, r io.Reader) (n int64, err error) {
	p, err := d.path(key)
	if err != nil {
		return 0, err
	}
	f, err := os.CreateTemp(filepath.Join(d.root, tmpDir), "put-*")
	if err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	if n, err = io.Copy(f, ctxReader{ctx, r}); err != nil {
		return n, fmt.Errorf("blob: write %s: %w", key, err)
	}
	if err := f.Sync(); err != nil {
		return n, fmt.Errorf("blob: sync %s: %w", key, err)
	}
	if err := f.Close(); err != nil {
		return n, fmt.Errorf("blob: close %s: %w", key, err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return n, fmt.Errorf("blob: %w", err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		return n, fmt.Errorf("blob: %w", err)
	}
	return n, syncDir(filepath.Dir(p))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("blob: sync %s: %w", dir, err)
	}
	return nil
}

// Get opens the file of key.
func (d *Dir) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	return f, nil
}

// Delete removes the file of key.
func (d *Dir) Delete(ctx context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	err = os.Remove(p)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	return nil
}

// Exists reports whether key's file exists.
func (d *Dir) Exists(ctx context.Context, key string) (bool, error) {
	p, err := d.path(key)
	if err != nil {
		return false, err
	}
	_, err = os.Stat(p)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, fmt.Errorf("blob: %w", err)
}

// List walks the directory for files under prefix. It skips the
// temporary files of Puts in progress (RemoveTemp clears those a crash
// left).
func (d *Dir) List(ctx context.Context, prefix string, fn func(key string, modified time.Time) error) error {
	return filepath.WalkDir(d.root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("blob: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(d.root, p)
		key := filepath.ToSlash(rel)
		if e.IsDir() {
			if key == tmpDir {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(key, prefix) {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		return fn(key, info.ModTime())
	})
}

// RemoveTemp removes temporary files older than age, left by a Put that
// a crash interrupted, and returns how many it removed.
func (d *Dir) RemoveTemp(age time.Duration) (int, error) {
	es, err := os.ReadDir(filepath.Join(d.root, tmpDir))
	if err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	n := 0
	for _, e := range es {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			if os.Remove(filepath.Join(d.root, tmpDir, e.Name())) == nil {
				n++
			}
		}
	}
	return n, nil
}

// Close does nothing: a Dir holds no resources.
func (d *Dir) Close() error { return nil }

// ctxReader stops a copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
