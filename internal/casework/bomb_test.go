package casework_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/bombcheck"
	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
)

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// TestBombAttachmentsFlagged stages an applicant's zip and XML bombs
// among a real DOCX and a PDF: each bomb is stored (an application is
// never refused for it) with its flag in the attachment row, the others
// without one; a clerk's upload carries the flag into the audit detail
// (#10 item 7).
func TestBombAttachmentsFlagged(t *testing.T) {
	var plain bytes.Buffer
	ooxml.NewDocument().Write(&plain)
	files := []struct {
		name string
		data []byte
		code string
	}{
		{"申请说明.docx", plain.Bytes(), ""},
		{"身份证明.pdf", []byte("%PDF-1.7\n%%EOF\n"), ""},
		{"压缩炸弹.docx", ooxmltest.ZipBomb(3, 64<<20), bombcheck.CodeRatio},
		{"实体炸弹.docx", ooxmltest.EntityBombDOCX(9), bombcheck.CodeDTD},
		{"嵌套.docx", ooxmltest.NestedDOCX("sdt", 50000), bombcheck.CodeXMLDepth},
	}
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		app := w.application("压缩炸弹")
		for _, f := range files {
			ct := docxType
			if strings.HasSuffix(f.name, ".pdf") {
				ct = "application/pdf"
			}
			app.Files = append(app.Files, w.stage(f.name, ct, f.data))
		}
		rc := w.rc(w.svc.Submit(ctx, app, "192.0.2.1"))
		as, err := w.svc.Attachments(ctx, w.clerk, rc.RequestID)
		if err != nil || len(as) != len(files) {
			t.Fatalf("attachments %d, %v", len(as), err)
		}
		for i, a := range as {
			if got := bombcheck.Parse(a.Hazard).Code; got != files[i].code {
				t.Errorf("%s: hazard %q; want code %q", a.Name, a.Hazard, files[i].code)
			}
		}
		a, err := w.svc.AddAttachment(ctx, w.clerk, rc.RequestID, w.stage("补充.docx", docxType, ooxmltest.ZipBomb(2, 64<<20)))
		if err != nil || !strings.HasPrefix(a.Hazard, bombcheck.CodeRatio) {
			t.Fatalf("clerk's bomb: %+v, %v", a, err)
		}
		evs, _ := w.log.Store.SearchAudit(ctx, audit.Filter{Action: "request.attach", Limit: 5})
		if len(evs) != 1 || !strings.Contains(evs[0].Detail, "hazard "+bombcheck.CodeRatio) {
			t.Errorf("audit of the clerk's bomb: %+v", evs)
		}
	})
}
