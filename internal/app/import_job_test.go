package app

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/web/supervise"
)

// An import's page is its supervisor's: the clerk of another agency
// gets 403 (and anyone but the uploader 404, TestImportProgress).
func init() { otherAgencyIDs["/admin/reports/import/"] = "00112233445566778899aabbccddeeff" }

// uploadZip posts the import form body as login, which the server answers
// with a redirect to the page of the zip's reading in the background; it
// then polls the reading's progress until it is done, checking that the
// progress never goes back and ends with every file read, and returns the
// page's path and the last progress.
func (f *fixture) uploadZip(t *testing.T, login, body string, header http.Header) (string, supervise.JobProgress) {
	t.Helper()
	c := f.login(login)
	resp := f.do(c, "POST", "/admin/reports/import", body, header)
	if resp.status != http.StatusSeeOther || !strings.HasPrefix(resp.location, "/admin/reports/import/") {
		t.Fatalf("upload: status %d location %q; want 303 to the import's page\n%s", resp.status, resp.location, clip(resp.body))
	}
	var last supervise.JobProgress
	for i := 0; ; i++ {
		r := f.do(c, "GET", resp.location+"/progress", "", nil)
		var p supervise.JobProgress
		if r.status != http.StatusOK {
			t.Fatalf("progress: status %d; want 200\n%s", r.status, r.body)
		}
		if err := json.Unmarshal([]byte(r.body), &p); err != nil {
			t.Fatalf("progress %q: %v", r.body, err)
		}
		if p.Read < last.Read || (last.Total > 0 && p.Total != last.Total) || p.Read > p.Total || (last.Done && !p.Done) {
			t.Fatalf("progress went from %+v to %+v", last, p)
		}
		last = p
		if p.Done {
			if p.Read != p.Total {
				t.Fatalf("done at %d of %d files", p.Read, p.Total)
			}
			return resp.location, p
		}
		if i > 20000 {
			t.Fatalf("the import never finished: %+v", p)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestImportProgress: a supervisor's zip is read in the background; its
// progress (JSON) goes up to the number of report files and ends with the
// result; only that supervisor sees the import's page and progress — not
// another supervisor of the same office nor one of another scope (404) —
// and the result page is the one the upload used to answer.
func TestImportProgress(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		y := time.Now().In(time.FixedZone("CST", 8*3600)).Year() - 1
		data, _ := seasonZip(t, y, [2]string{"说明.doc", "not a report"})
		body, header := multipartZip(t, data)
		f.addUser("supervisor2", "supervisor", f.agencies["district"].ID)
		f.addUser("citysup", "supervisor", f.agencies["city"].ID)
		job, p := f.uploadZip(t, "supervisor", body, header)
		if want := (supervise.JobProgress{Phase: "done", Read: 2, Total: 2, Done: true, Imported: 2, Status: 200}); p.Text == "" || func() bool { p.Text = ""; return p != want }() {
			t.Errorf("final progress %+v; want %+v", p, want)
		}
		f.names["job"] = job
		f.walk(t, []scenario{
			{name: "the result", as: "supervisor", method: "GET", url: "{job}", status: 200,
				want: []string{`id="import-done"`, "已导入 2 份报告", "北仑区司法局", "北仑区教育局"}, notWant: []string{`id="import-job"`}},
			{name: "in English", as: "supervisor", method: "GET", url: "{job}?lang=en", status: 200, want: []string{"Imported 2 reports"}},
			{name: "another supervisor of the office", as: "supervisor2", method: "GET", url: "{job}", status: 404},
			{name: "nor its progress", as: "supervisor2", method: "GET", url: "{job}/progress", status: 404},
			{name: "a supervisor of another scope", as: "citysup", method: "GET", url: "{job}/progress", status: 404},
			{name: "not a supervisor", as: "clerk", method: "GET", url: "{job}/progress", status: 403},
			{name: "an unknown import", as: "supervisor", method: "GET", url: "/admin/reports/import/0123456789abcdef/progress", status: 404},
		})
		// Refused whole: the progress still reaches the total, and the
		// result counts the problem, nothing imported.
		again, p := f.uploadZip(t, "supervisor", body, header)
		if p.Imported != 0 || p.Problems != 2 || p.Status != http.StatusUnprocessableEntity {
			t.Errorf("second upload %+v; want 2 problems, nothing imported, 422", p)
		}
		f.run(t, scenario{name: "refused", as: "supervisor", method: "GET", url: again, status: 422, want: []string{"已有报告"}})
	})
}
