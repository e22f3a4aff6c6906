package pii

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"
	"testing/iotest"
)

func sealAll(t testing.TB, kr *Keyring, plain []byte, ad string) []byte {
	t.Helper()
	r, err := kr.SealReader(bytes.NewReader(plain), []byte(ad))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func openAll(kr *Keyring, sealed []byte, ad string) ([]byte, error) {
	r, err := kr.OpenReader(bytes.NewReader(sealed), []byte(ad))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func randomBytes(n int, seed uint64) []byte {
	b := make([]byte, n)
	rng := rand.NewChaCha8([32]byte{byte(seed)})
	rng.Read(b)
	return b
}

func TestStreamRoundTrip(t *testing.T) {
	kr := testRing(t)
	for _, n := range []int{0, 1, 100, SegmentSize - 1, SegmentSize, SegmentSize + 1, 3 * SegmentSize, 3*SegmentSize + 7} {
		plain := randomBytes(n, uint64(n))
		sealed := sealAll(t, kr, plain, "attachments/a")
		if int64(len(sealed)) != kr.SealedSize(int64(n)) {
			t.Errorf("%d bytes: sealed %d bytes, SealedSize says %d", n, len(sealed), kr.SealedSize(int64(n)))
		}
		if n >= 16 && bytes.Contains(sealed, plain[:16]) {
			t.Errorf("%d bytes: sealed stream holds the plain text", n)
		}
		got, err := openAll(kr, sealed, "attachments/a")
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%d bytes: open = %d bytes, %v", n, len(got), err)
		}
		// One byte at a time on both sides gives the same.
		r, _ := kr.SealReader(iotest.OneByteReader(bytes.NewReader(plain)), []byte("x"))
		s2, err := io.ReadAll(iotest.OneByteReader(r))
		if err != nil {
			t.Fatal(err)
		}
		o, _ := kr.OpenReader(iotest.OneByteReader(bytes.NewReader(s2)), []byte("x"))
		if got, err := io.ReadAll(o); err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%d bytes one at a time: open = %d bytes, %v", n, len(got), err)
		}
	}
}

func TestStreamRefusesTampering(t *testing.T) {
	kr := testRing(t)
	plain := randomBytes(3*SegmentSize+100, 1)
	sealed := sealAll(t, kr, plain, "attachments/a")
	head := len(streamMagic) + 1 + len(kr.KeyID()) + saltSize
	ct := SegmentSize + 16
	seg := func(i int) []byte { return sealed[head+i*ct : min(head+(i+1)*ct, len(sealed))] }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	flipped := bytes.Clone(sealed)
	flipped[head+ct+5] ^= 1
	other, _, _ := GenerateKey()
	cases := map[string]struct {
		data []byte
		ad   string
		kr   *Keyring
	}{
		"flipped bit":            {data: flipped},
		"last segment dropped":   {data: sealed[:head+3*ct]},
		"cut inside a segment":   {data: sealed[:head+ct+100]},
		"segments swapped":       {data: cat(sealed[:head], seg(1), seg(0), seg(2), seg(3))},
		"segment repeated":       {data: cat(sealed[:head], seg(0), seg(0), seg(1), seg(2), seg(3))},
		"header only":            {data: sealed[:head]},
		"other name":             {data: sealed, ad: "attachments/b"},
		"other key":              {data: sealed, kr: NewKeyring(other)},
		"not a stream":           {data: []byte("sm4gcm:abcdef")},
		"empty":                  {data: nil},
		"appended final segment": {data: cat(sealed, seg(3))},
	}
	for name, c := range cases {
		ad, ring := "attachments/a", kr
		if c.ad != "" {
			ad = c.ad
		}
		if c.kr != nil {
			ring = c.kr
		}
		if _, err := openAll(ring, c.data, ad); !errors.Is(err, ErrStream) {
			t.Errorf("%s: open err = %v; want ErrStream", name, err)
		}
	}
}

func TestStreamOpensAfterRotation(t *testing.T) {
	old := testRing(t)
	sealed := sealAll(t, old, []byte("身份证扫描件"), "k")
	k2, _, _ := GenerateKey()
	ring := NewKeyring(k2, old.primary)
	if got, err := openAll(ring, sealed, "k"); err != nil || string(got) != "身份证扫描件" {
		t.Errorf("open with rotated ring = %q, %v", got, err)
	}
}

// TestStreamMemoryIsBounded seals and opens 16 MiB and checks that the
// heap allocated stays near a few segments, not the file's size.
func TestStreamMemoryIsBounded(t *testing.T) {
	kr := testRing(t)
	const n = 16 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r, _ := kr.SealReader(io.LimitReader(zeros{}, n), []byte("k"))
	o, err := kr.OpenReader(r, []byte("k"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.Copy(io.Discard, o)
	runtime.ReadMemStats(&after)
	if err != nil || got != n {
		t.Fatalf("copied %d, %v", got, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 2<<20 {
		t.Errorf("sealing and opening %d bytes allocated %d bytes; want under 2 MiB", n, alloc)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func FuzzOpenReader(f *testing.F) {
	kr := testRing(f)
	f.Add(sealAll(f, kr, []byte("hello"), "k"))
	f.Add(sealAll(f, kr, randomBytes(SegmentSize+3, 2), "k"))
	f.Add([]byte("GKS1\x08"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := kr.OpenReader(bytes.NewReader(data), []byte("k"))
		if err != nil {
			return
		}
		if _, err := io.ReadAll(r); err != nil && !errors.Is(err, ErrStream) {
			t.Errorf("error %v does not wrap ErrStream", err)
		}
	})
}
