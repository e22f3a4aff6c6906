package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestImportReportsEqualsImportReport: importing 230 random reports (115
// agencies × 2 years, more than two multi-row chunks) with ImportReports
// stores exactly the rows ImportReport stores one report at a time — the
// published records, their sources, their first versions, their search
// documents and every posting — and an agency's year already stored makes
// the whole batch a Conflict that stores nothing.
func TestImportReportsEqualsImportReport(t *testing.T) {
	for _, backend := range sqlstoretest.Names {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			one, batch := sqlstoretest.Open(t, backend), sqlstoretest.Open(t, backend)
			rng := rand.New(rand.NewPCG(13, 2))
			var recs []annual.Record
			var srcs []annual.ImportSource
			now := time.Date(2024, 3, 1, 8, 30, 15, 123456789, time.UTC)
			for i := range 115 {
				var id int64
				for _, st := range []*sqlstore.Store{one, batch} {
					a, err := st.CreateAgency(ctx, agency.Agency{Name: fmt.Sprintf("某县第%d局", i), CreatedAt: now})
					if err != nil {
						t.Fatal(err)
					}
					id = a.ID
				}
				for _, year := range []int{2022, 2023} {
					r := reportgen.Report(rng, report.Template2021)
					r.Agency, r.Year, r.Date = fmt.Sprintf("某县第%d局", i), year, fmt.Sprintf("%d-01-%02d", year+1, 1+rng.IntN(28))
					snap, err := json.Marshal(r)
					if err != nil {
						t.Fatal(err)
					}
					at := now.Add(time.Duration(rng.IntN(1e6)) * time.Second)
					recs = append(recs, annual.Record{AgencyID: id, Year: year, Status: annual.Published, Snapshot: snap,
						Entries:   annual.Entries{Proactive: r.Proactive, Sections: r.Sections, Date: r.Date},
						UpdatedBy: "cli", UpdatedAt: now, PublishedBy: "cli", PublishedAt: at})
					srcs = append(srcs, annual.ImportSource{AgencyID: id, Year: year, File: fmt.Sprintf("r%d-%d.txt", i, year), Format: "text",
						BlobKey: fmt.Sprintf("reports/imported/%064x", i*10000+year), SHA256: fmt.Sprintf("%064x", i*10000+year),
						Size: int64(1000 + i), ImportedBy: "cli", ImportedAt: now})
				}
			}
			err := one.InTx(ctx, func(ctx context.Context) error {
				for i := range recs {
					if err := one.ImportReport(ctx, recs[i], srcs[i]); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			// A batch with one year already stored stores nothing.
			if err := batch.ImportReports(ctx, recs[:1], srcs[:1]); err != nil {
				t.Fatal(err)
			}
			if err := batch.ImportReports(ctx, recs, srcs); !errors.Is(err, apperr.Conflict) {
				t.Fatalf("a batch with a stored year: %v; want Conflict", err)
			}
			if n := count(t, batch.DB(), "SELECT count(*) FROM report_drafts"); n != 1 {
				t.Fatalf("%d records after the refused batch; want the 1 stored before", n)
			}
			if err := batch.ImportReports(ctx, recs[1:], srcs[1:]); err != nil {
				t.Fatal(err)
			}
			for _, q := range importedRows {
				want, got := dump(t, one.DB(), q), dump(t, batch.DB(), q)
				if want != got {
					t.Errorf("%s:\n batched %.300s\n one by one %.300s", q, got, want)
				}
				if len(want) < 1000 {
					t.Errorf("%s: too little stored to compare: %q", q, want)
				}
			}
		})
	}
}

// importedRows read back what an import stores, without the ids the
// database assigns.
var importedRows = []string{
	`SELECT agency_id, year, entries, status, updated_by, updated_at, published_by, published_at, snapshot FROM report_drafts ORDER BY agency_id, year`,
	`SELECT agency_id, year, file_name, format, blob_key, sha256, size, imported_by, imported_at FROM report_imports ORDER BY agency_id, year`,
	`SELECT agency_id, year, version, snapshot, note, published_by, published_at FROM report_versions ORDER BY agency_id, year, version`,
	`SELECT report_year, agency_id, version, index_no, category, published_at, plain, folded FROM search_docs ORDER BY agency_id, report_year`,
	`SELECT d.agency_id, d.report_year FROM search_fresh f JOIN search_docs d ON d.doc_id = f.doc_id ORDER BY d.agency_id, d.report_year`,
}

// dump returns the rows of q as text.
func dump(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fmt.Fprintf(&b, "%v|", v)
		}
		b.WriteByte('\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// count returns the number q counts.
func count(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
