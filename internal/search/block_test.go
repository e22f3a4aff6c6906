package search

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestBlockRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 127, 128, 5000} {
		var l List
		d := int64(0)
		for range n {
			d += 1 + rng.Int64N(300)
			l.Docs, l.W = append(l.Docs, d), append(l.W, uint8(rng.IntN(256)))
		}
		b := AppendBlock([]byte("x"), l.Docs, l.W)
		if b[0] != 'x' {
			t.Fatalf("n=%d: AppendBlock overwrote dst", n)
		}
		got := List{Docs: []int64{-1}, W: []uint8{9}} // appended to
		if err := DecodeBlock(b[1:], &got); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if !slices.Equal(got.Docs[1:], l.Docs) || !slices.Equal(got.W[1:], l.W) || got.Docs[0] != -1 {
			t.Fatalf("n=%d: round trip differs", n)
		}
	}
}

func TestDecodeBlockBad(t *testing.T) {
	good := AppendBlock(nil, []int64{3, 200, 70000}, []uint8{1, 2, 3})
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"cut in an id", good[:3]},
		{"weights missing", good[:len(good)-1]},
		{"bytes after", append(slices.Clone(good), 0)},
		{"ids not rising", AppendBlock(nil, []int64{5, 5}, []uint8{1, 1})},
		{"count past the end", []byte{0xff, 0x01, 1, 1}},
		{"huge id", append(append([]byte{1}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := List{Docs: []int64{1}, W: []uint8{1}}
			err := DecodeBlock(tc.b, &l)
			if !errors.Is(err, ErrBlock) {
				t.Fatalf("err = %v, want ErrBlock", err)
			}
			if l.Len() != 1 || len(l.W) != 1 {
				t.Fatalf("a failed decode changed the list: %v", l)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	for _, tc := range []struct {
		a, b, want List
	}{
		{List{}, List{Docs: []int64{1}, W: []uint8{1}}, List{Docs: []int64{1}, W: []uint8{1}}},
		{List{Docs: []int64{1, 4, 9}, W: []uint8{1, 4, 9}}, List{Docs: []int64{2, 4, 10}, W: []uint8{2, 40, 10}},
			List{Docs: []int64{1, 2, 4, 9, 10}, W: []uint8{1, 2, 40, 9, 10}}},
		{List{Docs: []int64{7}, W: []uint8{7}}, List{}, List{Docs: []int64{7}, W: []uint8{7}}},
	} {
		got := Merge(tc.a, tc.b)
		if !slices.Equal(got.Docs, tc.want.Docs) || !slices.Equal(got.W, tc.want.W) || !got.Sorted() {
			t.Errorf("Merge(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzDecodeBlock: any bytes decode to a rising list or fail with
// ErrBlock, and what decodes encodes back to the same list.
func FuzzDecodeBlock(f *testing.F) {
	f.Add(AppendBlock(nil, []int64{1, 2, 300}, []uint8{1, 2, 3}))
	f.Add([]byte{})
	f.Add([]byte{2, 0, 1, 5, 5})
	f.Fuzz(func(t *testing.T, b []byte) {
		var l List
		if err := DecodeBlock(b, &l); err != nil {
			if !errors.Is(err, ErrBlock) || l.Len() != 0 {
				t.Fatalf("err = %v, list %v", err, l)
			}
			return
		}
		if !l.Sorted() || len(l.W) != l.Len() || (l.Len() > 0 && l.Docs[0] <= 0) {
			t.Fatalf("decoded a bad list %v", l)
		}
		var again List
		if err := DecodeBlock(AppendBlock(nil, l.Docs, l.W), &again); err != nil || !slices.Equal(again.Docs, l.Docs) || !slices.Equal(again.W, l.W) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}
