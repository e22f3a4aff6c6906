package annual_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/reportgen"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestAgencyIndexMatch(t *testing.T) {
	ags := []agency.Agency{{ID: 1, Name: "宁波市北仑区司法局"}, {ID: 2, Name: "宁波市鄞州区司法局"}, {ID: 3, Name: "北仑区教育局"},
		{ID: 4, Name: "某某县人民政府"}}
	x := annual.NewAgencyIndex(ags)
	tests := []struct {
		stated string
		want   int64 // 0: no match
		cands  int
	}{
		{"宁波市北仑区司法局", 1, 0},
		{"宁波市 北仑区司法局", 1, 0},   // white space ignored
		{"北仑区司法局", 1, 0},       // a unique suffix of a stored name
		{"浙江省宁波市北仑区教育局", 3, 0}, // a stored name ends the stated one
		{"司法局", 0, 2},          // the suffix of two: ambiguous, both listed
		{"区司法局", 0, 2},         // likewise
		{"海曙区司法局", 0, 0},       // unknown
		{"局", 0, 0},            // too short to be a suffix
		{"县人民政府", 4, 0},        // a unique suffix
		{"", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.stated, func(t *testing.T) {
			a, cands, ok := x.Match(tt.stated)
			if ok != (tt.want != 0) || a.ID != tt.want || len(cands) != tt.cands {
				t.Errorf("Match(%q) = %d %v %v; want %d with %d candidates", tt.stated, a.ID, cands, ok, tt.want, tt.cands)
			}
		})
	}
}

// importWorld is a county with three departments and a blob store.
type importWorld struct {
	st       *sqlstore.Store
	svc      *annual.Service
	blobs    *blob.Dir
	gov      agency.Agency
	beilun   agency.Agency // 宁波市北仑区司法局
	yinzhou  agency.Agency // 宁波市鄞州区司法局
	edu      agency.Agency // 宁波市北仑区教育局
	now      time.Time
	rng      *rand.Rand
	supScope []int64
}

