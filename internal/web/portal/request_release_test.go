package portal

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
)

// releasedFile is the file the fakes release to request 2026-0001 (code
// ABCDEFGHJK) and to request 3 of the fake account.
var releasedFile = casework.Attachment{ID: 9, RequestID: 1, Name: "统计表（遮盖后）.pdf", ContentType: "application/pdf", Size: 8, Released: true}

func (f *fakeRequests) PublicRelease(_ context.Context, tracking, code string, fileID int64, _ string) (casework.Attachment, io.ReadCloser, error) {
	if tracking != "2026-0001" || code != "ABCDEFGHJK" || fileID != releasedFile.ID {
		return casework.Attachment{}, nil, apperr.New(apperr.NotFound, "attachment.not_found")
	}
	return releasedFile, io.NopCloser(strings.NewReader("%PDF-1.4")), nil
}

func (f *fakeAccounts) OpenRelease(_ context.Context, accountID, requestID, fileID int64, _ string) (casework.Attachment, io.ReadCloser, error) {
	if accountID != fakeAccount.ID || requestID != 3 || fileID != releasedFile.ID {
		return casework.Attachment{}, nil, apperr.New(apperr.NotFound, "attachment.not_found")
	}
	return releasedFile, io.NopCloser(strings.NewReader("%PDF-1.4")), nil
}

// TestReleasedFileDownload checks the status page's released files: a
// form that posts the tracking number and code (never a URL with them),
// a download that is an attachment never cached nor run by the browser,
// and 404 for a wrong code or another file.
func TestReleasedFileDownload(t *testing.T) {
	h := newRequestSite(t, &fakeRequests{released: true})
	post := func(path string, v url.Values) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", path, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	status := post("/apply/status", url.Values{"tracking": {"2026-0001"}, "code": {"ABCDEFGHJK"}}).Body.String()
	for _, want := range []string{`<ul id="released">`, `action="/apply/status/file"`, `name="file" value="9"`, "统计表（遮盖后）.pdf"} {
		if !strings.Contains(status, want) {
			t.Errorf("status page lacks %q", want)
		}
	}
	ok := post("/apply/status/file", url.Values{"tracking": {"2026-0001"}, "code": {"ABCDEFGHJK"}, "file": {"9"}})
	if ok.Code != http.StatusOK || ok.Body.String() != "%PDF-1.4" || ok.Header().Get("Cache-Control") != "no-store" ||
		!strings.HasPrefix(ok.Header().Get("Content-Disposition"), "attachment;") ||
		!strings.Contains(ok.Header().Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("download: %d %q, headers %v", ok.Code, ok.Body.String(), ok.Header())
	}
	for name, v := range map[string]url.Values{
		"wrong code":   {"tracking": {"2026-0001"}, "code": {"WRONG"}, "file": {"9"}},
		"another file": {"tracking": {"2026-0001"}, "code": {"ABCDEFGHJK"}, "file": {"8"}},
		"no file":      {"tracking": {"2026-0001"}, "code": {"ABCDEFGHJK"}},
	} {
		if rec := post("/apply/status/file", v); rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "%PDF") {
			t.Errorf("%s: %d; want 404", name, rec.Code)
		}
	}
}
