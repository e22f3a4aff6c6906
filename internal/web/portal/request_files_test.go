package portal

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"testing"
)

func multipartForm(t *testing.T, files map[string]string, fileType string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range goodForm {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for name, content := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="files"; filename="`+name+`"`)
		h.Set("Content-Type", fileType)
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(content))
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func TestRequestAttachments(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		typ    string
		status int
		want   string
		nFiles int
	}{
		{"pdf accepted", map[string]string{"身份证.pdf": "%PDF-1.4 test"}, "application/pdf", 303, "", 1},
		{"exe refused", map[string]string{"virus.exe": "MZ"}, "application/octet-stream", 400, `id="files-error"`, 0},
		{"type mismatch refused", map[string]string{"a.pdf": "%PDF-1.4"}, "image/png", 400, "不符", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake := &fakeRequests{}
			h := newRequestSite(t, fake)
			body, ct := multipartForm(t, tc.files, tc.typ)
			req := httptest.NewRequest("POST", "/apply", body)
			req.Header.Set("Content-Type", ct)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d; want %d\n%s", rec.Code, tc.status, rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), tc.want) {
				t.Errorf("body lacks %q", tc.want)
			}
			if len(fake.got.Files) != tc.nFiles {
				t.Errorf("submitted %d files; want %d", len(fake.got.Files), tc.nFiles)
			}
		})
	}
}