func newImportWorld(t *testing.T, st *sqlstore.Store) *importWorld {
	t.Helper()
	ctx := context.Background()
	w := &importWorld{st: st, now: time.Date(2024, 3, 10, 2, 0, 0, 0, time.UTC), rng: rand.New(rand.NewPCG(1, 2))}
	mk := func(name string, parent int64) agency.Agency {
		a, err := st.CreateAgency(ctx, agency.Agency{Name: name, ParentID: parent, CreatedAt: w.now})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	w.gov = mk("宁波市人民政府", 0)
	w.beilun = mk("宁波市北仑区司法局", w.gov.ID)
	w.yinzhou = mk("宁波市鄞州区司法局", w.gov.ID)
	w.edu = mk("宁波市北仑区教育局", w.gov.ID)
	w.supScope = []int64{w.gov.ID, w.beilun.ID, w.yinzhou.ID, w.edu.ID}
	svc, err := annual.New(st, fakeCases{}, st, &audit.Log{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	w.svc = svc
	w.svc.Now = func() time.Time { return w.now }
	if w.blobs, err = blob.NewDir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	return w
}

// item is a generated valid report stating agency on year, as a file.
func (w *importWorld) item(name, stated string, year int, date string) annual.Import {
	r := reportgen.Report(w.rng, report.Template2021)
	r.Agency, r.Year, r.Date = stated, year, date
	text := reportgen.Render(r, reportgen.Pipes)
	return annual.Import{File: name, Format: "text", Data: []byte(text), Report: r}
}

func problemKeys(t *testing.T, err error) map[string]string {
	t.Helper()
	var probs annual.ImportProblems
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v; want ImportProblems", err)
	}
	out := map[string]string{}
	for _, p := range probs {
		key, _ := apperr.MessageOf(p.Err)
		out[p.File] = key
	}
	return out
}

func TestImport(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := newImportWorld(t, st)

		// All or nothing: one unknown and one ambiguous name stop the
		// whole run, and both are listed.
		good := w.item("beilun-2023.txt", "北仑区司法局", 2023, "2024-01-20")
		_, err := w.svc.Import(ctx, w.blobs, audit.CLI, []annual.Import{
			good,
			w.item("haishu.txt", "海曙区司法局", 2023, "2024-01-20"),
			w.item("sifaju.txt", "区司法局", 2023, "2024-01-20"),
		}, 0)
		keys := problemKeys(t, err)
		if want := map[string]string{"haishu.txt": "annual.import_unknown_agency", "sifaju.txt": "annual.import_ambiguous_agency"}; !mapsEqual(keys, want) {
			t.Errorf("problems %v; want %v", keys, want)
		}
		if _, err := st.ReportRecord(ctx, w.beilun.ID, 2023); !errors.Is(err, apperr.NotFound) {
			t.Errorf("after a refused run the good report is stored: err = %v", err)
		}

		// A wrong --year, a report stating none without --year, and two
		// reports of one agency's year are refused too.
		noYear := w.item("noyear.txt", "鄞州区司法局", 0, "")
		_, err = w.svc.Import(ctx, w.blobs, audit.CLI, []annual.Import{noYear, w.item("edu.txt", "北仑区教育局", 2022, "2023-01-10")}, 2023)
		if keys := problemKeys(t, err); keys["edu.txt"] != "annual.import_other_year" || len(keys) != 1 {
			t.Errorf("--year 2023: problems %v; want edu.txt on another year only (noyear.txt takes 2023)", keys)
		}
		_, err = w.svc.Import(ctx, w.blobs, audit.CLI, []annual.Import{noYear}, 0)
		if keys := problemKeys(t, err); keys["noyear.txt"] != "annual.import_no_year" {
			t.Errorf("no year: problems %v", keys)
		}
		_, err = w.svc.Import(ctx, w.blobs, audit.CLI, []annual.Import{good, w.item("again.txt", "宁波市北仑区司法局", 2023, "")}, 0)
		if keys := problemKeys(t, err); keys["again.txt"] != "annual.import_duplicate" {
			t.Errorf("duplicate: problems %v", keys)
		}

		// A clean run: 北仑 2022 and 2023 (chained in the same run), 鄞州
		// 2023 without a year of its own, published late.
		b22 := w.item("beilun-2022.txt", "宁波市北仑区司法局", 2022, "2023-01-15")
		// The generated 2023 report does not carry 2022's carried-forward
		// row over: R6, checked against the 2022 report of the same run,
		// is its only error.
		b22.Report.Requests[report.CarriedForward][report.ColTotal].V++
		b22.Report.Requests[report.CarriedForward][report.NaturalPerson].V++
		done, err := w.svc.Import(ctx, w.blobs, audit.CLI, []annual.Import{b22, good}, 0)
		if err != nil {
			t.Fatal(err)
		}
		late := w.item("yinzhou.txt", "鄞州区司法局", 0, "2024-02-20")
		done2, err := w.svc.Import(ctx, w.blobs, audit.CLI, []annual.Import{late}, 2023)
		if err != nil {
			t.Fatal(err)
		}
		done = append(done, done2...)
		if len(done) != 3 || done[1].Agency.ID != w.beilun.ID || done[2].Agency.ID != w.yinzhou.ID || done[2].Year != 2023 {
			t.Fatalf("imported %+v", done)
		}
		_, rep22, _ := w.svc.Published(ctx, w.beilun.ID, 2022)
		_, rep23, _ := w.svc.Published(ctx, w.beilun.ID, 2023)
		fs := report.ValidateWith(rep23, rep22, annual.ValidateOptions(w.beilun))
		if errs, _ := report.Count(fs); done[1].Errors != errs || !slices.Contains(report.RulesBroken(fs), report.RuleCarry) {
			t.Errorf("2023: %d errors stored; want %d, R6 against the 2022 report of the same run among them (%v)", done[1].Errors, errs, report.RulesBroken(fs))
		}

		// Stored as published, with the source file and the stated date.
		rec, rep, err := w.svc.Published(ctx, w.beilun.ID, 2023)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Agency != "宁波市北仑区司法局" || rec.PublishedAt.Format(time.DateOnly) != "2024-01-20" {
			t.Errorf("stored agency %q published %v; want the hierarchy's name and the stated date", rep.Agency, rec.PublishedAt)
		}
		src, err := st.ImportedSource(ctx, w.beilun.ID, 2023)
		if err != nil {
			t.Fatal(err)
		}
		if src.File != "beilun-2023.txt" || src.Size != int64(len(good.Data)) || src.ImportedBy != "cli" || !src.ImportedAt.Equal(w.now) {
			t.Errorf("source %+v", src)
		}
		if ok, err := w.blobs.Exists(ctx, src.BlobKey); !ok || err != nil {
			t.Errorf("blob %s exists = %v, %v", src.BlobKey, ok, err)
		}
		if _, err := st.ImportedSource(ctx, w.edu.ID, 2023); !errors.Is(err, apperr.NotFound) {
			t.Errorf("source of an agency with nothing imported: err = %v", err)
		}
		// Importing again is refused: a published report never changes.
		_, err = w.svc.Import(ctx, w.blobs, audit.CLI, []annual.Import{w.item("x.txt", "北仑区司法局", 2023, "")}, 0)
		if keys := problemKeys(t, err); keys["x.txt"] != "annual.import_exists" {
			t.Errorf("re-import: problems %v", keys)
		}

		// The overview counts imported reports as it counts compiled ones.
		ov, err := w.svc.OverviewOf(ctx, w.supScope, 2023)
		if err != nil {
			t.Fatal(err)
		}
		if ov.Published != 2 {
			t.Errorf("overview published = %d; want 2", ov.Published)
		}
		var lateRows []string
		for _, r := range ov.Rows {
			if r.Late {
				lateRows = append(lateRows, r.Agency)
			}
		}
		// 鄞州 published on 20 February, after 31 January; 教育局 has none
		// and the deadline has passed; 宁波市人民政府's deadline is 31 March.
		if want := []string{"宁波市鄞州区司法局", "宁波市北仑区教育局"}; !sameSet(lateRows, want) {
			t.Errorf("late %v; want %v", lateRows, want)
		}
		want := good.Report.Requests[report.New][report.ColTotal].V + late.Report.Requests[report.New][report.ColTotal].V
		if got := ov.Aggregate.Requests[report.New][report.ColTotal]; got != report.N(want) {
			t.Errorf("aggregate new total = %v; want %d, the sum of the imported reports", got, want)
		}
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestImportWithin: a supervisor's upload matches names only within its
// scope, so a report of an agency outside it is an unknown name and
// nothing is imported; within the scope it imports, from a file that is
// read again (Open) rather than held (Data).
func TestImportWithin(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := newImportWorld(t, st)
		scope := []int64{w.beilun.ID, w.edu.ID}
		in := w.item("beilun.txt", "北仑区司法局", 2023, "2024-01-20")
		out := w.item("yinzhou.txt", "鄞州区司法局", 2023, "2024-01-20")
		_, err := w.svc.ImportWithin(ctx, w.blobs, audit.CLI, []annual.Import{in, out}, 0, scope)
		if keys := problemKeys(t, err); !mapsEqual(keys, map[string]string{"yinzhou.txt": "annual.import_unknown_agency"}) {
			t.Fatalf("problems %v; want 鄞州 unknown outside the scope", keys)
		}
		data := in.Data
		in.Data, in.Open = nil, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
		done, err := w.svc.ImportWithin(ctx, w.blobs, audit.CLI, []annual.Import{in}, 0, scope)
		if err != nil || len(done) != 1 || done[0].Agency.ID != w.beilun.ID {
			t.Fatalf("imported %+v, %v", done, err)
		}
		src, err := st.ImportedSource(ctx, w.beilun.ID, 2023)
		if err != nil || src.Size != int64(len(data)) {
			t.Fatalf("source %+v, %v; want the reopened file's %d bytes", src, err, len(data))
		}
	})
}
