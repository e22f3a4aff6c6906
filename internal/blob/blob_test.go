package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/pii"
)

func stores(t *testing.T) map[string]Store {
	t.Helper()
	d, err := NewDir(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := OpenBucket(context.Background(), "mem://")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	k, _, _ := pii.GenerateKey()
	d2, _ := NewDir(filepath.Join(t.TempDir(), "sealed"))
	return map[string]Store{"dir": d, "mem": b, "sealed dir": Seal(d2, pii.NewKeyring(k))}
}

func TestStoreContract(t *testing.T) {
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) { contract(t, st) })
	}
}

// contract checks what every Store promises on a fresh store.
func contract(t *testing.T, st Store) {
	t.Helper()
	ctx := context.Background()
	big := bytes.Repeat([]byte("申请人身份证"), 50000)
	for key, data := range map[string][]byte{"requests/1/a": []byte("hello"), "requests/2/b.pdf": big, "empty": {}} {
		n, err := st.Put(ctx, key, bytes.NewReader(data))
		if err != nil || n != int64(len(data)) {
			t.Fatalf("Put %s = %d, %v", key, n, err)
		}
		rc, err := st.Get(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("Get %s = %d bytes, %v; want %d", key, len(got), err, len(data))
		}
		if ok, err := st.Exists(ctx, key); !ok || err != nil {
			t.Errorf("Exists %s = %v, %v", key, ok, err)
		}
	}
	var keys []string
	if err := st.List(ctx, "requests/", func(k string, m time.Time) error {
		if time.Since(m) > time.Hour {
			t.Errorf("%s modified %v", k, m)
		}
		keys = append(keys, k)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(keys)
	if strings.Join(keys, " ") != "requests/1/a requests/2/b.pdf" {
		t.Errorf("List = %v", keys)
	}
	if err := st.Delete(ctx, "requests/1/a"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.Exists(ctx, "requests/1/a"); ok {
		t.Error("deleted object still exists")
	}
	if _, err := st.Get(ctx, "requests/1/a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get deleted = %v; want ErrNotFound", err)
	}
	if err := st.Delete(ctx, "requests/1/a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete deleted = %v; want ErrNotFound", err)
	}
	for _, bad := range []string{"", "/abs", "a/../b", "a//b", "A", "a b", "trail/", "名字", strings.Repeat("a", 257)} {
		if _, err := st.Put(ctx, bad, strings.NewReader("x")); !errors.Is(err, ErrKey) {
			t.Errorf("Put %q = %v; want ErrKey", bad, err)
		}
	}

}

// failingReader gives some bytes, then an error: an upload cut off.
type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("connection reset")
	}
	n := min(len(p), f.n)
	clear(p[:n])
	f.n -= n
	return n, nil
}

func TestPutCutOffLeavesNothing(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		if _, err := st.Put(ctx, "requests/x", &failingReader{n: 300 << 10}); err == nil {
			t.Errorf("%s: Put of a failing reader succeeded", name)
		}
		if ok, _ := st.Exists(ctx, "requests/x"); ok {
			t.Errorf("%s: a cut-off Put left an object", name)
		}
		if d, ok := st.(*Dir); ok {
			if es, _ := os.ReadDir(filepath.Join(d.Root(), tmpDir)); len(es) != 0 {
				t.Errorf("%s: a cut-off Put left %d temporary files", name, len(es))
			}
		}
	}
}

func TestDirFileModes(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	d, err := NewDir(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Put(context.Background(), "requests/7/scan", strings.NewReader("id card")); err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(d.Root(), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := e.Info()
		want := fs.FileMode(0o600)
		if e.IsDir() {
			want = 0o700
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %v; want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRemoveTemp(t *testing.T) {
	d, _ := NewDir(t.TempDir())
	stale := filepath.Join(d.Root(), tmpDir, "put-1")
	os.WriteFile(stale, []byte("half"), 0o600)
	os.Chtimes(stale, time.Now().Add(-2*time.Hour), time.Now().Add(-2*time.Hour))
	fresh := filepath.Join(d.Root(), tmpDir, "put-2")
	os.WriteFile(fresh, []byte("in progress"), 0o600)
	if n, err := d.RemoveTemp(time.Hour); n != 1 || err != nil {
		t.Errorf("RemoveTemp = %d, %v; want 1", n, err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("RemoveTemp removed an upload in progress: %v", err)
	}
	if _, err := d.Put(context.Background(), ".tmp/x", strings.NewReader("x")); !errors.Is(err, ErrKey) {
		t.Errorf("Put .tmp/x = %v; want ErrKey", err)
	}
}

func TestSealedHoldsOnlyCiphertext(t *testing.T) {
	ctx := context.Background()
	d, _ := NewDir(t.TempDir())
	k, _, _ := pii.GenerateKey()
	st := Seal(d, pii.NewKeyring(k))
	plain := []byte(strings.Repeat("330106199001011234 ", 10000))
	for _, key := range []string{"requests/1/a", "requests/2/b"} {
		if _, err := st.Put(ctx, key, bytes.NewReader(plain)); err != nil {
			t.Fatal(err)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(d.Root(), "requests/1/a"))
	if bytes.Contains(raw, []byte("330106199001011234")) {
		t.Fatal("the stored file holds the plain text")
	}
	// A file moved under another object's key does not open.
	os.WriteFile(filepath.Join(d.Root(), "requests/2/b"), raw, 0o600)
	rc, err := st.Get(ctx, "requests/2/b")
	if err == nil {
		_, err = io.ReadAll(rc)
		rc.Close()
	}
	if !errors.Is(err, pii.ErrStream) {
		t.Errorf("reading a moved file: %v; want pii.ErrStream", err)
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	if st, err := Open(ctx, "", t.TempDir()); err != nil {
		t.Errorf("Open dir: %v", err)
	} else if _, ok := st.(*Dir); !ok {
		t.Errorf("Open dir = %T", st)
	}
	if st, err := Open(ctx, "mem://", ""); err != nil {
		t.Errorf("Open mem: %v", err)
	} else {
		st.Close()
	}
	d := t.TempDir()
	if st, err := Open(ctx, "file://"+d, ""); err != nil || st.(*Dir).Root() != d {
		t.Errorf("Open file:// = %v, %v", st, err)
	}
	if _, err := Open(ctx, "file://relative/x", ""); err == nil {
		t.Error("Open of a relative file URL succeeded")
	}
	if _, err := Open(ctx, "", ""); err == nil {
		t.Error("Open with neither directory nor URL succeeded")
	}
	_, err := Open(ctx, "ftp://host/x?secret=1", "")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("Open ftp = %v; want an error without the query", err)
	}
}
