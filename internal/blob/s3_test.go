package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/gongkai/gongkai/internal/pii"
)

// s3Bucket is the bucket the fake S3 server holds.
const s3Bucket = "gongkai-test"

// s3Server serves an in-memory S3-compatible API (gofakes3) on the
// loopback and returns the bucket URL that Open takes, as an operator
// would configure it: the real s3blob driver and AWS SDK speak HTTP to
// it, signing every request. No S3 endpoint is reachable from the build
// machines; this is the nearest to one.
func s3Server(t *testing.T) (url string, backend *s3mem.Backend) {
	t.Helper()
	backend = s3mem.New()
	if err := backend.CreateBucket(s3Bucket); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(srv.Close)
	// Credentials from the environment, as in production; no shared
	// files or instance metadata are consulted.
	t.Setenv("AWS_ACCESS_KEY_ID", "gongkai")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return "s3://" + s3Bucket + "?region=us-east-1&endpoint=" + srv.URL + "&use_path_style=true&disable_https=true", backend
}

// openS3 opens the fake server's bucket through Open, the way serve does
// with blob_url.
func openS3(t *testing.T) (Store, *s3mem.Backend) {
	t.Helper()
	url, backend := s3Server(t)
	st, err := Open(context.Background(), url, "")
	if err != nil {
		t.Fatalf("Open %s: %v", url, err)
	}
	if _, ok := st.(*Bucket); !ok {
		t.Fatalf("Open s3:// = %T; want *Bucket", st)
	}
	t.Cleanup(func() { st.Close() })
	return st, backend
}

// s3Objects lists the keys the S3 server itself holds.
func s3Objects(t *testing.T, backend *s3mem.Backend) []string {
	t.Helper()
	res, err := backend.ListBucket(s3Bucket, &gofakes3.Prefix{}, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range res.Contents {
		keys = append(keys, c.Key)
	}
	return keys
}

// TestS3Store runs the store contract, a multipart upload and a cut-off
// upload through the real s3blob driver against an S3-compatible server,
// plain and sealed.
func TestS3Store(t *testing.T) {
	ctx := context.Background()
	for _, sealed := range []bool{false, true} {
		name := "plain"
		if sealed {
			name = "sealed"
		}
		t.Run(name, func(t *testing.T) {
			st, backend := openS3(t)
			if sealed {
				k, _, _ := pii.GenerateKey()
				st = Seal(st, pii.NewKeyring(k))
			}
			contract(t, st)

			// 12 MiB: three parts of a multipart upload (partSize 5 MiB).
			big := make([]byte, 12<<20)
			for i := range big {
				big[i] = byte(i*7 + i>>12)
			}
			if n, err := st.Put(ctx, "requests/ab/big", bytes.NewReader(big)); err != nil || n != int64(len(big)) {
				t.Fatalf("Put 12 MiB = %d, %v", n, err)
			}
			rc, err := st.Get(ctx, "requests/ab/big")
			if err != nil {
				t.Fatal(err)
			}
			h := sha256.New()
			if _, err := io.Copy(h, rc); err != nil {
				t.Fatal(err)
			}
			rc.Close()
			if want := sha256.Sum256(big); !bytes.Equal(h.Sum(nil), want[:]) {
				t.Error("the 12 MiB object read back differs")
			}
			obj, err := backend.GetObject(s3Bucket, "requests/ab/big", nil)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(obj.Contents)
			obj.Contents.Close()
			if got := bytes.Equal(raw, big); got == sealed {
				t.Errorf("the server holds the plain bytes: %v; sealed %v", got, sealed)
			}

			// An upload cut off in the second part leaves no object.
			if _, err := st.Put(ctx, "requests/cd/cut", &failingReader{n: 7 << 20}); err == nil {
				t.Error("Put of a failing reader succeeded")
			}
			for _, k := range s3Objects(t, backend) {
				if strings.Contains(k, "cut") {
					t.Errorf("a cut-off upload left %s on the server", k)
				}
			}
		})
	}
}
