package ledger_test

import (
	"bytes"
	"testing"

	"github.com/gongkai/gongkai/internal/ledger"
)

// BenchmarkReadCSV100k reads a 100,000-row ledger in CSV.
func BenchmarkReadCSV100k(b *testing.B) {
	var buf bytes.Buffer
	if err := ledger.WriteCSV(&buf, genLedger(100_000, 1)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		l, err := ledger.Read(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if len(l.Records) != 100_000 {
			b.Fatalf("got %d records", len(l.Records))
		}
	}
}

// BenchmarkReadXLSX100k reads a 100,000-row ledger in XLSX.
func BenchmarkReadXLSX100k(b *testing.B) {
	var buf bytes.Buffer
	if err := ledger.WriteXLSX(&buf, genLedger(100_000, 1)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ledger.Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteCSV100k writes a 100,000-row ledger as CSV.
func BenchmarkWriteCSV100k(b *testing.B) {
	l := genLedger(100_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := ledger.WriteCSV(&buf, l); err != nil {
			b.Fatal(err)
		}
	}
}
