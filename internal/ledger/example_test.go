package ledger_test

import (
	"bytes"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/ledger/gen"
)

// exampleLedger is the ledger of testdata/example.csv: 60 requests of
// 2022 and 2023 as they stood on 15 January 2024.
func exampleLedger() *ledger.Ledger {
	return gen.Ledger(gen.Options{Seed: 2024, N: 60, Prefix: "BLSF", Notes: true,
		From: calendar.MustParse("2022-01-01"), To: calendar.MustParse("2023-12-31"), AsOf: calendar.MustParse("2024-01-15")})
}

// TestExampleLedger keeps testdata/example.csv, the README's example, in
// step with the generator and the writer (go test -run Example -update).
func TestExampleLedger(t *testing.T) {
	var buf bytes.Buffer
	if err := ledger.WriteCSV(&buf, exampleLedger()); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "example.csv", buf.String())
	l, err := ledger.ReadFile("testdata/example.csv")
	if err != nil {
		t.Fatalf("the example does not read: %v", err)
	}
	if len(l.Records) != 60 {
		t.Errorf("got %d records; want 60", len(l.Records))
	}
}
