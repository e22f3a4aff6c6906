package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// TestMigrateBackfillsFacts: `gongkai migrate` stores the facts of the
// published reports a migration emptied (as 00321 did), with its progress
// on stdout, even when no migration is left to apply (a run cut off is
// resumed), and then finds nothing to do.
func TestMigrateBackfillsFacts(t *testing.T) {
	dir := migrated(t)
	ctx := context.Background()
	st, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"北仑区司法局", "北仑区教育局", "北仑区财政局"} {
		a, err := st.CreateAgency(ctx, agency.Agency{Name: name, Kind: agency.Department, CreatedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		rep := report.Empty(compile.TemplateFor(2022))
		rep.Agency, rep.Year, rep.Requests[report.New][report.ColTotal] = name, 2022, report.N(int64(i))
		snap, _ := json.Marshal(rep)
		rec := annual.Record{AgencyID: a.ID, Year: 2022, Status: annual.Draft, UpdatedBy: "c", UpdatedAt: time.Now()}
		if err := st.SaveReportEntries(ctx, rec); err != nil {
			t.Fatal(err)
		}
		rec.Status, rec.Snapshot, rec.PublishedBy, rec.PublishedAt = annual.Published, snap, "h", time.Now()
		if err := st.PublishReport(ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.CountPendingFacts(ctx); err != nil || n != 3 {
		t.Fatalf("pending %d, %v; want 3", n, err)
	}
	st.Close()
	out, errOut, code := gk(t, "--data", dir, "migrate")
	if code != 0 || !strings.Contains(out, "report facts: 3/3") || !strings.Contains(out, "schema up to date") {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errOut)
	}
	out, _, code = gk(t, "--data", dir, "migrate")
	if code != 0 || strings.Contains(out, "report facts") {
		t.Fatalf("second migrate: exit %d\n%s", code, out)
	}
	st, err = sqlstore.OpenSQLite(ctx, filepath.Join(dir, "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountPendingFacts(ctx); err != nil || n != 0 {
		t.Fatalf("pending after migrate %d, %v; want 0", n, err)
	}
}
