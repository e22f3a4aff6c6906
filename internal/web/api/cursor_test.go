package api

import (
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/catalog"
)

// FuzzDecodeCursor: any string decodes to a cursor or an error, never a
// panic, and a decoded cursor encodes back to one that decodes the same.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(catalog.Cursor{Published: time.Date(2022, 3, 10, 2, 0, 0, 123, time.UTC), ID: 7}))
	f.Add("")
	f.Add("!!!")
	f.Add("MjAyMi0wMy0xMFQwMjowMDowMFp8MA")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err != nil {
			return
		}
		if c.ID <= 0 {
			t.Fatalf("%q: id %d", s, c.ID)
		}
		back, err := decodeCursor(encodeCursor(c))
		if err != nil || back.ID != c.ID || !back.Published.Equal(c.Published) {
			t.Fatalf("%q: %+v round-trips to %+v %v", s, c, back, err)
		}
	})
}
