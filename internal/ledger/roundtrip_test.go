package ledger_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/ledger/gen"
)

func genLedger(n int, seed uint64) *ledger.Ledger {
	return gen.Ledger(gen.Options{
		Seed: seed, N: n, Notes: true, Tricky: true,
		From: calendar.MustParse("2022-01-01"), To: calendar.MustParse("2023-12-31"),
	})
}

func TestRoundTrip(t *testing.T) {
	formats := []struct {
		name  string
		write func(*bytes.Buffer, *ledger.Ledger) error
	}{
		{"csv", func(b *bytes.Buffer, l *ledger.Ledger) error { return ledger.WriteCSV(b, l) }},
		{"xlsx", func(b *bytes.Buffer, l *ledger.Ledger) error { return ledger.WriteXLSX(b, l) }},
	}
	for _, f := range formats {
		for _, seed := range []uint64{1, 2, 3} {
			t.Run(f.name, func(t *testing.T) {
				want := genLedger(500, seed)
				var buf bytes.Buffer
				if err := f.write(&buf, want); err != nil {
					t.Fatalf("write: %v", err)
				}
				got, err := ledger.Read(&buf)
				if err != nil {
					t.Fatalf("read back: %v", err)
				}
				if !reflect.DeepEqual(got.NoteHeaders, want.NoteHeaders) {
					t.Errorf("note headers: got %q; want %q", got.NoteHeaders, want.NoteHeaders)
				}
				if len(got.Records) != len(want.Records) {
					t.Fatalf("got %d records; want %d", len(got.Records), len(want.Records))
				}
				for i := range want.Records {
					g, w := got.Records[i], want.Records[i]
					if g.Row != i+2 {
						t.Errorf("record %d: row %d; want %d", i, g.Row, i+2)
					}
					g.Row = 0
					if !reflect.DeepEqual(g, w) {
						t.Fatalf("record %d:\ngot  %+v\nwant %+v", i, g, w)
					}
					if gc, wc := g.Case(), w.Case(); !reflect.DeepEqual(gc, wc) {
						t.Fatalf("case %d:\ngot  %+v\nwant %+v", i, gc, wc)
					}
				}
			})
		}
	}
}
