package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/bombcheck"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestBombAttachmentNeverScanned: a zip bomb and an XML bomb attached to
// a draft are stored with their flags, and the scanner (the server's text
// extraction) is never given them: a "hazard" finding stands in their
// place, so a person has to look before the item is signed (#10 item 7).
func TestBombAttachmentNeverScanned(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		w.svc.Blobs = memBlobs(t)
		ctx := context.Background()
		id, err := w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, normative("低保公示"))
		w.must(err)
		w.must(w.svc.Attach(ctx, w.clerk, id, "名单.txt", strings.NewReader("张三")))
		w.must(w.svc.Attach(ctx, w.clerk, id, "统计表.xlsx", strings.NewReader(string(ooxmltest.ZipBomb(3, 64<<20)))))
		w.must(w.svc.Attach(ctx, w.clerk, id, "说明.docx", strings.NewReader(string(ooxmltest.EntityBombDOCX(9)))))
		w.must(w.svc.Submit(ctx, w.clerk, id))
		it, err := w.svc.Get(ctx, w.rev, id)
		w.must(err)
		want := map[string]string{"名单.txt": "", "统计表.xlsx": bombcheck.CodeRatio, "说明.docx": bombcheck.CodeDTD}
		for _, a := range it.Content.Attachments {
			if got := bombcheck.Parse(a.Hazard).Code; got != want[a.Name] {
				t.Errorf("%s: hazard %q; want %q", a.Name, a.Hazard, want[a.Name])
			}
		}
		if slices.Contains(w.scan.names, "统计表.xlsx") || slices.Contains(w.scan.names, "说明.docx") || !slices.Contains(w.scan.names, "名单.txt") {
			t.Errorf("the scanner read %v; want 名单.txt and no bomb", w.scan.names)
		}
		var hazards []string
		for _, f := range it.Findings {
			if f.Kind == "hazard" {
				hazards = append(hazards, f.File)
			}
		}
		if slices.Sort(hazards); strings.Join(hazards, " ") != "统计表.xlsx 说明.docx" || !it.Blocked() {
			t.Errorf("hazard findings on %v, blocked %v; want both bombs, blocking", hazards, it.Blocked())
		}
		evs, _ := st.SearchAudit(ctx, audit.Filter{Action: "catalog.edit", Limit: 10})
		n := 0
		for _, e := range evs {
			if strings.Contains(e.Detail, "hazard ") {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%d uploads audited with their hazard; want 2", n)
		}
	})
}

// TestImportFlagsBombs: an imported item's XLSX that is a zip bomb is
// stored with its flag, and the import's scan lists it as a hazard
// instead of reading it.
func TestImportFlagsBombs(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		w.svc.Blobs = memBlobs(t)
		ctx := context.Background()
		files := mapFiles{fstest.MapFS{"files/a.txt": {Data: ooxmltest.ZipBomb(3, 64<<20)}}}
		line := strings.Replace(goodLine, `"name":"办法.txt"`, `"name":"统计表.xlsx"`, 1)
		lines, err := catalog.ReadItems(strings.NewReader(line+"\n"), w.a.Name, tree, files)
		w.must(err)
		res, err := w.svc.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, files)
		w.must(err)
		if len(res.Findings) != 1 || res.Findings[0].Kind != "hazard" || slices.Contains(w.scan.names, "统计表.xlsx") {
			t.Fatalf("findings %+v, scanned %v; want one hazard and no scan of it", res.Findings, w.scan.names)
		}
		ids, _ := st.ListItems(ctx, catalog.Filter{AgencyID: w.a.ID})
		it, err := w.svc.Get(ctx, w.clerk, ids[0].ID)
		w.must(err)
		if len(it.Content.Attachments) != 1 || bombcheck.Parse(it.Content.Attachments[0].Hazard).Code != bombcheck.CodeRatio {
			t.Errorf("stored attachments %+v", it.Content.Attachments)
		}
	})
}
