package casework_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
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

func TestAddAttachment(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		rc := w.reg(w.svc.Register(ctx, w.clerk, casework.Registration{Application: w.application("附件测试"),
			Submission: request.Submission{Channel: request.InPerson, Submitted: w.today}}))
		a := casework.Attachment{Name: "身份证明.pdf", ContentType: "application/pdf", Size: 2048, SHA256: strings.Repeat("ab", 32)}
		if _, err := w.svc.AddAttachment(ctx, w.clerkB, rc.RequestID, a); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency: %v", err)
		}
		for i := range casework.MaxAttachments {
			if _, err := w.svc.AddAttachment(ctx, w.clerk, rc.RequestID, a); err != nil {
				t.Fatalf("attachment %d: %v", i+1, err)
			}
		}
		if _, err := w.svc.AddAttachment(ctx, w.clerk, rc.RequestID, a); !errors.Is(err, apperr.Invalid) {
			t.Errorf("one too many: %v", err)
		}
	})
}
