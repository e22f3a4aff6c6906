package casework_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
)

func TestCheckAttachment(t *testing.T) {
	tests := []struct {
		name, ct string
		size     int64
		ok       bool
	}{
		{"身份证明.pdf", "application/pdf", 1000, true},
		{"照片.JPG", "image/jpeg", 1000, true},
		{"说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1, true},
		{"x.pdf", "application/pdf; charset=binary", 1, true},
		{"x.exe", "application/octet-stream", 1000, false},
		{"x.pdf", "text/html", 1000, false},
		{"x.pdf", "application/pdf", 0, false},
		{"x.pdf", "application/pdf", casework.MaxAttachmentSize + 1, false},
		{"../x.pdf", "application/pdf", 10, false},
		{"", "application/pdf", 10, false},
	}
	for _, tt := range tests {
		err := casework.CheckAttachment(tt.name, tt.ct, tt.size)
		if (err == nil) != tt.ok {
			t.Errorf("%q %q %d: err = %v; want ok=%v", tt.name, tt.ct, tt.size, err, tt.ok)
		}
	}
}

func TestAttachments(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		scan := []byte("%PDF-1.7\n身份证 11010519491231002X\n")
		app := w.application("附件测试")
		app.Files = []casework.File{{Name: "身份证明.pdf", ContentType: "application/pdf", Data: scan}}
		rc := w.rc(w.svc.Submit(ctx, app, "192.0.2.1"))
		bad := app
		bad.Files = []casework.File{{Name: "x.pdf", ContentType: "application/pdf", Data: []byte("<html>")}}
		if _, err := w.svc.Submit(ctx, bad, ""); !errors.Is(err, apperr.Invalid) {
			t.Errorf("an HTML file named .pdf: %v", err)
		}
		as, err := w.svc.Attachments(ctx, w.clerk, rc.RequestID)
		if err != nil || len(as) != 1 || as[0].Size != int64(len(scan)) || len(as[0].SHA256) != 64 {
			t.Fatalf("attachments %+v, %v", as, err)
		}
		var raw []byte
		if err := w.st.DB().QueryRowContext(ctx, "SELECT sealed FROM request_attachment_data").Scan(&raw); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), "11010519491231002X") || !strings.HasPrefix(string(raw), "sm4gcm:") {
			t.Errorf("attachment stored in clear: %q", raw[:20])
		}
		if _, _, err := w.svc.OpenAttachment(ctx, w.super, rc.RequestID, as[0].ID); !errors.Is(err, apperr.Forbidden) {
			t.Errorf("supervisor downloads: %v", err)
		}
		if _, _, err := w.svc.OpenAttachment(ctx, w.clerkB, rc.RequestID, as[0].ID); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency downloads: %v", err)
		}
		a, data, err := w.svc.OpenAttachment(ctx, w.clerk, rc.RequestID, as[0].ID)
		if err != nil || string(data) != string(scan) || a.Name != "身份证明.pdf" {
			t.Fatalf("download %q, %v", data, err)
		}
		evs, _ := w.log.Store.SearchAudit(ctx, audit.Filter{Action: "request.attachment_download", Limit: 10})
		if len(evs) != 3 {
			t.Errorf("%d download audit events; want 3 (2 denied, 1 ok)", len(evs))
		}
		f := casework.File{Name: "补充.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nxxxx")}
		if _, err := w.svc.AddAttachment(ctx, w.clerkB, rc.RequestID, f); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency adds: %v", err)
		}
		for i := 1; i < casework.MaxAttachments; i++ {
			if _, err := w.svc.AddAttachment(ctx, w.clerk, rc.RequestID, f); err != nil {
				t.Fatalf("attachment %d: %v", i+1, err)
			}
		}
		if _, err := w.svc.AddAttachment(ctx, w.clerk, rc.RequestID, f); !errors.Is(err, apperr.Invalid) {
			t.Errorf("one too many: %v", err)
		}
	})
}
