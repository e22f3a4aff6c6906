package app

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web/portal"
)

// postMultipart sends fields and one file as multipart/form-data.
func postMultipart(t *testing.T, f *fixture, c *http.Client, path string, fields map[string][]string, field, name, typ, content string) response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+field+`"; filename="`+name+`"`)
	h.Set("Content-Type", typ)
	w, _ := mw.CreatePart(h)
	_, _ = w.Write([]byte(content))
	mw.Close()
	req, err := http.NewRequest("POST", f.srv.URL+path, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return f.receipt(c, "POST", path, response{status: resp.StatusCode, location: resp.Header.Get("Location"), header: resp.Header, body: string(b)})
}

var reFileLink = regexp.MustCompile(`href="(/admin/requests/\d+/attachments/\d+)"`)

// TestAttachmentScenario: an applicant attaches a PDF on the portal; the
// clerk of the handling agency sees and downloads it (audited), adds a
// scan of their own, and nobody else gets the file.
func TestAttachmentScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		resp := postMultipart(t, f, f.client(), "/apply", applyForm(f), "files", "身份证明.pdf", "application/pdf", "%PDF-1.4 scan")
		if resp.status != 200 || !strings.Contains(resp.body, `id="query-code"`) {
			t.Fatalf("apply with a file: %d\n%s", resp.status, clip(resp.body))
		}
		m := reTracking.FindStringSubmatch(resp.body)
		id, _, _ := func() (int64, string, string) {
			recs, _ := f.app.Store.RequestsByTracking(t.Context(), m[1])
			for _, r := range recs {
				if r.AgencyID == f.agencies["justice"].ID {
					return r.ID, "", ""
				}
			}
			t.Fatal("no request")
			return 0, "", ""
		}()
		page := requestPath(id)
		clerk := f.login("clerk")
		show := f.do(clerk, "GET", page, "", nil)
		link := reFileLink.FindStringSubmatch(show.body)
		if link == nil || !strings.Contains(show.body, "身份证明.pdf") {
			t.Fatalf("detail lacks the attachment\n%s", clip(show.body))
		}
		if got := f.do(clerk, "GET", link[1], "", nil); got.status != 200 || got.body != "%PDF-1.4 scan" {
			t.Errorf("download: %d %q", got.status, got.body)
		} else if csp := got.header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
			t.Errorf("download CSP = %q; want a sandbox (SECURITY.md O-FU-07)", csp)
		}
		if got := f.do(f.login("clerk2"), "GET", link[1], "", nil); got.status != 404 || strings.Contains(got.body, "PDF") {
			t.Errorf("other agency's clerk: %d; want 404", got.status)
		}
		if got := f.do(f.login("supervisor"), "GET", link[1], "", nil); got.status != 403 {
			t.Errorf("supervisor: %d; want 403", got.status)
		}
		if got := postMultipart(t, f, clerk, page+"/attachments", nil, "file", "来信扫描.png", "image/png", "\x89PNG\r\n\x1a\nrest"); got.status != 303 {
			t.Errorf("clerk upload: %d\n%s", got.status, clip(got.body))
		}
		if got := postMultipart(t, f, clerk, page+"/attachments", nil, "file", "x.png", "image/png", "not a png"); got.status != 400 || !strings.Contains(got.body, "不是 PNG") {
			t.Errorf("fake png: %d\n%s", got.status, clip(got.body))
		}
		if got := f.do(clerk, "GET", page, "", nil); !strings.Contains(got.body, "来信扫描.png") {
			t.Error("the clerk's upload is not listed")
		}
		f.run(t, scenario{name: "download audited", as: "auditadmin", method: "GET", url: "/admin/audit?action=request.attachment_download",
			status: 200, want: []string{"身份证明.pdf"}})
	})
}

func requestPath(id int64) string { return "/admin/requests/" + strings.TrimSpace(itoa(int(id))) }

// TestUploadsGoToTheBlobStore: an application's file is a sealed blob in
// the store, not a row of request_attachment_data; a body declared over
// the route's limit is refused with 413 before it is read, on the portal
// and in the back office (#10 item 1).
func TestUploadsGoToTheBlobStore(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		resp := postMultipart(t, f, f.client(), "/apply", applyForm(f), "files", "身份证明.pdf", "application/pdf", "%PDF-1.4 11010519491231002X")
		if resp.status != 200 {
			t.Fatalf("apply with a file: %d\n%s", resp.status, clip(resp.body))
		}
		var keys []string
		if err := f.app.Blobs.List(ctx, "requests/", func(k string, _ time.Time) error { keys = append(keys, k); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(keys) != 1 {
			t.Fatalf("%d blobs; want 1", len(keys))
		}
		rc, err := f.app.Blobs.Get(ctx, keys[0])
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(raw, []byte("11010519491231002X")) || bytes.Contains(raw, []byte("%PDF")) {
			t.Error("the blob holds the file in clear")
		}
		var n int
		if err := f.app.Store.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM request_attachment_data").Scan(&n); err != nil || n != 0 {
			t.Errorf("request_attachment_data has %d rows, %v; want 0", n, err)
		}
		for path, limit := range map[string]int64{"/apply": portal.MaxApplicationBody, "/admin/requests/1/attachments": casework.MaxAttachmentSize + 1<<20} {
			req := httptest.NewRequest("POST", path, strings.NewReader("x"))
			req.ContentLength = limit + 1
			req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
			rec := httptest.NewRecorder()
			f.app.Handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusRequestEntityTooLarge {
				t.Errorf("POST %s of %d bytes: %d; want 413", path, limit+1, rec.Code)
			}
		}
	})
}
