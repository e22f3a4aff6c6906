package ledger_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/ledger"
)

// TestWriteCSVDefusesFormulas: no cell of an exported ledger, the note
// headers included, starts with a character that makes a spreadsheet run
// it (= + - @, tab, carriage return; SECURITY.md O-IV-02), and the guard
// comes off again on import.
func TestWriteCSVDefusesFormulas(t *testing.T) {
	l := genLedger(5, 1)
	if len(l.NoteHeaders) == 0 {
		t.Fatal("generated ledger has no note columns")
	}
	l.NoteHeaders[0] = `=HYPERLINK("http://evil.example/","x")`
	hostile := []string{"=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"}
	for i, v := range hostile {
		r := &l.Records[i%len(l.Records)]
		if len(r.Notes) == 0 {
			r.Notes = make([]string, len(l.NoteHeaders))
		}
		r.Notes[0] = v
	}
	var buf bytes.Buffer
	if err := ledger.WriteCSV(&buf, l); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for j, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("row %d col %d: %q starts like a formula", i+1, j+1, c)
			}
		}
	}
	got, err := ledger.Read(&buf)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if got.NoteHeaders[0] != l.NoteHeaders[0] {
		t.Errorf("note header read back as %q; want %q", got.NoteHeaders[0], l.NoteHeaders[0])
	}
}
